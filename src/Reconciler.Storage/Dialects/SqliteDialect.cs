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
    public override IEnumerable<string> OnOpen => ["PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=30000"];

    // Temporary tables live as long as the (pooled) connection: drop a leftover first, and after use.
    public override IEnumerable<string> CreateTemp(string name, string columns) =>
        [$"DROP TABLE IF EXISTS temp.{name}", $"CREATE TEMP TABLE {name} ({columns})"];

    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING id";
}
