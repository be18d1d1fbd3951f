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
        var settings = new BulkSettings(dialect, connection);
        try
        {
            foreach (var statement in dialect.BeforeBulk)
            {
                connection.Execute(statement);
            }
        }
        catch (DbException)
        {
            settings.Dispose(); // what was applied is undone before the connection goes back to the pool
            throw;
        }

        return settings;
    }

    /// <summary>
    /// Undoes the settings (after the write's transaction has ended), unless the connection is already closed. A
    /// connection that fails here (the error that ended the write, such as a full disk) keeps them: they only size
    /// its caches, and the write's own error must reach the caller, not this one.
    /// </summary>
    public void Dispose()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            foreach (var statement in _dialect.AfterBulk)
            {
                _connection.Execute(statement);
            }
        }
        catch (DbException)
        {
            // See above: nothing to add to the write's outcome.
        }
    }
}
