using Reconciler.Storage;

namespace Reconciler.Worker.Serve;

/// <summary>The nightly run's report, written into the reports folder.</summary>
internal static class NightlyReport
{
    /// <summary>Writes the report; returns its path.</summary>
    public static string? Write(LedgerStore store, WorkerSetup setup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(setup);
        ct.ThrowIfCancellationRequested();
        return null; // PENDING-MERGE: the report workbook lands with the reports work (branch report)
    }
}
