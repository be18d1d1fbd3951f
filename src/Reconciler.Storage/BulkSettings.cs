using System.Data.Common;
using Dapper;

namespace Reconciler.Storage;

/// <summary>The dialect's settings for a bulk write on one connection, applied now and undone at disposal.</summary>
internal sealed class BulkSettings : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;
    private readonly bool _withoutForeignKeys;

    private BulkSettings(SqlDialect dialect, DbConnection connection, bool withoutForeignKeys)
    {
        _dialect = dialect;
        _connection = connection;
        _withoutForeignKeys = withoutForeignKeys;
    }

    /// <summary>
    /// Applies <see cref="SqlDialect.BeforeBulk"/> to <paramref name="connection"/> (outside any transaction), and
    /// <see cref="SqlDialect.ForeignKeysOff"/> with <paramref name="withoutForeignKeys"/> (the caller then checks
    /// the references it writes).
    /// </summary>
    public static BulkSettings Apply(SqlDialect dialect, DbConnection connection, bool withoutForeignKeys = false)
    {
        foreach (var statement in withoutForeignKeys ? dialect.BeforeBulk.Concat(dialect.ForeignKeysOff) : dialect.BeforeBulk)
        {
            connection.Execute(statement);
        }

        return new BulkSettings(dialect, connection, withoutForeignKeys);
    }

    /// <summary>Undoes the settings (after the write's transaction has ended), unless the connection is already closed.</summary>
    public void Dispose()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        foreach (var statement in _withoutForeignKeys ? _dialect.AfterBulk.Concat(_dialect.ForeignKeysOn) : _dialect.AfterBulk)
        {
            _connection.Execute(statement);
        }
    }
}
