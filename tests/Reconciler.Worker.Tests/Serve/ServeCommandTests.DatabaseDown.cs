using System.Diagnostics;
using System.Net;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [SkippableFact]
    public async Task Serve_DatabaseDownWhenImportStarts_ImportFailsThenRetryImportsOnceItIsUp()
    {
        // Arrange: a worker whose PostgreSQL database does not exist yet (jobs kept in memory, so the worker runs).
        var clock = Stopwatch.StartNew();
        using var database = new ThrowawayPostgres(create: false);
        using var site = new ServeSite(receivables: 200, seed: 14);
        var text = File.ReadAllText(site.StatementA);
        site.Stage("statement.csv", text);
        var start = site.Start(jobStorage: "memory") with { Data = null, Environment = database.WorkerEnvironment };
        using var worker = ServeProcess.Start(start, "worker");
        await worker.WaitHealthAsync(
            h => h.Status == HttpStatusCode.ServiceUnavailable && !h.Body.GetProperty("database").GetProperty("ok").GetBoolean(),
            "/health to answer 503 with the database not ok");

        // Act: drop a file; its import fails and is scheduled again; then the database comes up.
        site.Drop("statement.csv");
        await worker.WaitForOutputAsync("statement.csv: taken for import");
        var taken = worker.Output.Length;
        await worker.WaitUntilAsync(() => worker.Output[taken..].Contains("Retry attempt", StringComparison.Ordinal), "the import to fail and be scheduled for a retry");
        var failing = await worker.WaitHealthAsync(h => h.Body.GetProperty("jobs").GetProperty("scheduled").GetInt64() >= 1, "/health to count the import's retry as scheduled");
        Assert.Equal(["statement.csv"], site.InProcessing());
        Assert.Empty(site.Archived());
        Assert.Empty(site.FailedEntries());
        Assert.False(failing.GetProperty("healthy").GetBoolean());
        database.Create();
        await worker.WaitUntilAsync(() => site.Archived().Count > 0 || site.FailedEntries().Count > 0, "the retried import to archive the file", TimeSpan.FromSeconds(60));
        await worker.WaitHealthyAsync();
        await worker.WaitIdleAsync();

        // Assert: imported whole, once.
        log.WriteLine($"test took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(["statement.csv"], site.Archived());
        Assert.Empty(site.FailedEntries());
        using var connection = database.Open();
        Assert.Equal(["statement.csv"], LedgerFacts.Names(connection));
        Assert.Equal(StatementText.DataRows(text), LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(0, LedgerFacts.Count(connection, "SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
    }
}
