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
    public static IReadOnlyList<int> Migrate(DbConnection connection, SqlDialect dialect, TimeProvider clock, IReadOnlyList<Migration>? migrations = null)
    {
        migrations ??= Schema.Migrations;
        if (dialect.Provider == StorageProvider.SqlServer)
        {
            RequireCaseSensitive(connection.ExecuteScalar<string>("SELECT CONVERT(NVARCHAR(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation'))") ?? "", connection.Database);
        }

        EnsureVersionTable(connection, dialect);
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

        return applied;
    }

    /// <summary>The newest version applied, or 0 for a new database.</summary>
    public static int CurrentVersion(DbConnection connection, SqlDialect dialect)
    {
        EnsureVersionTable(connection, dialect);
        return connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version") ?? 0;
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

    private static void EnsureVersionTable(DbConnection connection, SqlDialect dialect)
    {
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
    /// SQL Server compares text by the database's collation, and a case-insensitive one (the usual default) would make
    /// customer <c>acme</c> the same key as <c>ACME</c>, and contract <c>kl-1</c> the same as <c>KL-1</c>, where SQLite,
    /// PostgreSQL and the matcher tell them apart: a sync would then fail on a key violation half-way through, or take
    /// one for the other. So the ledger needs a case-sensitive (<c>_CS</c>) or binary (<c>_BIN</c>, <c>_BIN2</c>) collation.
    /// </summary>
    /// <exception cref="LedgerUnusableException">The collation is case-insensitive.</exception>
    internal static void RequireCaseSensitive(string collation, string database)
    {
        if (!IsCaseSensitive(collation))
        {
            throw new LedgerUnusableException(
                $"the SQL Server database '{database}' has collation '{collation}', which compares text without regard to case: the ledger needs a case-sensitive one. Create the database with COLLATE Latin1_General_100_CS_AS (or a _BIN2 collation), or change it with ALTER DATABASE [{database}] COLLATE Latin1_General_100_CS_AS while it is empty");
        }
    }

    /// <summary>True for a collation that tells upper from lower case (its name has <c>_CS</c>, <c>_BIN</c> or <c>_BIN2</c>).</summary>
    internal static bool IsCaseSensitive(string collation) =>
        collation.Split('_').Any(part => part.Equals("CS", StringComparison.OrdinalIgnoreCase) || part.StartsWith("BIN", StringComparison.OrdinalIgnoreCase));

    // In capitals: a case-sensitive SQL Server database holds INFORMATION_SCHEMA.TABLES under that name; PostgreSQL folds it.
    private static bool VersionTableExists(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'schema_version'") > 0;
}
