using System.Globalization;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Storage;

namespace Reconciler.Worker.Reports;

/// <summary>
/// The sheets of the ledger report, each read from the store only when the writer reaches it (the big ones
/// streamed row by row). Colours mean one thing throughout: red an exception, amber waiting for a person, green healthy.
/// </summary>
internal sealed partial class ReportSheets(LedgerStore store, ReportPeriod period, DateOnly today, DateTimeOffset now, ReportOptions rules)
{
    public const string Summary = "Summary";
    public const string PaymentCycle = "Payment cycle";
    public const string ToReview = "To review";
    public const string Matched = "Matched";
    public const string Partial = "Partial";
    public const string Unmatched = "Unmatched";
    public const string OpenReceivables = "Open receivables";
    public const string CreditHolds = "Credit holds";
    public const string Alerts = "Alerts";

    /// <summary>How many days of the trend the summary shows (the last ones of the period).</summary>
    public const int TrendDays = 31;

    /// <summary>The report's sheet names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Summary, PaymentCycle, ToReview, Matched, Partial, Unmatched, OpenReceivables, CreditHolds, Alerts];

    public static IReadOnlyList<ReportColumn> SummaryColumns { get; } =
        [new("section", 18), new("item", 34), new("currency", 9), new("count", 11), new("amount", 18), new("rate", 9), new("note", 60)];

    public static IReadOnlyList<ReportColumn> CycleColumns { get; } =
    [
        new("customer_id", 12), new("customer_name", 30), new("sales_owner", 26), new("paid_receivables", 9), new("days_to_pay", 18),
        new("mean_days", 10), new("std_dev_days", 12), new("state", 10), new("newest_contract", 18),
    ];

    public static IReadOnlyList<ReportColumn> ReviewColumns { get; } =
    [
        new("line_id", 9), new("file", 22), new("row", 7), new("bank_ref", 18), new("date", 11), new("amount", 14), new("currency", 9),
        new("payer", 28), new("memo", 36), new("rank", 6), new("contract_no", 18), new("customer_id", 12), new("customer_name", 28),
        new("open_amount", 14), new("difference", 14), new("due_date", 11), new("confidence", 11), new("rule", 24), new("explanation", 90),
    ];

    public static IReadOnlyList<ReportColumn> ReceivableColumns { get; } =
    [
        new("receivable_id", 12), new("contract_no", 18), new("customer_id", 12), new("customer_name", 30), new("sales_owner", 26),
        new("currency", 9), new("amount", 14), new("open_amount", 14), new("issue_date", 11), new("due_date", 11), new("days_overdue", 12), new("age", 10),
    ];

    public static IReadOnlyList<ReportColumn> AlertColumns { get; } =
    [
        new("alert_id", 9), new("created_at", 17), new("kind", 14), new("rule", 24), new("severity", 9), new("audience", 14), new("channel", 10),
        new("recipient", 30), new("status", 9), new("attempts", 9), new("sent_at", 17), new("customer_id", 12), new("contract_no", 18),
        new("file", 22), new("row", 7), new("bank_ref", 18), new("subject", 60), new("last_error", 40),
    ];

    /// <summary>The holds' columns: those of <c>credit-holds export</c>.</summary>
    public static IReadOnlyList<ReportColumn> HoldColumns { get; } =
        [.. Cli.CreditHoldsCommand.Columns.Select(c => new ReportColumn(c, c is "reason" or "release_reason" ? 50 : c.EndsWith("_at", StringComparison.Ordinal) ? 17 : 14))];

    /// <summary>The age bucket of a receivable <paramref name="daysOverdue"/> days past due (negative: not due yet).</summary>
    public static string AgeBucket(int daysOverdue) => daysOverdue switch
    {
        < 0 => "not due",
        <= 30 => "0-30",
        <= 60 => "31-60",
        <= 90 => "61-90",
        _ => "> 90",
    };

    /// <summary>Every sheet, in order; each is read when enumerated.</summary>
    public IEnumerable<ReportSheet> All()
    {
        yield return new ReportSheet(Summary, SummaryColumns, SummaryRows());
        yield return new ReportSheet(PaymentCycle, CycleColumns, CycleRows());
        yield return new ReportSheet(ToReview, ReviewColumns, ReviewRows()) { Tab = ReportTone.Review };
        yield return ResultsXlsxWriter.Sheet(Matched, store.ReportLines(period, [MatchStatus.Matched])) with { Tab = ReportTone.Good };
        yield return ResultsXlsxWriter.Sheet(Partial, store.ReportLines(period, [MatchStatus.Partial]));
        yield return ResultsXlsxWriter.Sheet(Unmatched, store.ReportLines(period, [MatchStatus.Unmatched])) with { Tab = ReportTone.Exception };
        yield return new ReportSheet(OpenReceivables, ReceivableColumns, ReceivableRows());
        yield return new ReportSheet(CreditHolds, HoldColumns, HoldRows());
        yield return new ReportSheet(Alerts, AlertColumns, AlertRows());
    }

    private IEnumerable<object?[]> CycleRows()
    {
        var cycles = store.ReportPaymentCycles(rules.CycleReceivables)
            .OrderByDescending(c => c.StandardDeviationDays)
            .ThenBy(c => c.Concern.CustomerId, StringComparer.Ordinal);
        foreach (var c in cycles)
        {
            var deviation = c.StandardDeviationDays;
            var state = deviation <= rules.HealthyCycleDays ? new Toned("healthy", ReportTone.Good)
                : deviation > rules.FlagCycleDays ? new Toned("flagged", ReportTone.Exception)
                : new Toned("watch", ReportTone.Review);
            yield return
            [
                c.Concern.CustomerId, c.Concern.CustomerName, c.Concern.SalesOwner, c.Paid.Count,
                string.Join("; ", c.Paid.Select(p => p.DaysToPay.ToString(CultureInfo.InvariantCulture))),
                Math.Round(c.MeanDays, 2), Math.Round(deviation, 2), state, c.Concern.ContractNo,
            ];
        }
    }

    private IEnumerable<object?[]> ReviewRows()
    {
        foreach (var c in store.ReportCandidates(period))
        {
            yield return
            [
                c.LineId, c.File, c.Row, c.BankRef, c.Date, c.Amount, c.Currency, c.Payer, c.Memo, c.Rank switch { 0 => null, 1 => new Toned(1, ReportTone.Review), var rank => rank },
                c.ContractNo, c.CustomerId, c.CustomerName, c.OpenAmount, c.Difference, c.DueDate, c.Confidence, c.Rule, c.Explanation,
            ];
        }
    }

    private IEnumerable<object?[]> ReceivableRows()
    {
        foreach (var r in store.ReportOpenReceivables())
        {
            var days = today.DayNumber - r.DueDate.DayNumber;
            var bucket = AgeBucket(days);
            yield return
            [
                r.Id, r.ContractNo, r.CustomerId, r.CustomerName, r.SalesOwner, r.Currency, r.Amount, r.OpenAmount, r.IssueDate, r.DueDate,
                Math.Max(0, days),
                days > 60 ? new Toned(bucket, ReportTone.Exception) : days > 30 ? new Toned(bucket, ReportTone.Review) : bucket,
            ];
        }
    }

    private IEnumerable<object?[]> HoldRows()
    {
        foreach (var h in store.ListCreditHolds(includeReleased: true).Where(h => InPeriod(h.OpenedAt) || (h.ReleasedAt is { } r && InPeriod(r)) || h.ReleasedAt is null))
        {
            yield return
            [
                h.Id, h.ReleasedAt is null ? new Toned("in-force", ReportTone.Exception) : "released", h.CustomerId, h.CustomerName, h.ContractNo,
                h.ReceivableId, h.Reason, h.Orders, h.OrdersLeft, h.Rule, h.RuleSetVersion, Instant(h.OpenedAt), h.OpenedBy,
                Instant(h.ReleasedAt), h.ReleasedBy, h.ReleaseReason,
            ];
        }
    }

    private IEnumerable<object?[]> AlertRows()
    {
        foreach (var a in store.ReportAlerts(period))
        {
            var status = a.Status switch
            {
                "failed" => new Toned(a.Status, ReportTone.Exception),
                "pending" or "sending" => new Toned(a.Status, ReportTone.Review),
                _ => (object)a.Status,
            };
            yield return
            [
                a.Id, Instant(a.CreatedAt), a.Alert.Kind, a.Alert.Rule, a.Alert.Severity, a.Alert.Audience, a.Alert.Channel, a.Alert.Recipient,
                status, a.Attempts, Instant(a.SentAt), a.Alert.CustomerId, a.Alert.ContractNo, a.File, a.Row == 0 ? null : a.Row, a.BankRef,
                a.Alert.Subject, a.LastError,
            ];
        }
    }

    /// <summary>Whether a stored instant (ISO 8601 UTC text) falls on a day of the period.</summary>
    private bool InPeriod(string instant) =>
        DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        && period.Contains(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>A stored instant as a date-time cell (UTC), or the text as it is when it does not parse.</summary>
    private static object? Instant(string? instant) =>
        instant is null ? null
        : DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime
        : instant;
}
