using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public Task Serve_KilledDuringImportThenRestarted_ImportsEveryLineOnceAndMatchesAsReconcileDoes() =>
        // The kill must land while the import runs (a few seconds); on a busy machine it can come too late.
        UntilTheKillLandsAsync("the import", _ => KillDuringImportThenRestartAsync());

    /// <summary>One try: null when the kill interrupted the import and the restarted worker's ledger was checked; else why not.</summary>
    private async Task<string?> KillDuringImportThenRestartAsync()
    {
        // Arrange: a statement padded with 40,000 bank-fee lines, so that its import takes a few seconds.
        using var site = new ServeSite(receivables: 800, seed: 11);
        var text = StatementText.WithFees(site.StatementA, 40_000);
        var rows = StatementText.DataRows(text);
        var staged = site.Stage("big.csv", text);
        var reference = Path.Combine(site.Path, "reference");
        var reconciled = CliRun.Of("reconcile", "--receivables", site.Receivables, "--statement", staged, "--data", reference, "--out", Path.Combine(reference, "results.csv"), "--quiet");
        Assert.True(reconciled.ExitCode == ExitCodes.Ok, reconciled.Error);
        string expected;
        using (var connection = OpenSqlite(Path.Combine(reference, "reconciler.db")))
        {
            expected = LedgerFacts.Summary(connection);
        }

        // Act: kill -9 the worker as soon as it has taken the file, then start another on the same folders.
        long linesAtKill;
        using (var first = ServeProcess.Start(site.Start(), "first worker"))
        {
            await first.WaitHealthyAsync();
            site.Drop("big.csv");
            await first.WaitForOutputAsync("big.csv: taken for import");
            first.Kill();
            if (!site.InProcessing().SequenceEqual(["big.csv"]) || site.Archived().Count > 0)
            {
                return $"processing/: {string.Join(", ", site.InProcessing())}; archive/: {string.Join(", ", site.Archived())}\n{first.Describe()}";
            }

            using var connection = OpenSqlite(site.Ledger);
            linesAtKill = LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line");
        }

        using var second = ServeProcess.Start(site.Start(), "restarted worker");
        await second.WaitIdleAsync();

        // Assert: the file is archived once, its lines stored once, and the ledger is what one reconcile makes.
        log.WriteLine($"lines in the ledger when killed: {linesAtKill} of {rows}");
        Assert.True(linesAtKill == 0 || linesAtKill == rows, $"a killed import left {linesAtKill} of {rows} lines: half-imported");
        Assert.Contains("big.csv: left in processing/ by an earlier run; import enqueued again", second.Output, StringComparison.Ordinal);
        Assert.Equal(["big.csv"], site.Archived());
        Assert.Empty(site.FailedEntries());
        Assert.Empty(site.InProcessing());
        using (var connection = OpenSqlite(site.Ledger))
        {
            Assert.Equal(1, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_file"));
            Assert.Equal(rows, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line"));
            Assert.Equal(0, LedgerFacts.DuplicatedLines(connection));
            Assert.Equal(0, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
            Assert.Empty(LedgerFacts.OverAllocated(connection));
            Assert.Equal(expected, LedgerFacts.Summary(connection));
        }

        return null;
    }
}
