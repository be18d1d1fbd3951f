using Hangfire.InMemory;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Tests.Watch;

/// <summary>The worker's jobs run in process, one by one, against a real SQLite ledger and Hangfire's in-memory storage.</summary>
[Collection(HangfireGlobals.Name)]
public sealed class LedgerJobsTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Alerts.ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
    private readonly RecordingJobClient _client = new();
    private readonly InMemoryStorage _storage;
    private readonly AlertChannelSet _channels;
    private readonly WorkerSetup _setup;
    private readonly LedgerJobs _jobs;

    public LedgerJobsTests()
    {
        HangfireGlobals.Reset();
        _storage = new InMemoryStorage();
        var setup = ServeCommand.Setup(null, _temp.File("data"), _temp.File("watch"), Sample("receivables.csv"), 0);
        _setup = setup with { Reconcile = setup.Reconcile with { Clock = _clock }, Folder = new WatchedFolder(setup.Folder.Root, _clock) };
        _setup.Folder.Create();
        _channels = new AlertChannelSet(_setup);
        _jobs = new LedgerJobs(
            _setup,
            new LedgerAccess(_setup),
            new ReceivablesSync(_setup, NullLogger<ReceivablesSync>.Instance),
            _channels,
            _client,
            _storage,
            NullLogger<LedgerJobs>.Instance);
    }

    public void Dispose()
    {
        _channels.Dispose();
        _storage.Dispose();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static string Sample(string name) => Path.Combine(Repository.Root, "samples", name);

    private void Take(string sample, string? name = null) => File.Copy(Sample(sample), _setup.Folder.ProcessingPath(name ?? sample));

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_temp.File(Path.Combine("data", "reconciler.db"))};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private string Archived(string name) => Path.Combine(_setup.Folder.Archive, "2026-03-02", name);

    [Fact]
    public void Import_TwiceForOneFile_ImportsItOnceArchivesItAndAsksForAMatch()
    {
        Take("statement-a.csv");

        _jobs.Import("statement-a.csv", CancellationToken.None);
        _jobs.Import("statement-a.csv", CancellationToken.None);

        Assert.True(File.Exists(Archived("statement-a.csv")));
        Assert.Empty(_setup.Folder.InProcessing());
        Assert.Equal(1, Count("SELECT COUNT(*) FROM statement_file"));
        Assert.Equal(File.ReadAllLines(Sample("statement-a.csv")).Length - 1, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(["Match()", "Match()"], _client.Calls);
    }

    [Fact]
    public void Import_FileReadByADetectedLayout_LogsWhatDetectionGuessedAsAWarning()
    {
        // Arrange: the ICBC sample matches no known profile and names no currency.
        var log = new ListLogger<LedgerJobs>();
        var jobs = new LedgerJobs(_setup, new LedgerAccess(_setup), new ReceivablesSync(_setup, NullLogger<ReceivablesSync>.Instance), _channels, _client, _storage, log);
        File.Copy(Sample("bank/icbc-corporate-2026-02.csv"), _setup.Folder.ProcessingPath("icbc.csv"));

        // Act
        jobs.Import("icbc.csv", CancellationToken.None);

        // Assert: imported, and the guess is in the log for a person to check (before, only `profile detect` said so).
        Assert.True(File.Exists(Archived("icbc.csv")));
        Assert.Contains(log.Lines, l => l.StartsWith("icbc.csv: the file names no currency: lines are read as CNY", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_SameContentUnderAnotherName_IsArchivedAsADuplicateWithoutNewLines()
    {
        Take("statement-a.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        var lines = Count("SELECT COUNT(*) FROM statement_line");
        Take("statement-a.csv", "copy-of-a.csv");

        _jobs.Import("copy-of-a.csv", CancellationToken.None);

        Assert.True(File.Exists(Archived("copy-of-a.csv")));
        Assert.Equal(lines, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM statement_file"));
        Assert.Equal(["Match()", "Match()"], _client.Calls);
    }

    [Fact]
    public void Import_AfterAnAttemptThatDiedBetweenImportAndArchive_ArchivesItAndAsksForAMatch()
    {
        Take("statement-a.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        var lines = Count("SELECT COUNT(*) FROM statement_line");
        File.Move(Archived("statement-a.csv"), _setup.Folder.ProcessingPath("statement-a.csv"));
        _client.Jobs.Clear();

        _jobs.Import("statement-a.csv", CancellationToken.None);

        Assert.True(File.Exists(Archived("statement-a.csv")));
        Assert.Empty(_setup.Folder.InProcessing());
        Assert.Equal(lines, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(["Match()"], _client.Calls);
    }

    [Fact]
    public void Import_AStatementWithAHeaderAndNoTransactions_IsImportedWithNoLinesAndArchived()
    {
        // A bank's export of a day with no movements: the header and nothing else.
        File.WriteAllLines(_setup.Folder.ProcessingPath("quiet-day.csv"), [File.ReadAllLines(Sample("statement-a.csv"))[0]]);

        _jobs.Import("quiet-day.csv", CancellationToken.None);

        Assert.True(File.Exists(Archived("quiet-day.csv")));
        Assert.Empty(_setup.Folder.InProcessing());
        Assert.Equal(0, Count("SELECT lines FROM statement_file WHERE name = 'quiet-day.csv'"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(["Match()"], _client.Calls);
    }

    [Fact]
    public void Import_AMalformedFile_IsQuarantinedNamingRowAndColumn_AndTheLedgerIsUntouched()
    {
        var text = File.ReadAllLines(Sample("statement-a.csv"));
        var header = text[0].Split(',');
        var row = text[3].Split(',');
        row[Array.IndexOf(header, "amount")] = "12,3x".Replace(",", "", StringComparison.Ordinal) + "x";
        text[3] = string.Join(',', row);
        File.WriteAllLines(_setup.Folder.ProcessingPath("bad.csv"), text);

        _jobs.Import("bad.csv", CancellationToken.None);

        var error = File.ReadAllText(Path.Combine(_setup.Folder.Failed, "bad.csv.error.txt"));
        Assert.Contains("bad.csv, row 4, column amount", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_setup.Folder.Failed, "bad.csv")));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Empty(_client.Jobs);
    }

    [Fact]
    public async Task MatchThenRules_DecideEveryLineOnce_AndRunningThemAgainChangesNothing()
    {
        Take("statement-a.csv");
        Take("statement-b.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        _jobs.Import("statement-b.csv", CancellationToken.None);
        _client.Jobs.Clear();

        _jobs.Match(CancellationToken.None);
        Assert.Equal(["Rules(False)"], _client.Calls);
        _jobs.Rules(false, CancellationToken.None);
        await _jobs.SendAlerts(CancellationToken.None);
        var runs = Count("SELECT COUNT(*) FROM match_run");
        var alerts = Count("SELECT COUNT(*) FROM alert_outbox");
        var sent = Count("SELECT COUNT(*) FROM alert_outbox WHERE status = 'sent'");

        _client.Jobs.Clear();
        _jobs.Match(CancellationToken.None);
        _jobs.Rules(false, CancellationToken.None);

        Assert.Equal(1, runs);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
        Assert.True(alerts > 0);
        Assert.Equal(alerts, sent);
        Assert.Equal(runs, Count("SELECT COUNT(*) FROM match_run"));
        Assert.Equal(alerts, Count("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Empty(_client.Jobs);
    }

    [Fact]
    public void Sweep_DecidesTheRulesOfARunNoRulesJobWasLeftFor()
    {
        Take("statement-a.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        _jobs.Match(CancellationToken.None);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM alert_outbox"));
        _client.Jobs.Clear(); // the rules job the match asked for is lost (a worker killed, a storage blip)

        _jobs.Sweep(CancellationToken.None);

        Assert.True(Count("SELECT COUNT(*) FROM alert_outbox") > 0);
        Assert.Equal(Count("SELECT MAX(id) FROM match_run"), Count("SELECT value FROM ledger_state WHERE name = 'rules_after_run'"));
        Assert.Equal(["SendAlerts()"], _client.Calls);
    }

    [Fact]
    public async Task Match_WhileAnotherWorkerHoldsTheLock_LeavesTheLinesToIt()
    {
        Take("statement-a.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        _client.Jobs.Clear();

        using (var connection = _storage.GetConnection())
        using (connection.AcquireDistributedLock("reconciler:match", TimeSpan.FromSeconds(1)))
        {
            await Task.Run(() => _jobs.Match(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, Count("SELECT COUNT(*) FROM match_run"));
        }

        // The job returned at once, asking for nothing: the holder looks for new lines again after letting go.
        Assert.Empty(_client.Jobs);
        _jobs.Match(CancellationToken.None);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM match_run"));
    }

    [Fact]
    public void QuarantineFailedImports_AnImportFailedForGood_MovesItsFileToFailedWithTheLastError()
    {
        Take("statement-a.csv");
        Take("statement-b.csv");
        var filter = new QuarantineFailedImports(_setup.Folder, NullLogger<QuarantineFailedImports>.Instance);
        using var connection = _storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        void Apply(Hangfire.Common.Job job, Hangfire.States.IState state) => filter.OnStateApplied(
            new Hangfire.States.ApplyStateContext(_storage, connection, transaction, new Hangfire.BackgroundJob("1", job, _clock.GetUtcNow().UtcDateTime), state, "Processing"),
            transaction);

        Apply(Hangfire.Common.Job.FromExpression<LedgerJobs>(j => j.Import("statement-a.csv", CancellationToken.None)), new Hangfire.States.FailedState(new InvalidOperationException("database unreachable")));
        Apply(Hangfire.Common.Job.FromExpression<LedgerJobs>(j => j.Import("statement-b.csv", CancellationToken.None)), new Hangfire.States.ScheduledState(TimeSpan.FromSeconds(5)));
        Apply(Hangfire.Common.Job.FromExpression<LedgerJobs>(j => j.Match(CancellationToken.None)), new Hangfire.States.FailedState(new InvalidOperationException("x")));

        Assert.Equal(["statement-b.csv"], _setup.Folder.InProcessing());
        Assert.True(File.Exists(Path.Combine(_setup.Folder.Failed, "statement-a.csv")));
        Assert.Contains("InvalidOperationException: database unreachable", File.ReadAllText(Path.Combine(_setup.Folder.Failed, "statement-a.csv.error.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ArchiveCannotBeWritten_SaysTheLinesAreInTheLedger_AndFailedSaysItIsNoFailedImport()
    {
        // Arrange: a regular file where today's archive folder would go (root or not, nothing can be put under it).
        Take("statement-a.csv");
        File.WriteAllText(Path.Combine(_setup.Folder.Archive, "2026-03-02"), "in the way");
        var lines = File.ReadAllLines(Sample("statement-a.csv")).Length - 1;
        var filter = new QuarantineFailedImports(_setup.Folder, NullLogger<QuarantineFailedImports>.Instance);

        // Act: the first attempt (which imports), a retry (which finds it imported), then the retries given up.
        var first = Assert.ThrowsAny<IOException>(() => _jobs.Import("statement-a.csv", CancellationToken.None));
        var retry = Assert.ThrowsAny<IOException>(() => _jobs.Import("statement-a.csv", CancellationToken.None));
        using (var connection = _storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            var job = Hangfire.Common.Job.FromExpression<LedgerJobs>(j => j.Import("statement-a.csv", CancellationToken.None));
            var failed = new Hangfire.States.FailedState(retry);
            filter.OnStateApplied(
                new Hangfire.States.ApplyStateContext(_storage, connection, transaction, new Hangfire.BackgroundJob("1", job, _clock.GetUtcNow().UtcDateTime), failed, "Processing"),
                transaction);
        }

        // Assert: the lines are in the ledger once, a match was asked for, and every message says so.
        Assert.Equal(lines, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM statement_file"));
        Assert.Contains("Match()", _client.Calls);
        var said = $"statement-a.csv: imported {lines} lines (in the ledger); could not be moved to archive/: ";
        Assert.StartsWith(said, first.Message, StringComparison.Ordinal);
        Assert.StartsWith(said, retry.Message, StringComparison.Ordinal);
        var reason = File.ReadAllText(Path.Combine(_setup.Folder.Failed, "statement-a.csv.error.txt"));
        Assert.Contains(said, reason, StringComparison.Ordinal);
        Assert.Contains("not a failed import", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("the import failed at every attempt", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix the file", reason, StringComparison.Ordinal);
        Assert.Empty(_setup.Folder.InProcessing());
    }

    [Fact]
    public void Import_ArchiveWritableAgainBeforeTheRetriesEnd_ArchivesItWithoutImportingAgain()
    {
        Take("statement-a.csv");
        var blocker = Path.Combine(_setup.Folder.Archive, "2026-03-02");
        File.WriteAllText(blocker, "in the way");
        Assert.ThrowsAny<IOException>(() => _jobs.Import("statement-a.csv", CancellationToken.None));
        var lines = Count("SELECT COUNT(*) FROM statement_line");
        File.Delete(blocker);

        _jobs.Import("statement-a.csv", CancellationToken.None);

        Assert.True(File.Exists(Archived("statement-a.csv")));
        Assert.Empty(_setup.Folder.InProcessing());
        Assert.Equal(lines, Count("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM statement_file"));
    }

    [Fact]
    public void Nightly_DecidesTheRulesEvenWithNoNewRun_AndWritesTheReport()
    {
        Take("statement-a.csv");
        _jobs.Import("statement-a.csv", CancellationToken.None);
        _jobs.Match(CancellationToken.None);
        _jobs.Rules(false, CancellationToken.None);
        _client.Jobs.Clear();

        _jobs.Nightly(CancellationToken.None);

        Assert.Equal(1, Count("SELECT COUNT(*) FROM match_run"));
        Assert.Equal(["SendAlerts()"], _client.Calls);
        var report = Path.Combine(_setup.ReportsFolder, "reconciliation-2026-03-02.xlsx");
        using var workbook = new ClosedXML.Excel.XLWorkbook(report);
        Assert.Contains(workbook.Worksheets, w => w.Name == "Summary");
        var matched = workbook.Worksheets.Single(w => w.Name == "Matched");
        Assert.Equal(Count("SELECT COUNT(*) FROM statement_line WHERE status = 'matched'"), matched.LastRowUsed()!.RowNumber() - 1);
    }
}
