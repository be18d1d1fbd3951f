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
    private readonly bool _building;

    /// <summary>A store at <paramref name="location"/>; nothing is opened until the first operation.</summary>
    public LedgerStore(StoreLocation location, TimeProvider? clock = null)
        : this(location, clock, readOnly: false)
    {
    }

    private LedgerStore(StoreLocation location, TimeProvider? clock, bool readOnly, bool building = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        Location = location;
        _dialect = SqlDialect.For(location.Provider);
        _clock = clock ?? TimeProvider.System;
        IsReadOnly = readOnly;
        _building = building;
    }

    /// <summary>A store on a ledger being built under a name of its own, without journal or syncs (<see cref="FreshLedger"/>).</summary>
    internal static LedgerStore Building(StoreLocation location, TimeProvider? clock) => new(location, clock, readOnly: false, building: true);

    /// <summary>Where the ledger is.</summary>
    public StoreLocation Location { get; }

    /// <summary>Whether this store only reads (<see cref="ReadOnly"/>).</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// A store at <paramref name="location"/> for reading only, which leaves the database as it is: a SQLite file is
    /// opened read-only and none of the pragmas that change it (journal mode, page size) run, so its bytes, its journal
    /// mode and a WAL another writer left stay as they were. An operation that writes fails: on SQLite as the file is
    /// read-only, on PostgreSQL as every transaction of the store's sessions is read-only. SQL Server has no such session
    /// setting: there the store relies on its callers only reading.
    /// </summary>
    public static LedgerStore ReadOnly(StoreLocation location, TimeProvider? clock = null) => new(location, clock, readOnly: true);

    /// <summary>The schema version this program's migrations lead to.</summary>
    public static int LatestSchemaVersion { get; } = Schema.Migrations.Max(m => m.Version);

    /// <summary>Applies the missing schema migrations; returns the versions applied now (none when up to date).</summary>
    public IReadOnlyList<int> Migrate()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException($"the ledger {Location} was opened for reading only: it is not migrated");
        }

        using var connection = Open();
        return Migrator.Migrate(connection, _dialect, _clock);
    }

    /// <summary>The schema version of the database (0 before the first migration, or for a database that holds no ledger); changes nothing.</summary>
    public int SchemaVersion()
    {
        using var connection = Open();
        return Migrator.CurrentVersion(connection, _dialect);
    }

    /// <summary>
    /// As <see cref="SchemaVersion"/>, refusing a ledger that a newer release upgraded as <see cref="Migrate"/> does;
    /// changes nothing (a command that only reads asks this).
    /// </summary>
    /// <exception cref="LedgerUnusableException">The ledger's schema is newer than <see cref="LatestSchemaVersion"/>.</exception>
    public int KnownSchemaVersion()
    {
        var version = SchemaVersion();
        Migrator.RequireKnownVersion(version, LatestSchemaVersion);
        return version;
    }

    /// <summary>Appends one entry to the audit log.</summary>
    public void Audit(string actor, string action, string entity, string entityId, string? before, string? after, string? note)
    {
        using var connection = Open();
        Audit(connection, null, actor, action, entity, entityId, before, after, note);
    }

    internal DbConnection Open() => Open(Location.ConnectionString);

    /// <summary>
    /// A transaction on <paramref name="connection"/>. On a store that only reads: SQLite's deferred one, which takes no
    /// write lock (Microsoft.Data.Sqlite's default is <c>BEGIN IMMEDIATE</c>, which waits for, and then fails on, a writer
    /// holding the ledger: a read would fail where WAL lets it run beside the write) and reads one snapshot; on
    /// PostgreSQL a repeatable-read one, so that a report's or a list's several queries read one snapshot too rather
    /// than each its own (read committed, the default, would let a run's commit fall between them). A read-only
    /// transaction there never fails to serialise.
    /// </summary>
    internal DbTransaction Begin(DbConnection connection) => (IsReadOnly, connection) switch
    {
        (true, Microsoft.Data.Sqlite.SqliteConnection sqlite) => sqlite.BeginTransaction(deferred: true),
        (true, Npgsql.NpgsqlConnection postgres) => postgres.BeginTransaction(System.Data.IsolationLevel.RepeatableRead),
        _ => connection.BeginTransaction(),
    };

    /// <summary>
    /// A transaction for a method that only reads, on any store: on SQLite a deferred one, one snapshot without the write
    /// lock, so that an import or a person's review goes on meanwhile (the rules' facts take seconds to read at a
    /// million lines, the nightly report longer); otherwise as <see cref="Begin"/>.
    /// </summary>
    internal DbTransaction BeginReading(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : Begin(connection);

    /// <summary>A connection by <paramref name="connectionString"/> (the location's, or one derived from it), read-only for a store that only reads, with the dialect's pragmas run.</summary>
    private DbConnection Open(string connectionString)
    {
        var connection = _dialect.CreateConnection(IsReadOnly ? _dialect.ReadOnly(connectionString) : connectionString);
        try
        {
            connection.Open();
            foreach (var statement in IsReadOnly ? _dialect.OnOpenReadOnly : _building ? _dialect.OnOpenBuilding : _dialect.OnOpen)
            {
                connection.Execute(statement);
            }

            return connection;
        }
        catch (Microsoft.Data.Sqlite.SqliteException problem) when (IsReadOnly && problem.SqliteErrorCode == CantOpen)
        {
            connection.Dispose();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Location.ConnectionString).DataSource;
            throw new LedgerUnusableException(
                $"{file} cannot be opened for reading ({problem.Message}): check that the file may be read and, for a ledger in WAL mode "
                + $"(the default), that its folder may be written or holds its {Path.GetFileName(file)}-wal and {Path.GetFileName(file)}-shm files, "
                + "which SQLite needs even to read it; nothing was changed",
                problem);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>SQLite's <c>SQLITE_CANTOPEN</c>: the file, or a WAL ledger's -shm beside it, cannot be opened.</summary>
    private const int CantOpen = 14;

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
