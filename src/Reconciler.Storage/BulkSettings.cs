using System.Data.Common;
using Dapper;

namespace Reconciler.Storage;

/// <summary>The dialect's settings for a bulk write on one connection, applied now and undone at disposal.</summary>
internal sealed class BulkSettings : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;

    private BulkSettings(SqlDialect dialect, DbConnection connection)
    {
        _dialect = dialect;
        _connection = connection;
    }

    /// <summary>Applies <see cref="SqlDialect.BeforeBulk"/> to <paramref name="connection"/> (outside any transaction).</summary>
    public static BulkSettings Apply(SqlDialect dialect, DbConnection connection)
    {
        foreach (var statement in dialect.BeforeBulk)
        {
            connection.Execute(statement);
        }

        return new BulkSettings(dialect, connection);
    }

    /// <summary>Undoes the settings (after the write's transaction has ended), unless the connection is already closed.</summary>
    public void Dispose()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        foreach (var statement in _dialect.AfterBulk)
        {
            _connection.Execute(statement);
        }
    }
}
