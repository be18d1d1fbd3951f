using System.Diagnostics;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_SigtermWhileIdle_ExitsZeroWithinTheShutdownTimeoutLeavingNothingInProcessing()
    {
        // Arrange: a worker that has done some work and is idle.
        using var site = new ServeSite(receivables: 200, seed: 15);
        site.Stage("statement-a.csv", File.ReadAllText(site.StatementA));
        using var worker = ServeProcess.Start(site.Start());
        await worker.WaitHealthyAsync();
        site.Drop("statement-a.csv");
        await worker.WaitUntilAsync(() => site.Archived().Contains("statement-a.csv"), "statement-a.csv to be archived");
        await worker.WaitIdleAsync();

        // Act
        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert: ShutdownTimeout is 10 s in the site's configuration.
        log.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(code == 0, $"exit code {code}\n{worker.Describe()}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s to stop\n{worker.Describe()}");
        Assert.Empty(site.InProcessing());
        Assert.DoesNotContain(" fail: ", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_SigtermDuringImport_ExitsZeroAndTheNextStartImportsTheFileWholeOnce()
    {
        // Arrange: a statement whose import takes about a second.
        using var site = new ServeSite(receivables: 200, seed: 17);
        var text = StatementText.WithFees(site.StatementA, 12_000);
        var rows = StatementText.DataRows(text);
        site.Stage("big.csv", text);
        long linesAtStop;
        using (var first = ServeProcess.Start(site.Start(), "stopped worker"))
        {
            await first.WaitHealthyAsync();
            site.Drop("big.csv");
            await first.WaitForOutputAsync("big.csv: taken for import");

            // Act: stop it mid-import, then start again.
            var clock = Stopwatch.StartNew();
            first.Terminate();
            var code = await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            log.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.0} s; processing/: {string.Join(", ", site.InProcessing())}; archive/: {string.Join(", ", site.Archived())}");
            Assert.True(code == 0, $"exit code {code}\n{first.Describe()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s to stop\n{first.Describe()}");
            using var connection = OpenSqlite(site.Ledger);
            linesAtStop = LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line");
        }

        using var second = ServeProcess.Start(site.Start(), "restarted worker");
        await second.WaitIdleAsync();

        // Assert: never half-imported; imported whole, once, after the restart at the latest.
        Assert.True(linesAtStop == 0 || linesAtStop == rows, $"a stopped import left {linesAtStop} of {rows} lines");
        Assert.Equal(["big.csv"], site.Archived());
        Assert.Empty(site.InProcessing());
        Assert.Empty(site.FailedEntries());
        using var ledger = OpenSqlite(site.Ledger);
        Assert.Equal(["big.csv"], LedgerFacts.Names(ledger));
        Assert.Equal(rows, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(0, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
    }
}
