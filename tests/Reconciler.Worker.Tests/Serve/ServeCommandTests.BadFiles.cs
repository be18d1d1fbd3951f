using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_BadAndAwkwardFiles_EachEndsWhereItShouldAndTheWorkerKeepsRunning()
    {
        // Arrange: a worker that may not read what it is not allowed to (as nobody when the tests run as root).
        var clock = Stopwatch.StartNew();
        using var site = new ServeSite(receivables: 300, seed: 13);
        var (header, rowsB) = StatementText.Read(site.StatementB);
        var malformed = rowsB.Take(30).ToList();
        var fields = malformed[4].Split(',');
        fields[1] = "12.3x4";
        malformed[4] = string.Join(',', fields); // file row 6 (the header is row 1)
        site.Stage("malformed.csv", StatementText.Of(header, malformed));
        site.Stage("unreadable.csv", StatementText.Of(header, Fees("UNR", 20)));
        site.Stage("copy-of-a.csv", File.ReadAllText(site.StatementA));
        site.Stage("statement-a.csv", File.ReadAllText(site.StatementA));
        site.Stage("statement-b.csv", File.ReadAllText(site.StatementB));
        Directory.CreateDirectory(Path.Combine(site.Staging, "a-folder"));
        File.Copy(site.StatementB, Path.Combine(site.Staging, "a-folder", "inside.csv"));
        var growing = Fees("GROW", 40);
        var asNobody = ServeProcess.RunningAsRoot;
        site.OpenToAll();
        // Settle time 3 s against a row every 0.1 s: at 1 s a full test run on two cores once paused the writer longer than
        // that, the worker rightly took the half-written file, and the rest arrived as a second file.
        using var worker = ServeProcess.Start(site.Start(settleTime: "00:00:03") with { AsNobody = asNobody }, asNobody ? "worker (as nobody)" : "worker");
        await worker.WaitHealthyAsync();
        site.Drop("statement-a.csv");
        await worker.WaitUntilAsync(() => site.Archived().Contains("statement-a.csv"), "statement-a.csv to be archived");
        long linesOfA;
        using (var connection = OpenSqlite(site.Ledger))
        {
            linesOfA = LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line");
        }

        // Act: a malformed file, one the worker may not read, a folder, a link, and a file written slowly.
        File.SetUnixFileMode(Path.Combine(site.Staging, "unreadable.csv"), UnixFileMode.None);
        site.Drop("malformed.csv");
        site.Drop("unreadable.csv");
        Directory.Move(Path.Combine(site.Staging, "a-folder"), Path.Combine(site.Inbox, "a-folder"));
        File.CreateSymbolicLink(Path.Combine(site.Inbox, "link.csv"), site.StatementB);
        await WriteSlowlyAsync(Path.Combine(site.Inbox, "growing.csv"), header, growing, TimeSpan.FromSeconds(4));
        string[] refused = ["a-folder", "link.csv", "malformed.csv", "unreadable.csv"];
        await worker.WaitUntilAsync(() => site.FailedEntries().Count >= refused.Length && site.Archived().Contains("growing.csv"), "the refused entries in failed/ and growing.csv archived");
        await worker.WaitIdleAsync();
        site.Drop("copy-of-a.csv");
        await worker.WaitForOutputAsync("copy-of-a.csv: duplicate, same content (SHA-256)");
        await worker.WaitIdleAsync();
        long linesAfterCopy;
        using (var connection = OpenSqlite(site.Ledger))
        {
            linesAfterCopy = LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line");
        }

        site.Drop("statement-b.csv");
        await worker.WaitUntilAsync(() => site.Archived().Contains("statement-b.csv"), "a good file dropped after the bad ones to be archived");
        await worker.WaitIdleAsync();
        var health = await worker.HealthAsync();

        // Assert: each where it should be, with a reason a clerk can act on; the worker still healthy and importing.
        log.WriteLine($"worker ran {(asNobody ? "as nobody" : "as " + Environment.UserName)}; test took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(refused, site.FailedEntries());
        Assert.Equal(["copy-of-a.csv", "growing.csv", "statement-a.csv", "statement-b.csv"], site.Archived());
        Assert.Empty(site.InProcessing());
        var bad = ErrorText(site, "malformed.csv");
        Assert.Contains("file: malformed.csv", bad, StringComparison.Ordinal);
        Assert.Contains("row 6, column amount: \"12.3x4\" is not an amount", bad, StringComparison.Ordinal);
        var unreadable = ErrorText(site, "unreadable.csv");
        Assert.Contains("file: unreadable.csv", unreadable, StringComparison.Ordinal);
        Assert.Contains("cannot be read", unreadable, StringComparison.Ordinal);
        Assert.Contains("it is a folder", ErrorText(site, "a-folder"), StringComparison.Ordinal);
        Assert.Contains("it is a link", ErrorText(site, "link.csv"), StringComparison.Ordinal);
        Assert.True(File.Exists(site.StatementB), "the link's target was moved or deleted");
        Assert.Equal(HttpStatusCode.OK, health?.Status);
        Assert.False(worker.HasExited);
        using var ledger = OpenSqlite(site.Ledger);
        Assert.Equal(["growing.csv", "statement-a.csv", "statement-b.csv"], LedgerFacts.Names(ledger));
        Assert.Equal(growing.Count, LedgerFacts.Count(ledger, "SELECT lines FROM statement_file WHERE name = 'growing.csv'"));
        Assert.Equal(growing.Count, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line l JOIN statement_file f ON f.id = l.file_id WHERE f.name = 'growing.csv'"));
        Assert.Equal(linesOfA + growing.Count, linesAfterCopy);
        Assert.Equal(linesAfterCopy + rowsB.Count, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line"));
        SqliteConnection.ClearAllPools();
    }

    private static List<string> Fees(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"2026-04-{(i % 28) + 1:00},-{i + 1}.50,CNY,中国工商银行上海张江支行,3747343737300411869,手续费,{prefix}{i:0000000}")];

    /// <summary>Writes a statement the way a slow download does: the header and a first part, then a row at a time, closing the file between writes, for <paramref name="over"/>.</summary>
    private static async Task WriteSlowlyAsync(string path, string header, List<string> rows, TimeSpan over)
    {
        var pause = over / rows.Count;
        await File.WriteAllTextAsync(path, header + "\n", new UTF8Encoding(false));
        foreach (var row in rows)
        {
            await Task.Delay(pause);
            await File.AppendAllTextAsync(path, row + "\n");
        }
    }
}
