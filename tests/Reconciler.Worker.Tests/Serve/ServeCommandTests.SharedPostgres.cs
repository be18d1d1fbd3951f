using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [SkippableFact]
    public async Task Serve_TwoWorkersOnOnePostgresFiftyFilesAtOnce_ImportEachFileOnceAndOverAllocateNothing()
    {
        // Arrange: 50 statements of distinct lines, and two workers sharing one database (ledger and job queue).
        var clock = Stopwatch.StartNew();
        using var database = new ThrowawayPostgres();
        using var site = new ServeSite(receivables: 1500, seed: 12);
        var parts = StatementText.Split(site.StatementA, 50);
        var names = parts.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"part-{i + 1:00}.csv")).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            site.Stage(names[i], parts[i]);
        }

        var rows = parts.Sum(StatementText.DataRows);
        var start = site.Start() with { Data = null, Environment = database.WorkerEnvironment };
        using var first = ServeProcess.Start(start, "worker 1");
        using var second = ServeProcess.Start(start, "worker 2");
        await first.WaitHealthyAsync();
        await second.WaitHealthyAsync();

        // Act: drop all 50 at once.
        foreach (var name in names)
        {
            site.Drop(name);
        }

        await first.WaitUntilAsync(() => site.Archived().Count >= names.Count || site.FailedEntries().Count > 0, "the 50 files to be archived", ServeProcess.DefaultWait);
        await first.WaitIdleAsync();
        await second.WaitIdleAsync();

        // Assert
        var done = $"\n{first.Describe()}\n{second.Describe()}";
        Assert.True(site.FailedEntries().Count == 0, "failed/ holds " + string.Join(", ", site.FailedEntries()) + done);
        Assert.Equal(names, site.Archived());
        Assert.Empty(site.InProcessing());
        using (var connection = database.Open())
        {
            Assert.Equal(names, LedgerFacts.Names(connection));
            Assert.Equal(rows, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line"));
            Assert.Equal(0, LedgerFacts.DuplicatedLines(connection));
            Assert.Equal(0, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
            Assert.Empty(LedgerFacts.OverAllocated(connection));
            log.WriteLine(LedgerFacts.Summary(connection));
        }

        var byFirst = Imported().Count(first.Output);
        var bySecond = Imported().Count(second.Output);
        log.WriteLine($"files imported by worker 1: {byFirst}, by worker 2: {bySecond}; test took {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var problem in (first.Output + second.Output).Split('\n').Where(l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal)))
        {
            log.WriteLine(problem);
        }

        Assert.Equal(names.Count, byFirst + bySecond);
        Assert.DoesNotContain("the inbox cannot be scanned", first.Output + second.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"part-\d\d\.csv: [\d,]+ lines imported")]
    private static partial Regex Imported();
}
