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

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its number, 1 to 3) on a fresh site until a kill lands inside
    /// <paramref name="what"/>: a kill that comes too late (the attempt returns why) means the case was not tried, so
    /// it is tried again, a bounded number of times, and the test fails only when every attempt was too late.
    /// </summary>
    private async Task UntilTheKillLandsAsync(string what, Func<int, Task<string?>> attempt)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var late = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            if (await attempt(number) is { } tooLate)
            {
                late.Add(tooLate);
                continue;
            }

            log.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s ({number} attempt(s))");
            return;
        }

        Assert.Fail($"the kill came too late to interrupt {what} in all three attempts\n{string.Join("\n---\n", late)}");
    }
}
