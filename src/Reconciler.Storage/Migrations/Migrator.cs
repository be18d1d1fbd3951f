using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Reconciler.Storage;

/// <summary>
/// Brings a database to the newest schema: creates the <c>schema_version</c> table when missing, then applies each
/// missing migration in its own transaction with its row in <c>schema_version</c>, so a migration is applied whole
/// or not at all, and applying twice (or from two processes at once) changes nothing.
/// </summary>
internal static class Migrator
{
    /// <summary>Applies the missing migrations; returns the versions applied now.</summary>
    /// <exception cref="LedgerUnusableException">The database holds a version newer than any of <paramref name="migrations"/> (a newer release upgraded it); nothing was changed.</exception>
    public static IReadOnlyList<int> Migrate(DbConnection connection, SqlDialect dialect, TimeProvider clock, IReadOnlyList<Migration>? migrations = null)
    {
        migrations ??= Schema.Migrations;
        EnsureVersionTable(connection, dialect);
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        RequireKnownVersion(HighestVersion(connection), known);
        var applied = new List<int>();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            using var transaction = connection.BeginTransaction();
            if (dialect.MigrationLock is { } lockSql)
            {
                connection.Execute(lockSql, transaction: transaction);
            }

            var done = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM schema_version WHERE version = @Version",
                new { migration.Version },
                transaction);
            if (done > 0)
            {
                transaction.Commit();
                continue;
            }

            foreach (var statement in migration.StatementsFor(dialect.Provider))
            {
                connection.Execute(dialect.Schema(statement), transaction: transaction);
            }

            connection.Execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = Instant(clock) },
                transaction);
            transaction.Commit();
            applied.Add(migration.Version);
        }

        // Again once this program's migrations are all in: a newer release may have upgraded the ledger meanwhile.
        RequireKnownVersion(HighestVersion(connection), known);
        return applied;
    }

    /// <summary>
    /// The newest version applied, or 0 for a database without the schema table (a new one, or one that holds no
    /// ledger). Only reads: a command that must not change the database can ask.
    /// </summary>
    public static int CurrentVersion(DbConnection connection, SqlDialect dialect) =>
        HasVersionTable(connection, dialect)
            ? HighestVersion(connection)
            : 0;

    /// <summary>The highest version in the schema table (which must exist), 0 when it holds none.</summary>
    private static int HighestVersion(DbConnection connection) =>
        connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version") ?? 0;

    /// <summary>
    /// Refuses a ledger whose schema is newer than this program knows: a newer release upgraded it (migration 16, for one,
    /// stores PostgreSQL's line keys as bytes, which an older import would compare with text and fail half-way through
    /// its first file), so this one must not read or write it.
    /// </summary>
    /// <exception cref="LedgerUnusableException">The ledger's version is above <paramref name="known"/>.</exception>
    internal static void RequireKnownVersion(int version, int known)
    {
        if (version > known)
        {
            throw new LedgerUnusableException(string.Create(
                CultureInfo.InvariantCulture,
                $"the ledger has schema version {version}, newer than this reconciler knows ({known}): a newer release upgraded it; run that release (nothing was changed)"));
        }
    }

    /// <summary>An instant as the ledger stores it: ISO 8601 UTC with milliseconds.</summary>
    public static string Instant(TimeProvider clock) => Instant(clock.GetUtcNow());

    /// <summary>An instant as the ledger stores it: ISO 8601 UTC with milliseconds (text that sorts as time does).</summary>
    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The statement that makes the schema table where it is missing.</summary>
    internal static string VersionTable(SqlDialect dialect) => dialect.Provider switch
    {
        StorageProvider.SqlServer => "IF OBJECT_ID(N'schema_version', N'U') IS NULL CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at NVARCHAR(40) NOT NULL)",
        _ => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)",
    };

    /// <summary>Makes the schema table where it is missing, after checking that the database can hold a ledger.</summary>
    /// <exception cref="LedgerUnusableException">A SQL Server database whose collation does not tell text apart as the ledger needs.</exception>
    private static void EnsureVersionTable(DbConnection connection, SqlDialect dialect)
    {
        if (dialect.Provider == StorageProvider.SqlServer)
        {
            RequireExactCollation(connection.ExecuteScalar<string>("SELECT CONVERT(NVARCHAR(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation'))") ?? "", connection.Database);
        }

        // Created outside the migrations' transactions; two processes racing here both succeed or one sees the table.
        try
        {
            connection.Execute(VersionTable(dialect));
        }
        catch (DbException) when (dialect.Provider != StorageProvider.Sqlite && VersionTableExists(connection))
        {
            // PostgreSQL's IF NOT EXISTS can still fail on a unique violation of pg_type when two sessions race, and SQL
            // Server's test and create are two steps ("There is already an object named …").
        }
    }

    /// <summary>
    /// SQL Server compares text by the database's collation, and its usual default ignores case: customer <c>acme</c>
    /// would be the same key as <c>ACME</c>, contract <c>kl-1</c> the same as <c>KL-1</c>, where SQLite, PostgreSQL and the
    /// matcher tell them apart, so a sync would fail on a key violation half-way through, or take one for the other.
    /// The same goes for accents, and (in the CJK text the ledger holds) for full-width against half-width characters
    /// and hiragana against katakana. So the ledger takes a binary collation (<c>_BIN</c>, <c>_BIN2</c>), or one that is
    /// sensitive to case, accents, kana and width (<c>_CS_AS_KS_WS</c>), and refuses any other before creating anything.
    /// </summary>
    /// <exception cref="LedgerUnusableException">The collation makes two different texts equal.</exception>
    internal static void RequireExactCollation(string collation, string database)
    {
        if (!TellsTextApart(collation))
        {
            throw new LedgerUnusableException(
                $"the SQL Server database '{database}' has collation '{collation}', under which different texts compare equal (in case, accents, kana or width): the ledger needs a binary one. Create the database with COLLATE Latin1_General_100_BIN2 (or change an empty one with ALTER DATABASE [{database}] COLLATE Latin1_General_100_BIN2; the columns of tables already made keep their collation)");
        }
    }

    /// <summary>True for a binary collation, or one sensitive to case, accents, kana and width.</summary>
    internal static bool TellsTextApart(string collation)
    {
        var parts = collation.Split('_');
        bool Has(string part) => parts.Contains(part, StringComparer.OrdinalIgnoreCase);
        return parts.Any(part => part.StartsWith("BIN", StringComparison.OrdinalIgnoreCase))
            || (Has("CS") && Has("AS") && Has("KS") && Has("WS"));
    }

    /// <summary>True when the schema table is there, as the connection's own queries find it (SQLite's main database, PostgreSQL's search path, SQL Server's default schema).</summary>
    private static bool HasVersionTable(DbConnection connection, SqlDialect dialect) => dialect.Provider switch
    {
        StorageProvider.Sqlite => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0,
        StorageProvider.Postgres => connection.ExecuteScalar<bool>("SELECT to_regclass('schema_version') IS NOT NULL"),
        _ => connection.ExecuteScalar<int?>("SELECT OBJECT_ID(N'schema_version', N'U')") is not null,
    };

    // In capitals: a case-sensitive SQL Server database holds INFORMATION_SCHEMA.TABLES under that name; PostgreSQL folds it.
    private static bool VersionTableExists(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'schema_version'") > 0;
}
