using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>
/// <c>reconciler serve</c> for real: worker processes started as finance's machines start them, killed, stopped,
/// sharing a PostgreSQL database, fed bad files; the watched folder and the ledger's tables say what happened.
/// Every wait is bounded, and every process is killed (with its children) when its test ends.
/// </summary>
[UnsupportedOSPlatform("windows")] // signals, setpriv, file modes
public sealed partial class ServeCommandTests(ITestOutputHelper log)
{
    private static SqliteConnection OpenSqlite(string path)
    {
        Assert.True(File.Exists(path), $"no ledger at {path}");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static string ErrorText(ServeSite site, string name)
    {
        var path = Path.Combine(site.Failed, name + ".error.txt");
        Assert.True(File.Exists(path), $"failed/{name}.error.txt is missing; failed/ holds: {string.Join(", ", Directory.GetFileSystemEntries(site.Failed).Select(Path.GetFileName))}");
        return File.ReadAllText(path);
    }
}
