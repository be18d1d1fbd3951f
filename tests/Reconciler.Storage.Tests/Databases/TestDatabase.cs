using System.Data.Common;

namespace Reconciler.Storage.Tests.Databases;

/// <summary>
/// One empty database for one test, on a real engine: a temp folder with the SQLite file, or a database created
/// on the PostgreSQL or SQL Server given by the environment. Dropped (or deleted) on dispose.
/// </summary>
internal abstract class TestDatabase : IDisposable
{
    /// <summary>The engine.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>Where the store finds the database.</summary>
    public abstract StoreLocation Location { get; }

    /// <summary>A new, empty database for <paramref name="provider"/>; skips or fails the test when its server is not given.</summary>
    public static TestDatabase Create(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteTestDatabase(),
        StorageProvider.Postgres => new PostgresTestDatabase(DatabaseServers.Require(provider)),
        StorageProvider.SqlServer => new SqlServerTestDatabase(DatabaseServers.Require(provider)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    };

    /// <summary>An open connection of the test's own, for reading what the store wrote.</summary>
    public abstract DbConnection Open();

    /// <summary>The query listing the database's own tables (one column: the name).</summary>
    public abstract string TablesQuery { get; }

    public abstract void Dispose();
}
