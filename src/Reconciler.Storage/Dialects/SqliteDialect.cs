using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

/// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override string IdentityKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public override string Text => "TEXT";

    public override string ShortText(int length) => "TEXT";

    public override string Boolean => "INTEGER";

    public override string True => "1";

    public override string False => "0";

    // WAL lets a reader (a clerk's `review list`) run while a run writes; foreign keys are off by default in SQLite.
    // A new database gets 16 KiB pages (the page size is fixed when its first table is made, before WAL is switched on;
    // for an existing database the pragma does nothing): a million-line import and its save touch a quarter as many
    // pages as with the default 4 KiB, so B-tree work, page splits and the checkpoint's copying shrink (in the sqlite3
    // shell, 1M receivables and lines inserted in 9.7 s instead of 13.4 s, the run's receivable update 7.2 -> 4.1 s).
    public override IEnumerable<string> OnOpen => ["PRAGMA page_size=16384", "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=30000"];

    // A ledger built under a name of its own and renamed into place once whole (FreshLedger): no journal and no syncs,
    // since a build that fails is deleted, not rolled back; the ledger takes WAL when the first store opens it in place.
    public override IEnumerable<string> OnOpenBuilding => ["PRAGMA page_size=16384", "PRAGMA journal_mode=OFF", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=OFF", "PRAGMA busy_timeout=30000"];

    // A store that only reads (a clerk's `review list`, `report`) must leave the file as it found it, byte for byte:
    // `journal_mode=WAL` rewrites the header of a ledger in rollback-journal mode (an older tool's, or one set back with
    // the sqlite3 shell) and waits for every other connection to finish first, and a read-write connection that is the
    // last to close checkpoints a WAL left by a writer that died into the file. Opened read-only, SQLite writes nothing
    // to the database file. A ledger in WAL mode still needs its -shm and -wal files: a read-only connection makes them
    // when the folder may be written (and leaves them, as a writer that died would: the next writer uses them), and
    // cannot open the ledger when they are missing and the folder is read-only (see LedgerStore.Open). Of the pragmas,
    // only the busy timeout matters to a reader (one in rollback-journal mode waits while a writer commits); the schema
    // is read at once, so that a ledger that cannot be read fails as the connection opens, not at its first query.
    public override string ReadOnly(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();

    public override IEnumerable<string> OnOpenReadOnly => ["PRAGMA busy_timeout=30000", "SELECT 1 FROM sqlite_master LIMIT 1"];

    // A bulk write touches far more pages than the default cache holds (2 MiB): pages evicted half-way through the
    // transaction are spilled and read again, which made importing 92k lines four times slower. The cache grows only
    // as pages are used, and goes back to the default afterwards (a pooled connection keeps its cache). Temporary
    // tables of the write stay in memory rather than in a temporary file.
    public override IEnumerable<string> BeforeBulk => ["PRAGMA cache_size=-262144", "PRAGMA temp_store=MEMORY"];

    public override IEnumerable<string> AfterBulk => ["PRAGMA cache_size=-2000", "PRAGMA temp_store=DEFAULT"];

    // A match run's save and a receivables sync check their references themselves (see LedgerStore.SaveRun and
    // LedgerStore.Sync): SQLite's per-row foreign-key lookups made the million allocations' insert about three times
    // slower, and a 1M sync about 2 s slower. Outside a transaction only.
    public override IEnumerable<string> ForeignKeysOff => ["PRAGMA foreign_keys=OFF"];

    public override IEnumerable<string> ForeignKeysOn => ["PRAGMA foreign_keys=ON"];

    // Temporary tables live as long as the (pooled) connection: drop a leftover first, and after use.
    public override IEnumerable<string> CreateTemp(string name, string columns) =>
        [$"DROP TABLE IF EXISTS temp.{name}", $"CREATE TEMP TABLE {name} ({columns})"];

    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING id";
}
