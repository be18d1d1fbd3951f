using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;
using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Rules;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// <c>reconcile</c> with a ledger (<c>--data DIR</c> or a configured database): the receivables are synced into
/// it, each statement file is imported once (by SHA-256; lines seen in an earlier file are duplicates), a match
/// run decides the new lines and retries the ones left unmatched or suggested — only when something is new — and
/// the results file shows the ledger's current decision for every line of the files given. Running it again on the
/// same data changes no row.
/// </summary>
internal static class LedgerReconciliation
{
    /// <summary>
    /// Runs the job against the request's ledger; <paramref name="warning"/> receives each lowered receivable's line as
    /// soon as the sync that lowered it has committed, whatever happens in the stages after it.
    /// </summary>
    public static ReconcileOutcome Run(ReconcileRequest request, Action<string>? progress, Action<string>? warning)
    {
        var location = request.Ledger ?? throw new ArgumentException("the request has no ledger", nameof(request));

        // A SQLite ledger that does not exist yet is built under a name of its own, without a journal, and put in place
        // by one rename once its match run is saved (see FreshLedger): everything up to then goes to the build.
        using var fresh = FreshLedger.TryStart(location, request.Clock);
        var store = fresh?.Store ?? new LedgerStore(location, request.Clock);
        var timings = new StageTimings();
        var notes = new List<string>();
        var warn = warning ?? (_ => { });
        var inv = CultureInfo.InvariantCulture;
        timings.Time("open ledger", progress, () =>
        {
            var applied = store.Migrate();
            notes.Add(applied.Count > 0
                ? string.Create(inv, $"ledger {location}: created (schema version {applied.Max()})")
                : $"ledger {location}");
            return true;
        });

        // Every input is read and checked before anything is written, so a bad file leaves the ledger untouched.
        // The statements are read on a second thread while this one reads the receivables (and queries the ERP).
        var path = request.ReceivablesPath;
        var names = ReconcileJob.DisplayNames(request.StatementPaths);
        var (receivableInputs, statements) = ReconcileJob.SideBySide(
            () => (
                File: path is null ? null : timings.Time("read receivables", progress, () => OneRowPerReceivable.CheckForLedger(ReconcileJob.ReadReceivables(request), request.ReceivableColumns)),
                Erp: request.Erp is { } erpSource ? timings.Time("query ERP", progress, () => ErpReceivables.Read(erpSource)) : null),
            () => timings.Time("read statements", progress, () => request.StatementPaths
                .Select((statement, i) => Read(store, request, statement, names[i], progress, warn))
                .ToList()));
        var (fromFile, fromErp) = receivableInputs;

        // The inputs are good: the receivables are synced while the statement lines' identities (a SHA-256 each, which
        // needs no database) are worked out on another thread, ready for the imports.
        var (sync, prepared) = ReconcileJob.SideBySide(
            () => (Receivables: SyncReceivables(store, request, fromFile, fromErp, timings, progress, notes, warn, out var rows), Synced: rows),
            () => timings.Time("line keys", progress, () => statements.Select(f => f.Read is { } read ? f with { Prepared = PreparedLines.Of(read.Lines) } : f).ToList()));
        var (receivables, synced) = sync;
        statements = prepared;

        // Within one run, files are imported in the order of their names, so which copy of a line two overlapping
        // exports share is the original does not depend on the order they were given in (as in memory).
        var imports = new List<StatementImport>();
        var imported = timings.Time("import statements", progress, () => statements
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (f.Name, Outcome: Import(store, request, f, notes, imports)))
            .ToDictionary(f => f.Name, f => f.Outcome, StringComparer.Ordinal));
        var files = statements.Select(f => (imported[f.Name].FileId, f.Name, imported[f.Name].Lines)).ToList();

        // The lines as read from the files are in the ledger now, and the imports hold them with their ids: the match
        // run takes them from there (only the other pending lines are read), so the files' copies are let go (a
        // million lines are ~0.5 GB) and the imports once the snapshot holds their lines.
        statements.Clear();
        statements.TrimExcess();

        var decided = Decide(store, request, timings, progress, notes, imports, synced);
        synced = null;
        var runId = decided?.RunId;
        if (fresh is not null)
        {
            // The ledger is whole: in place before the rules act on it (alerts are sent only about a ledger that stays).
            timings.Time("put ledger in place", progress, () =>
            {
                fresh.Publish();
                return true;
            });
            store = new LedgerStore(location, request.Clock);
        }

        if (request.Rules is { } rules && !request.SkipRules)
        {
            // Rules run every time, new lines or not: exceptions age, receivables fall overdue, retries fall due.
            var outcome = timings.Time("rules and alerts", progress, () => RunRules(store, rules, request.Actor, request.Clock));
            notes.AddRange(RulesRun.Describe(outcome));
        }
        else if (runId is { } undecided)
        {
            // --no-rules: the rules bookmark stays behind this run, so the worker (or the next reconcile with rules) decides after it.
            notes.Add(string.Create(inv, $"rules and alerts not run (--no-rules): match run {undecided} waits for them (the worker, or the next reconcile without --no-rules)"));
        }

        // After a run, its decisions are in hand: only the other lines of the files are read back. The open amounts (for
        // the summary) are read on another connection meanwhile.
        var (results, open) = ReconcileJob.SideBySide(
            () => timings.Time("load results", progress, () => decided is { } d
                ? store.ResultsOfFiles(files.Select(f => f.FileId), d.Snapshot, d.Run, d.RunId)
                : store.ResultsOfFiles(files.Select(f => f.FileId))),
            () => timings.Time("load open amounts", progress, store.OpenByCurrency));
        decided = null;
        if (ReconcileJob.IsExcel(request.OutputPath))
        {
            timings.Time("write", progress, () => Reports.LedgerReport.WriteWithResults(store, request, results)); // results sheet, then the report
        }
        else
        {
            ReconcileJob.Write(request.OutputPath, results, timings, progress);
        }

        return new ReconcileOutcome(
            new MatchRun(results, []),
            receivables,
            [.. files.Select(f => (f.Name, f.Lines))],
            timings)
        {
            Notes = notes,
            LeftOpen = open,
        };
    }

    /// <summary>
    /// Decides the ledger's waiting lines (new ones, and unmatched or suggested ones again) when something is new;
    /// returns the match run's id, or null when there was nothing to do.
    /// </summary>
    internal static long? MatchPending(LedgerStore store, ReconcileRequest request, StageTimings timings, Action<string>? progress, List<string> notes) =>
        Decide(store, request, timings, progress, notes, [], null)?.RunId;

    /// <summary>
    /// As <see cref="MatchPending"/>, keeping what the run worked on and decided (for the results file); the lines of
    /// <paramref name="imports"/> (files this process just imported) are taken from them, and the list is emptied; the
    /// open receivables from <paramref name="synced"/> (the sync this process just made), where the ledger holds them so.
    /// </summary>
    private static DecidedRun? Decide(LedgerStore store, ReconcileRequest request, StageTimings timings, Action<string>? progress, List<string> notes, List<StatementImport> imports, SyncedReceivables? synced)
    {
        var inv = CultureInfo.InvariantCulture;
        // Whether there is work is asked first (three small queries): a run again over the same files loads nothing.
        var snapshot = timings.Time("load ledger", progress, () => store.HasMatchWork() ? store.LoadForMatching(imports, synced) : null);
        imports.Clear();
        imports.TrimExcess();
        if (snapshot is null || !snapshot.HasWork)
        {
            notes.Add("nothing new since the last match run (no new lines, receivables unchanged): no run, nothing changed");
            return null;
        }

        ReceivableIndex? index = timings.Time("index", progress, () => ReconcileJob.BuildIndex(snapshot.Receivables, snapshot.Links));
        var run = timings.Time("match", progress, () => Matcher.Match([.. snapshot.Pending.Select(p => p.Line)], index!, request.Options));
        index = null; // captured by the lambdas: let go of it before the run is saved
        var runId = timings.Time("save", progress, () =>
            store.SaveRun(snapshot, run, JsonSerializer.Serialize(request.Options), RuleSetVersion, request.Actor));
        notes.Add(string.Create(inv, $"match run {runId}: {snapshot.Pending.Count:N0} lines decided ({snapshot.Pending.Count(p => p.Status != LedgerStore.NewStatus):N0} of them retried)"));
        return new DecidedRun(runId, snapshot, run);
    }

    internal static RulesOutcome RunRules(LedgerStore store, RulesSetup rules, string actor, TimeProvider clock)
    {
        // No client timeout: each post has its webhook's own (Alerts:Webhooks:N:Timeout, up to 10 minutes).
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var channels = AlertChannels.Create(rules.Alerts, rules.DefaultFolder, http, clock);
        return RulesRun.RunAsync(store, rules.Engine, rules.Alerts, channels, actor, clock, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The version stamped on every match run: the matcher's assembly version.</summary>
    public static string RuleSetVersion { get; } = "matcher " + (typeof(Matcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    /// <summary>
    /// Syncs the receivables file's receivables, then the ERP's (which win where both give one, and mark receivables
    /// paid or cancelled as the ERP says); returns how many were read, and the rows of the file's sync
    /// (<paramref name="synced"/>) for the snapshot read next when the file is the only source. A receivable either
    /// lowers below what is already allocated to it is one line given to <paramref name="warn"/> (see <see cref="Warning"/>)
    /// as soon as that sync has committed (before the next sync, which may fail), and counted in the notes.
    /// </summary>
    internal static int SyncReceivables(
        LedgerStore store,
        ReconcileRequest request,
        IReadOnlyList<Domain.Receivable>? file,
        IReadOnlyList<Storage.Erp.ErpReceivable>? erp,
        StageTimings timings,
        Action<string>? progress,
        List<string> notes,
        Action<string> warn,
        out SyncedReceivables? synced)
    {
        var inv = CultureInfo.InvariantCulture;
        var read = 0;
        synced = null;
        if (file is not null)
        {
            var rest = erp is null ? file : ErpReceivables.Without(file, erp);
            SyncedReceivables? rows = null;
            var sync = timings.Time("sync receivables", progress, () => store.SyncReceivables(rest, Path.GetFileName(request.ReceivablesPath!), request.Actor, out rows));
            synced = erp is null ? rows : null;
            var alsoInErp = file.Count - rest.Count;
            notes.Add(string.Create(inv, $"receivables: {sync.Added:N0} new, {sync.Updated:N0} changed, {sync.Unchanged:N0} as before{(alsoInErp > 0 ? $" ({alsoInErp:N0} more taken from the ERP, which also gives them)" : "")}{Lowered(sync.Lowered)}"));
            foreach (var lowered in sync.Lowered)
            {
                warn(Warning(lowered));
            }

            read += rest.Count;
        }

        if (erp is not null)
        {
            var source = request.Erp!;
            var sync = timings.Time("sync ERP receivables", progress, () => store.SyncErpReceivables(erp, source.Name, source.Complete, request.Actor));
            var withdrawn = source.Complete ? string.Create(inv, $", {sync.Withdrawn:N0} cancelled as no longer listed") : "";
            notes.Add(string.Create(inv, $"receivables from {source.Description}: {sync.Rows:N0} rows, {sync.Added:N0} new, {sync.Updated:N0} changed, {sync.Unchanged:N0} as before; {sync.Paid:N0} marked paid and {sync.Cancelled:N0} cancelled as the ERP says{withdrawn}{Lowered(sync.Lowered)}"));
            foreach (var lowered in sync.Lowered)
            {
                warn(Warning(lowered));
            }

            read += erp.Count;
        }

        return read;
    }

    /// <summary>The count of receivables lowered below what is allocated, for a sync's note; empty when none.</summary>
    private static string Lowered(IReadOnlyList<LoweredReceivable> lowered) =>
        lowered.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {lowered.Count:N0} lowered below what is already allocated to them, allocations kept, for review (see the warnings)");

    /// <summary>
    /// One line for a clerk about a receivable lowered below what is allocated to it: where, which contract, the new
    /// amount, what is allocated, what the ledger did, and how a person reviews it.
    /// </summary>
    internal static string Warning(LoweredReceivable lowered)
    {
        ArgumentNullException.ThrowIfNull(lowered);
        var inv = CultureInfo.InvariantCulture;
        var where = lowered.Row > 0 ? string.Create(inv, $"{lowered.Source}, row {lowered.Row}") : lowered.Source;
        var review = lowered.LineId is { } line
            ? string.Create(inv, $"exception {nameof(ExceptionKind.ReceivableLowered)} raised on line {line}, the last one matched to it, for review (if that match is wrong: reconciler review unmatch {line}; if the customer really paid more: reconciler review confirm {line})")
            : "no matched line to raise an exception on: check its allocations";
        return string.Create(
            inv,
            $"{where}: contract {lowered.ContractNo} of customer {lowered.CustomerId} is now {lowered.NewAmount:#,##0.00##} {lowered.Currency}, less than the {lowered.Allocated:#,##0.00##} {lowered.Currency} already allocated to it; its allocations are kept and nothing of it is open; {review}");
    }

    /// <summary>Reads a statement file and its SHA-256; a file imported before is not parsed again.</summary>
    internal static PendingFile Read(LedgerStore store, ReconcileRequest request, string path, string name, Action<string>? progress, Action<string>? warning = null) =>
        ReconcileJob.ReadFile(path, name, (stream, _) =>
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (store.FindStatementFile(sha) is { } known)
            {
                return new PendingFile(name, sha, null, known);
            }

            stream.Position = 0;
            var file = StatementReader.Read(stream, name, request.StatementProfile, request.Profiles, request.StatementLimits);
            foreach (var line in file.Lines)
            {
                if (LedgerLimits.Problem(line) is { } problem)
                {
                    throw new InputFormatException(name, line.Row, problem.Role, problem.Value, $"\"{problem.Value}\" cannot be kept in the ledger: {problem.Problem}");
                }
            }

            progress?.Invoke(ReconcileJob.ProfileLine(name, file));
            ReconcileJob.WarnOfGuesses(name, file, warning);
            return new PendingFile(name, sha, file, null);
        });

    internal static (long FileId, int Lines) Import(LedgerStore store, ReconcileRequest request, PendingFile file, List<string> notes) =>
        Import(store, request, file, notes, null);

    /// <summary>As <see cref="Import(LedgerStore, ReconcileRequest, PendingFile, List{string})"/>, adding the import made (if any) to <paramref name="imports"/>.</summary>
    private static (long FileId, int Lines) Import(LedgerStore store, ReconcileRequest request, PendingFile file, List<string> notes, List<StatementImport>? imports)
    {
        if (file.Known is { } known)
        {
            notes.Add($"{file.Name}: imported before ({known.ImportedAt}, same SHA-256): nothing imported");
            return (known.Id, known.Lines);
        }

        var read = file.Read!;
        var imported = store.ImportStatement(file.Name, file.Sha256, read.Profile.Name, file.Prepared ?? PreparedLines.Of(read.Lines), request.Actor);
        imports?.Add(imported);
        notes.Add(imported.AlreadyImported
            ? $"{file.Name}: imported before ({imported.ImportedAt}, same SHA-256): nothing imported"
            : string.Create(CultureInfo.InvariantCulture, $"{file.Name}: {imported.Lines.Count:N0} lines imported, {imported.Duplicates:N0} of them duplicates of lines imported before"));
        return (imported.FileId, imported.AlreadyImported ? read.Lines.Count : imported.Lines.Count);
    }

    /// <summary>A statement file read and checked, waiting to be imported (or known from an earlier import).</summary>
    internal sealed record PendingFile(string Name, string Sha256, StatementFile? Read, (long Id, string ImportedAt, int Lines)? Known)
    {
        /// <summary>The lines read with their ledger identities, ready to import; null until worked out (the import then does it).</summary>
        public PreparedLines? Prepared { get; init; }
    }

    /// <summary>A match run saved: its id, the snapshot it worked on and its results.</summary>
    private sealed record DecidedRun(long RunId, LedgerSnapshot Snapshot, MatchRun Run);
}
