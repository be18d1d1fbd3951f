using System.Diagnostics;
using System.Globalization;
using Reconciler.Storage;
using Reconciler.Worker.Reports;

namespace Reconciler.Benchmarks;

/// <summary>
/// <c>report-scale DATA OUT.xlsx</c>: writes the ledger report of the SQLite ledger in DATA (for example the 1M-line
/// ledger of <c>LEDGER=sqlite bash scripts/scale-run.sh</c>) once, through <see cref="LedgerReport.Write(LedgerStore, string, DateOnly?, DateOnly?, TimeProvider)"/>,
/// and prints the sheets, the time and the process's peak working set. The ledger is brought to the current schema
/// first (a copy of an old ledger, not one in use), and that is timed apart.
/// </summary>
internal static class ReportScaleRun
{
    public static void Run(string data, string output, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        var store = new LedgerStore(StoreLocation.DataFolder(data));
        var migrate = Stopwatch.StartNew();
        var applied = store.Migrate();
        log.WriteLine(string.Create(inv, $"migrate: {applied.Count} migration(s) in {migrate.Elapsed.TotalSeconds:0.00} s"));
        var outcome = LedgerReport.Write(store, output, null, null, TimeProvider.System);
        foreach (var sheet in outcome.Sheets)
        {
            log.WriteLine(string.Create(inv, $"  {sheet.Name}: {sheet.Rows:N0} rows in {sheet.Elapsed.TotalSeconds:0.00} s"));
        }

        using var process = Process.GetCurrentProcess();
        log.WriteLine(string.Create(inv, $"report: {outcome.Elapsed.TotalSeconds:0.00} s, {new FileInfo(output).Length / 1048576.0:N1} MiB written; peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
    }
}
