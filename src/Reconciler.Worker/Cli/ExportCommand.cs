using System.CommandLine;
using System.Globalization;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Reconciliation;
using Reconciler.Worker.Reports;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler export --data DIR --what lines|matched|suggested|unmatched|receivables|holds --out FILE.csv</c>:
/// CSV for the ERP, with stable columns (documented in the README). <c>lines</c> and its per-status subsets have
/// exactly the columns of <c>reconcile</c>'s results CSV, with each line's current status. Reads only; written atomically.
/// </summary>
internal static class ExportCommand
{
    /// <summary>What can be exported.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["lines", "matched", "suggested", "unmatched", "receivables", "holds"];

    /// <summary>The columns of <c>--what receivables</c>, in order.</summary>
    public static IReadOnlyList<string> ReceivableColumns { get; } =
    [
        "receivable_id", "contract_no", "customer_id", "customer_name", "sales_owner", "currency", "amount", "open_amount",
        "issue_date", "due_date", "days_overdue", "age",
    ];

    private static readonly HashSet<string> ReceivableDataColumns = ["receivable_id", "amount", "open_amount", "issue_date", "due_date", "days_overdue"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var what = new Option<string>("--what") { Description = "lines, matched, suggested, unmatched, receivables or holds.", Required = true };
        what.AcceptOnlyFromAmong([.. Kinds]);
        var to = new Option<FileInfo?>("--out") { Description = "The CSV file to write.", Required = true };
        var period = new PeriodOptions();
        var ledger = new LedgerCommandOptions();
        var command = new Command("export", "Export lines (all, or matched, suggested or unmatched), open receivables or credit holds as CSV for the ERP.") { what, to };
        period.AddTo(command);
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var file = parsed.GetValue(to)!;
            if (LedgerCommand.CsvOutProblem(file) is { } problem)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.Usage;
            }

            if (!period.TryRead(parsed, error, out var from, out var until))
            {
                return ExitCodes.Usage;
            }

            var kind = parsed.GetValue(what)!;
            var store = ledger.Store(parsed, readOnly: true);
            var rows = Export(store, kind, file.FullName, new ReportPeriod(from, until), TimeProvider.System);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} {kind} row(s) written to {file.FullName}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Writes one export atomically; returns the rows written.</summary>
    internal static long Export(LedgerStore store, string kind, string path, ReportPeriod period, TimeProvider clock)
    {
        long rows = 0;
        switch (kind)
        {
            case "holds":
                var holds = store.ListCreditHolds(includeReleased: true);
                CreditHoldsCommand.WriteCsv(path, holds);
                return holds.Count;
            case "receivables":
                var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
                ReconcileJob.WriteAtomically(path, stream => TableCsvWriter.Write(
                    stream,
                    ReceivableColumns,
                    store.ReportOpenReceivables().Select(r =>
                    {
                        rows++;
                        var days = today.DayNumber - r.DueDate.DayNumber;
                        return new string?[]
                        {
                            r.Id.ToString(CultureInfo.InvariantCulture), r.ContractNo, r.CustomerId, r.CustomerName, r.SalesOwner, r.Currency,
                            Money(r.Amount), Money(r.OpenAmount), Day(r.IssueDate), Day(r.DueDate),
                            Math.Max(0, days).ToString(CultureInfo.InvariantCulture), ReportSheets.AgeBucket(days),
                        };
                    }),
                    ReceivableDataColumns));
                return rows;
            default:
                MatchStatus[]? statuses = kind switch
                {
                    "matched" => [MatchStatus.Matched],
                    "suggested" => [MatchStatus.Suggested],
                    "unmatched" => [MatchStatus.Unmatched],
                    _ => null,
                };
                ReconcileJob.WriteAtomically(path, stream => ResultsCsvWriter.Write(stream, store.ReportLines(period, statuses).Select(r =>
                {
                    rows++;
                    return r;
                })));
                return rows;
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
