using System.Diagnostics;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Reports;

/// <summary>
/// The workbook a clerk works from, read from the ledger: Summary, Payment cycle, To review, Matched, Partial,
/// Unmatched, Open receivables, Credit holds, Alerts (see <see cref="ReportSheets"/>). Reads only; written
/// atomically (a temporary file beside the target, renamed over it when complete). The big sheets stream from
/// the database to the file, so the lines never sit in memory all at once.
/// </summary>
internal static class LedgerReport
{
    /// <summary>Writes the report for the lines booked from <paramref name="from"/> to <paramref name="to"/> (either open) to <paramref name="outPath"/>.</summary>
    /// <param name="store">The ledger.</param>
    /// <param name="outPath">The <c>.xlsx</c> to write.</param>
    /// <param name="from">The first booking day, or null.</param>
    /// <param name="to">The last booking day, or null.</param>
    /// <param name="clock">Gives today (receivables' age) and the time the report is written at.</param>
    /// <exception cref="ArgumentException"><paramref name="from"/> is after <paramref name="to"/>.</exception>
    public static ReportOutcome Write(LedgerStore store, string outPath, DateOnly? from, DateOnly? to, TimeProvider clock) =>
        Write(store, outPath, from, to, clock, new ReportOptions());

    /// <summary>As <see cref="Write(LedgerStore, string, DateOnly?, DateOnly?, TimeProvider)"/>, with the rules' thresholds and extra sheets.</summary>
    public static ReportOutcome Write(LedgerStore store, string outPath, DateOnly? from, DateOnly? to, TimeProvider clock, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        if (from > to)
        {
            throw new ArgumentException($"the period starts on {from:yyyy-MM-dd}, after it ends ({to:yyyy-MM-dd})", nameof(from));
        }

        var started = Stopwatch.GetTimestamp();
        var period = new ReportPeriod(from, to);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var sheets = new ReportSheets(store, period, today, clock.GetLocalNow(), options);
        IReadOnlyList<WrittenSheet> written = [];
        ReconcileJob.WriteAtomically(outPath, stream => written = XlsxTableWriter.Write(stream, [.. options.Leading, .. sheets.All()], options.MaxRowsPerSheet));
        return new ReportOutcome(Path.GetFullPath(outPath), written, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// <c>reconcile --data … --out x.xlsx</c>: the run's results sheet (as without a ledger: <c>Results</c>, the
    /// results columns) followed by the whole report over every line of the ledger, with the request's rule thresholds.
    /// </summary>
    public static ReportOutcome WriteWithResults(LedgerStore store, ReconcileRequest request, IReadOnlyList<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = ReportOptions.ForRules(request.Rules) with { Leading = [ResultsXlsxWriter.Sheet(ResultsXlsxWriter.SheetName, results)] };
        return Write(store, request.OutputPath, null, null, request.Clock, options);
    }
}
