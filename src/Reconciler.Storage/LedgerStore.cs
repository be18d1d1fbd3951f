using System.Data.Common;
using Dapper;

namespace Reconciler.Storage;

/// <summary>
/// The reconciliation ledger in a database: receivables and customers, imported statement files and lines, match
/// runs, allocations, exceptions, and an append-only audit log. Every operation opens its own connection and
/// runs in one transaction, so a process that dies half-way leaves the ledger as it was before the operation.
/// SQL is plain and parameterised; <see cref="SqlDialect"/> holds what differs between SQLite, PostgreSQL and
/// SQL Server.
/// </summary>
public sealed partial class LedgerStore
{
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _clock;

    /// <summary>A store at <paramref name="location"/>; nothing is opened until the first operation.</summary>
    public LedgerStore(StoreLocation location, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        _dialect = SqlDialect.For(location.Provider);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Where the ledger is.</summary>
    public StoreLocation Location { get; }

    /// <summary>The schema version this program's migrations lead to.</summary>
    public static int LatestSchemaVersion { get; } = Schema.Migrations.Max(m => m.Version);

    /// <summary>Applies the missing schema migrations; returns the versions applied now (none when up to date).</summary>
    public IReadOnlyList<int> Migrate()
    {
        using var connection = Open();
        return Migrator.Migrate(connection, _dialect, _clock);
    }

    /// <summary>The schema version of the database (0 before the first migration, or for a database that holds no ledger); changes nothing.</summary>
    public int SchemaVersion()
    {
        using var connection = Open();
        return Migrator.CurrentVersion(connection, _dialect);
    }

    /// <summary>Appends one entry to the audit log.</summary>
    public void Audit(string actor, string action, string entity, string entityId, string? before, string? after, string? note)
    {
        using var connection = Open();
        Audit(connection, null, actor, action, entity, entityId, before, after, note);
    }

    internal DbConnection Open()
    {
        var connection = _dialect.CreateConnection(Location.ConnectionString);
        try
        {
            connection.Open();
            foreach (var statement in _dialect.OnOpen)
            {
                connection.Execute(statement);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs a query whose rows (many) are read one by one: on SQLite through <see cref="SqliteRowReader"/>, straight
    /// through its C API (inside the connection's transaction, as every statement on that connection), elsewhere through Dapper.
    /// </summary>
    internal static System.Data.IDataReader Rows(DbConnection connection, DbTransaction? transaction, string sql, object? parameters = null) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? SqliteRowReader.Open(sqlite, sql, parameters)
            : connection.ExecuteReader(sql, parameters, transaction);

    internal string Now() => Migrator.Instant(_clock);

    internal void Audit(DbConnection connection, DbTransaction? transaction, string actor, string action, string entity, string entityId, string? before, string? after, string? note) =>
        connection.Execute(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, before_state, after_state, note) VALUES (@At, @Actor, @Action, @Entity, @EntityId, @Before, @After, @Note)",
            new { At = Now(), Actor = actor, Action = action, Entity = entity, EntityId = entityId, Before = before, After = after, Note = note },
            transaction);
}
