namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_ArchiveCannotBeWritten_LogsThatTheLinesAreInTheLedger_AndArchivesTheFileOnceItCan()
    {
        // Arrange: a running worker, then a regular file where today's (and tomorrow's) archive folder would go: the
        // move to archive/ fails for root too, with no permission or attribute to set.
        using var site = new ServeSite(receivables: 100, seed: 7);
        site.Stage("statement-a.csv", File.ReadAllText(site.StatementA));
        var lines = File.ReadAllLines(site.StatementA).Length - 1;
        using var worker = ServeProcess.Start(site.Start());
        await worker.WaitHealthyAsync();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        string[] blockers = [.. new[] { today, today.AddDays(1) }.Select(d => Path.Combine(site.Archive, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))];
        foreach (var blocker in blockers)
        {
            File.WriteAllText(blocker, "in the way");
        }

        // Act: drop a statement; once the worker has said what happened, make archive/ writable again.
        site.Drop("statement-a.csv");
        await worker.WaitForOutputAsync($"statement-a.csv: imported {lines} lines (in the ledger); could not be moved to archive/: ", TimeSpan.FromSeconds(60));
        using (var connection = OpenSqlite(site.Ledger))
        {
            Assert.Equal(lines, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line"));
        }

        foreach (var blocker in blockers)
        {
            File.Delete(blocker);
        }

        await worker.WaitUntilAsync(() => site.Archived().Contains("statement-a.csv"), "statement-a.csv to be archived at a retry", TimeSpan.FromSeconds(60));
        await worker.WaitIdleAsync();

        // Assert: imported once, matched, nothing in failed/, and never called a failed import.
        using var ledger = OpenSqlite(site.Ledger);
        Assert.Equal(1, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_file"));
        Assert.Equal(lines, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(0, LedgerFacts.Count(ledger, "SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
        Assert.Empty(site.FailedEntries());
        Assert.DoesNotContain("failed at every attempt", worker.Output, StringComparison.Ordinal);
    }
}
