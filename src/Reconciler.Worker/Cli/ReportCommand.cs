using System.CommandLine;
using System.Globalization;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reports;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler report --data DIR --out FILE.xlsx [--from DATE] [--to DATE]</c>: the workbook a clerk works from,
/// read from the ledger (never changed, never migrated), written atomically.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var to = new Option<FileInfo?>("--out") { Description = "The workbook to write (.xlsx).", Required = true };
        var period = new PeriodOptions();
        var ledger = new LedgerCommandOptions();
        var command = new Command("report", "Write the ledger's report workbook: summary and trend, payment cycles, lines to review, matched, partial and unmatched lines, open receivables by age, credit holds, alerts.") { to };
        period.AddTo(command);
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var file = parsed.GetValue(to)!;
            if (!Reconciliation.ReconcileJob.IsExcel(file.FullName))
            {
                error.WriteLine($"error: --out must name an .xlsx workbook; it is {file.Name} (for CSV use: reconciler export)");
                return ExitCodes.Usage;
            }

            if (!period.TryRead(parsed, error, out var from, out var until))
            {
                return ExitCodes.Usage;
            }

            var store = ledger.Store(parsed, readOnly: true);
            var rules = ReconcilerConfiguration.Rules(ledger.Configuration(parsed));
            var options = new ReportOptions { CycleReceivables = rules.CycleReceivables, HealthyCycleDays = rules.HealthyCycleDays, FlagCycleDays = rules.FlagCycleDays };
            var outcome = LedgerReport.Write(store, file.FullName, from, until, TimeProvider.System, options);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report written to {outcome.Path} in {outcome.Elapsed.TotalSeconds:0.0} s"));
            foreach (var sheet in outcome.Sheets)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sheet.Name}: {sheet.Rows:N0} rows ({sheet.Elapsed.TotalSeconds:0.0} s)"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
