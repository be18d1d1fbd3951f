using System.Globalization;
using Reconciler.Storage;
using Reconciler.Worker.Reports;

namespace Reconciler.Worker.Serve;

/// <summary>
/// The nightly run's report: the whole ledger's workbook, written atomically into the reports folder as
/// <c>reconciliation-yyyy-MM-dd.xlsx</c> (the run's day in <c>Worker:TimeZone</c>, the schedule's zone; a rerun that
/// day replaces it), with payment cycles marked by the worker's rule thresholds, as the rules mark them.
/// </summary>
internal static class NightlyReport
{
    /// <summary>Writes the report; returns what was written.</summary>
    public static ReportOutcome Write(LedgerStore store, WorkerSetup setup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(setup);
        ct.ThrowIfCancellationRequested();
        Directory.CreateDirectory(setup.ReportsFolder);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(setup.Clock.GetUtcNow(), setup.Options.Zone()).DateTime);
        var path = Path.Combine(setup.ReportsFolder, string.Create(CultureInfo.InvariantCulture, $"reconciliation-{day:yyyy-MM-dd}.xlsx"));
        return LedgerReport.Write(store, path, null, null, setup.Clock, ReportOptions.ForRules(setup.Reconcile.Rules));
    }
}
