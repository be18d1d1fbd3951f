using System.Diagnostics;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Reconciliation;
using Reconciler.Worker.Rules;

namespace Reconciler.Worker.Serve;

/// <summary>
/// The worker's Hangfire jobs: import a file → match → rules → alerts, and the nightly run. Each is thin, takes
/// names or nothing (never file contents), first checks whether its work is already done, and is safe to run twice:
/// Hangfire runs a job at least once. Matching and rules take turns across every worker sharing the job storage
/// (a distributed lock); a job that finds the lock taken leaves its work to the holder, which looks again before
/// letting go, and once more after (see <see cref="Match"/>).
/// </summary>
internal sealed partial class LedgerJobs(
    WorkerSetup setup,
    LedgerAccess ledger,
    ReceivablesSync receivables,
    AlertChannelSet channels,
    IBackgroundJobClient jobs,
    JobStorage storage,
    ILogger<LedgerJobs> log)
{
    private const string MatchLock = "reconciler:match";
    private const string RulesLock = "reconciler:rules";

    /// <summary>Imports one file taken into <c>processing/</c>, then archives it (or quarantines it with the reason).</summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [2, 5, 10, 30, 60, 120, 300, 600, 900, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue("import")]
    public void Import(string name, CancellationToken ct)
    {
        var path = setup.Folder.ProcessingPath(name);
        if (!File.Exists(path))
        {
            // An earlier attempt, or another worker, finished it (it is in archive/ or failed/).
            // Its lines may still wait if that worker died before asking for a match: ask (cheap when there is nothing).
            LogAlreadyDone(name, setup.Folder.IsDone(name) ? "archived or quarantined" : "no longer in processing/");
            jobs.Enqueue<LedgerJobs>(j => j.Match(CancellationToken.None));
            return;
        }

        ct.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var store = ledger.Store();
        LedgerReconciliation.PendingFile file;
        var before = FileStamp.Of(path);
        try
        {
            // What detection guessed about a file no profile knows (a day/month order, a currency) is for a person to check.
            file = LedgerReconciliation.Read(store, setup.Reconcile, path, name, null, LogGuess);
        }
        catch (Exception error) when (error is InputFormatException or InputUnreadableException or ProfileException)
        {
            var target = setup.Folder.Quarantine(name, error.Message);
            LogQuarantined(name, LogText.Mask(error.Message), Path.GetRelativePath(setup.Folder.Root, target));
            return;
        }

        if (file.Known is { } known)
        {
            // Imported before: under another name, or by an attempt that died (or could not archive it) before
            // archiving it (whose lines then may still wait for a match).
            jobs.Enqueue<LedgerJobs>(j => j.Match(CancellationToken.None));
            if (ArchiveImported(name, known.Lines) is { } archived)
            {
                LogDuplicateFile(name, known.ImportedAt, known.Lines, archived);
            }

            return;
        }

        if (FileStamp.Of(path) != before)
        {
            // A writer that takes no lock (cp, scp, a share) was still appending: import nothing now; the retry reads it whole.
            throw new IOException($"{name} changed while it was read (still being written); it is read again at the next attempt");
        }

        ct.ThrowIfCancellationRequested();
        var notes = new List<string>();
        var (_, lines) = LedgerReconciliation.Import(store, setup.Reconcile, file, notes);

        // Committed: the lines are matched whether or not the file reaches archive/.
        jobs.Enqueue<LedgerJobs>(j => j.Match(CancellationToken.None));
        var archivedTo = ArchiveImported(name, lines) ?? "archive/ (by another worker)";
        var said = string.Join("; ", notes.Select(n => n.StartsWith(name + ": ", StringComparison.Ordinal) ? n[(name.Length + 2)..] : n));
        LogImported(name, said, file.Read!.Profile.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, archivedTo);
    }

    /// <summary>
    /// Decides the ledger's waiting lines (syncing the receivables file first when it changed), then asks for the
    /// rules. Runs while there is work; a job that finds another worker matching leaves the work to it.
    /// </summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [2, 5, 10, 30, 60, 120, 300, 600, 900, 1800])]
    [Queue("ledger")]
    public void Match(CancellationToken ct)
    {
        if (MatchWhileWork(ledger.Store(), TimeSpan.Zero, syncAll: false, ct) == true)
        {
            jobs.Enqueue<LedgerJobs>(j => j.Rules(false, CancellationToken.None));
        }
    }

    /// <summary>
    /// Runs the rules after the latest match run (or, from the nightly run, whatever ran: exceptions age by the day),
    /// saves their decisions, and asks for the alerts to be sent.
    /// </summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [2, 5, 10, 30, 60, 120, 300, 600, 900, 1800])]
    [Queue("ledger")]
    public void Rules(bool nightly, CancellationToken ct)
    {
        var store = ledger.Store();
        var decided = false;
        using (var held = TryLock(RulesLock, nightly ? TimeSpan.FromMinutes(10) : TimeSpan.Zero))
        {
            if (held is null)
            {
                return;
            }

            // The nightly run decides once whatever ran (exceptions age by the day); otherwise once per match run not
            // yet decided after. The bookmark moves only once the decisions are saved.
            var due = nightly;
            for (var awaiting = store.RunAwaitingRules(); awaiting is not null || due; awaiting = store.RunAwaitingRules())
            {
                ct.ThrowIfCancellationRequested();
                due = false;
                decided = true;
                DecideOnce(store);
                if (awaiting is { } runId)
                {
                    store.RulesDecidedAfter(runId);
                }
            }
        }

        if (store.RunAwaitingRules() is not null)
        {
            // A match run saved while letting go: decide after it too.
            jobs.Enqueue<LedgerJobs>(j => j.Rules(false, CancellationToken.None));
        }

        if (decided)
        {
            jobs.Enqueue<LedgerJobs>(j => j.SendAlerts(CancellationToken.None));
        }
    }

    /// <summary>
    /// The safety net, every minute: asks for a match and for the rules of a run not yet decided after. Each finds out
    /// cheaply that there is nothing to do; it covers what a hand-off can miss — a lock left by a worker killed while
    /// holding it (PostgreSQL keeps it until its timeout), a job that failed after saving a run.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue("ledger")]
    public void Sweep(CancellationToken ct)
    {
        Match(ct);
        Rules(false, ct);
    }

    /// <summary>Sends what is due in the alert outbox (claims keep two workers from sending one alert twice).</summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [30, 120, 600])]
    [Queue("ledger")]
    public async Task SendAlerts(CancellationToken ct)
    {
        var store = ledger.Store();
        var started = Stopwatch.GetTimestamp();
        var result = await AlertDispatcher.DispatchAsync(store, channels.Channels, setup.Rules.Alerts, ct).ConfigureAwait(false);
        if (result.Sent + result.Retrying + result.FailedNow > 0)
        {
            LogSent(result.Summary(), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// The nightly run: syncs the receivables from their source (file and ERP), retries the open lines, decides the
    /// rules (overdue, payment cycle, ageing exceptions), sends the digests, and writes the report.
    /// </summary>
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    [Queue("ledger")]
    [DisableConcurrentExecution(3600)]
    public void Nightly(CancellationToken ct)
    {
        var store = ledger.Store();
        var started = Stopwatch.GetTimestamp();
        _ = MatchWhileWork(store, TimeSpan.FromMinutes(30), syncAll: true, ct)
            ?? throw new TimeoutException("the nightly run waited 30 minutes for the match lock; it will be retried");
        Rules(nightly: true, ct);
        var report = NightlyReport.Write(store, setup, ct);
        LogNightly(Stopwatch.GetElapsedTime(started).TotalSeconds, report.Path, report.Sheets.Count, report.Elapsed.TotalSeconds);
    }

    /// <summary>Moves a file done to the archive; returns where (relative to the folder), or null when another worker moved it first.</summary>
    private string? Archive(string name)
    {
        try
        {
            return Path.GetRelativePath(setup.Folder.Root, setup.Folder.ArchiveDone(name));
        }
        catch (FileNotFoundException) when (!File.Exists(setup.Folder.ProcessingPath(name)))
        {
            return null;
        }
    }

    /// <summary>
    /// Archives a file whose lines are in the ledger. When the move fails (archive/ full, unwritable, a file in the
    /// way) the job fails with an <see cref="ArchiveMoveException"/> saying the lines are in: Hangfire retries, the retry
    /// finds the file imported (by its SHA-256) and only moves it; after the last attempt
    /// <see cref="QuarantineFailedImports"/> sets it aside in failed/ saying it is no failed import.
    /// </summary>
    private string? ArchiveImported(string name, int lines)
    {
        try
        {
            return Archive(name);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            LogNotArchived(name, lines, LogText.Mask(error.Message));
            throw new ArchiveMoveException(name, lines, error);
        }
    }

    /// <summary>
    /// Under the match lock (waiting up to <paramref name="wait"/>): syncs the receivables (those that changed, or all of
    /// them), then decides the waiting lines until none is left. Returns null when another worker holds the lock (the
    /// lines are its), else whether a match run was saved. After letting go it looks once more: lines imported between
    /// the last look and letting go found the lock taken and left them to this holder.
    /// </summary>
    private bool? MatchWhileWork(LedgerStore store, TimeSpan wait, bool syncAll, CancellationToken ct)
    {
        var ran = false;
        using (var held = TryLock(MatchLock, wait))
        {
            if (held is null)
            {
                return null;
            }

            receivables.SyncIfChanged(store, force: syncAll);
            while (store.HasMatchWork())
            {
                ct.ThrowIfCancellationRequested();
                ran |= MatchOnce(store);
            }
        }

        if (store.HasMatchWork())
        {
            jobs.Enqueue<LedgerJobs>(j => j.Match(CancellationToken.None));
        }

        return ran;
    }

    private bool MatchOnce(LedgerStore store)
    {
        var started = Stopwatch.GetTimestamp();
        var notes = new List<string>();
        var runId = LedgerReconciliation.MatchPending(store, setup.Reconcile, new StageTimings(), null, notes);
        LogMatched(string.Join("; ", notes), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return runId is not null;
    }

    private void DecideOnce(LedgerStore store)
    {
        var rules = setup.Rules;
        var outcome = RulesRun.Decide(store, rules.Engine, rules.Alerts, setup.Reconcile.Actor, setup.Clock);
        LogRules(string.Join("; ", RulesRun.Describe(outcome).Where(l => !l.StartsWith("alerts sent:", StringComparison.Ordinal))), (outcome.Timings.Decide + outcome.Timings.Save).TotalMilliseconds);
    }

    /// <summary>The distributed lock of every worker sharing the job storage, or null when another holds it past <paramref name="wait"/>.</summary>
    private Held? TryLock(string resource, TimeSpan wait)
    {
        var connection = storage.GetConnection();
        try
        {
            var held = connection.AcquireDistributedLock(resource, wait);
            return new Held(held, connection);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IDisposable held, IStorageConnection connection) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                held.Dispose();
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{File}: {Counts} (profile {Profile}, {Milliseconds:0} ms); moved to {Target}")]
    private partial void LogImported(string file, string counts, string profile, double milliseconds, string target);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{File}: duplicate, same content (SHA-256) as a file imported {ImportedAt} with {Lines} lines; nothing imported, moved to {Target}")]
    private partial void LogDuplicateFile(string file, string importedAt, int lines, string target);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{File}: refused: {Reason}; moved to {Target} with the reason beside it")]
    private partial void LogQuarantined(string file, string reason, string target);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "{File}: imported {Lines} lines (in the ledger); could not be moved to archive/: {Reason}; only the move is tried again")]
    private partial void LogNotArchived(string file, int lines, string reason);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "{Guess}")]
    private partial void LogGuess(string guess);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "{File}: already done ({State}); nothing to do")]
    private partial void LogAlreadyDone(string file, string state);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "matching: {Notes} in {Milliseconds:0} ms")]
    private partial void LogMatched(string notes, double milliseconds);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "rules: {Notes} in {Milliseconds:0} ms")]
    private partial void LogRules(string notes, double milliseconds);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "alerts: {Summary} in {Milliseconds:0} ms")]
    private partial void LogSent(string summary, double milliseconds);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "nightly run done in {Seconds:0.0} s; report {Report} ({Sheets} sheets, written in {ReportSeconds:0.0} s)")]
    private partial void LogNightly(double seconds, string report, int sheets, double reportSeconds);
}
