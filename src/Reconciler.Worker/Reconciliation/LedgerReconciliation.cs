using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;
using Reconciler.Storage;

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
    /// <summary>Runs the job against the request's ledger.</summary>
    public static ReconcileOutcome Run(ReconcileRequest request, Action<string>? progress)
    {
        var store = new LedgerStore(request.Ledger ?? throw new ArgumentException("the request has no ledger", nameof(request)));
        var timings = new StageTimings();
        var notes = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        timings.Time("open ledger", progress, () =>
        {
            var applied = store.Migrate();
            notes.Add(applied.Count > 0
                ? string.Create(inv, $"ledger {store.Location}: created (schema version {applied.Max()})")
                : $"ledger {store.Location}");
            return true;
        });

        var receivables = SyncReceivables(store, request, timings, progress, notes);

        var names = ReconcileJob.DisplayNames(request.StatementPaths);
        var files = timings.Time("import statements", progress, () => request.StatementPaths
            .Select((path, i) => Import(store, request, path, names[i], progress, notes))
            .ToList());

        var snapshot = store.LoadForMatching();
        if (snapshot.HasWork)
        {
            var index = timings.Time("index", progress, () =>
            {
                var built = ReceivableIndex.Build(snapshot.Receivables, snapshot.Links);
                built.BuildTypoIndex();
                return built;
            });
            var run = timings.Time("match", progress, () => Matcher.Match([.. snapshot.Pending.Select(p => p.Line)], index, request.Options));
            var runId = timings.Time("save", progress, () =>
                store.SaveRun(snapshot, run, JsonSerializer.Serialize(request.Options), RuleSetVersion, request.Actor));
            notes.Add(string.Create(inv, $"match run {runId}: {snapshot.Pending.Count:N0} lines decided ({snapshot.Pending.Count(p => p.Status != LedgerStore.NewStatus):N0} of them retried)"));
        }
        else
        {
            notes.Add("nothing new since the last match run (no new lines, receivables unchanged): no run, nothing changed");
        }

        var results = store.ResultsOfFiles(files.Select(f => f.FileId));
        var open = store.LoadForMatching().Receivables.Select(r => r.Amount).ToList();
        if (ReconcileJob.IsExcel(request.OutputPath) && results.Count > ResultsXlsxWriter.MaxResults)
        {
            throw new InvalidOperationException(string.Create(inv, $"{results.Count:N0} results do not fit in one .xlsx sheet (at most {ResultsXlsxWriter.MaxResults:N0}); write the results to a .csv file instead"));
        }

        timings.Time("write", progress, () =>
        {
            ReconcileJob.WriteAtomically(request.OutputPath, stream => ReconcileJob.WriteResults(stream, request.OutputPath, results));
            return true;
        });
        return new ReconcileOutcome(
            new MatchRun(results, open),
            receivables,
            [.. files.Select(f => (f.Name, results.Count(r => string.Equals(r.Line.File, f.Name, StringComparison.Ordinal))))],
            timings)
        {
            Notes = notes,
        };
    }

    /// <summary>The version stamped on every match run: the matcher's assembly version.</summary>
    public static string RuleSetVersion { get; } = "matcher " + (typeof(Matcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    /// <summary>
    /// Syncs the receivables file's receivables, then the ERP's (which win where both give one, and mark receivables
    /// paid or cancelled as the ERP says); returns how many were read.
    /// </summary>
    private static int SyncReceivables(LedgerStore store, ReconcileRequest request, StageTimings timings, Action<string>? progress, List<string> notes)
    {
        var inv = CultureInfo.InvariantCulture;
        var path = request.ReceivablesPath;
        var file = path is null ? null : timings.Time("read receivables", progress, () => ReconcileJob.ReadReceivables(request));
        var erp = request.Erp is { } erpSource ? timings.Time("query ERP", progress, () => ErpReceivables.Read(erpSource)) : null;
        var read = 0;
        if (file is not null)
        {
            var rest = erp is null ? file : ErpReceivables.Without(file, erp);
            var sync = timings.Time("sync receivables", progress, () => store.SyncReceivables(rest, Path.GetFileName(path!), request.Actor));
            var fromErp = file.Count - rest.Count;
            notes.Add(string.Create(inv, $"receivables: {sync.Added:N0} new, {sync.Updated:N0} changed, {sync.Unchanged:N0} as before{(fromErp > 0 ? $" ({fromErp:N0} more taken from the ERP, which also gives them)" : "")}"));
            read += rest.Count;
        }

        if (erp is not null)
        {
            var source = request.Erp!;
            var sync = timings.Time("sync ERP receivables", progress, () => store.SyncErpReceivables(erp, source.Name, source.Complete, request.Actor));
            var withdrawn = source.Complete ? string.Create(inv, $", {sync.Withdrawn:N0} cancelled as no longer listed") : "";
            notes.Add(string.Create(inv, $"receivables from {source.Description}: {sync.Rows:N0} rows, {sync.Added:N0} new, {sync.Updated:N0} changed, {sync.Unchanged:N0} as before; {sync.Paid:N0} marked paid and {sync.Cancelled:N0} cancelled as the ERP says{withdrawn}"));
            read += erp.Count;
        }

        return read;
    }

    private static (long FileId, string Name, int Lines) Import(LedgerStore store, ReconcileRequest request, string path, string name, Action<string>? progress, List<string> notes) =>
        ReconcileJob.ReadFile(path, name, (stream, _) =>
        {
            var inv = CultureInfo.InvariantCulture;
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (store.FindStatementFile(sha) is { } known)
            {
                notes.Add($"{name}: imported before ({known.ImportedAt}, same SHA-256): nothing imported");
                return (known.Id, name, 0);
            }

            stream.Position = 0;
            var file = StatementReader.Read(stream, name, request.StatementProfile, request.Profiles, request.StatementLimits);
            progress?.Invoke(ReconcileJob.ProfileLine(name, file));
            var imported = store.ImportStatement(name, sha, file.Profile.Name, file.Lines, request.Actor);
            notes.Add(imported.AlreadyImported
                ? $"{name}: imported before ({imported.ImportedAt}, same SHA-256): nothing imported"
                : string.Create(inv, $"{name}: {imported.Lines.Count:N0} lines imported, {imported.Duplicates:N0} of them duplicates of lines imported before"));
            return (imported.FileId, name, imported.Lines.Count);
        });
}
