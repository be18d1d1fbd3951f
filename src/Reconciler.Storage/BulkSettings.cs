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
        var settings = new BulkSettings(dialect, connection, withoutForeignKeys);
        try
        {
            foreach (var statement in settings.Statements(dialect.BeforeBulk, dialect.ForeignKeysOff))
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
    /// its caches, and the write's own error must reach the caller, not this one. Foreign keys left off that way do
    /// not outlive this use either: <see cref="LedgerStore"/> switches them on again each time it opens a connection
    /// (<see cref="SqlDialect.OnOpen"/>).
    /// </summary>
    public void Dispose()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            foreach (var statement in Statements(_dialect.AfterBulk, _dialect.ForeignKeysOn))
            {
                _connection.Execute(statement);
            }
        }
        catch (DbException)
        {
            // See above: nothing to add to the write's outcome.
        }
    }

    private IEnumerable<string> Statements(IEnumerable<string> bulk, IEnumerable<string> foreignKeys) =>
        _withoutForeignKeys ? bulk.Concat(foreignKeys) : bulk;
}
