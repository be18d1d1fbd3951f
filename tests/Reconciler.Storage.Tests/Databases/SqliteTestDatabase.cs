using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Tests.Databases;

/// <summary>The embedded SQLite file in a temp folder of its own, as <c>reconcile --data DIR</c> uses it.</summary>
internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-storage-tests-" + Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Location = StoreLocation.DataFolder(_folder);

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override StoreLocation Location { get; }

    public override string TablesQuery => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(Location.ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
