using System.Globalization;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Storage;

namespace Reconciler.Worker.Reports;

internal sealed partial class ReportSheets
{
    /// <summary>
    /// The share of the period's lines to match (credits and debits not ignored, not duplicates) that were matched
    /// in full or in part automatically or by a person: <c>(matched + partial) / (lines − ignored − duplicate)</c>;
    /// null when there is none.
    /// </summary>
    public static double? AutoMatchRate(IEnumerable<ReportStatusTotal> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var counts = statuses.GroupBy(s => s.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Lines), StringComparer.Ordinal);
        long Count(MatchStatus status) => counts.GetValueOrDefault(status.ToName());
        var decided = Count(MatchStatus.Matched) + Count(MatchStatus.Partial);
        var toMatch = decided + Count(MatchStatus.Suggested) + Count(MatchStatus.Unmatched);
        return toMatch == 0 ? null : (double)decided / toMatch;
    }

    private IEnumerable<object?[]> SummaryRows()
    {
        var s = store.ReportSummary(period);
        var inv = CultureInfo.InvariantCulture;
        yield return Row("period", period.From is null && period.To is null ? "all booking dates" : string.Create(inv, $"{Day(period.From) ?? "…"} to {Day(period.To) ?? "…"}"), note: "statement lines by booking date; holds and alerts by when they happened");
        yield return Row("period", "written", note: string.Create(inv, $"{now:yyyy-MM-dd HH:mm zzz}; receivables aged as of {today:yyyy-MM-dd}"));

        var allLines = s.Statuses.Sum(x => x.Lines);
        foreach (var status in s.Statuses)
        {
            // A duplicate is a line, not money: its amount is its original's, counted under the original's status, so
            // that the amount column never shows one payment twice.
            var duplicate = status.Status == Duplicate;
            yield return Row("lines by status", StatusCell(status.Status), status.Currency, status.Lines, duplicate ? null : status.Amount, allLines == 0 ? null : new Percent((double)status.Lines / allLines),
                note: status.Status == LedgerStore.NeutralItem ? "ignored lines the bank marks as neither money in nor money out, kept apart so that the ignored amount is the debits"
                    : status.Status == LedgerStore.NotBookedItem ? "ignored lines the bank has not booked (pending, closed): no money moved; their amounts as the bank signs them, kept apart so that the ignored amount is the debits"
                    : duplicate ? string.Create(inv, $"the same bank lines seen again in an overlapping export, counted as lines only: {status.Amount:N2} seen again, not money received again (each original is counted under its own status)")
                    : null);
        }

        yield return Row("lines", "all", count: allLines, note: "every line booked, a duplicate too");
        foreach (var currency in s.Days.GroupBy(d => d.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Row("money received", "credits, neither duplicate nor ignored", currency.Key, currency.Sum(d => d.ReceivedLines), currency.Sum(d => d.ReceivedAmount),
                note: "the matched, partial, suggested and unmatched credits; a payment booked twice is received once; the trend gives it per day");
        }

        var rate = AutoMatchRate(s.Statuses);
        yield return Row("auto-match rate", "matched + partial of lines to match", count: s.Statuses.Where(x => x.Status is "matched" or "partial").Sum(x => x.Lines), rate: rate is { } r ? new Percent(r) : null, note: "lines to match: all but ignored and duplicate lines");
        foreach (var amount in s.Allocated)
        {
            yield return Row("amount matched", "allocated to receivables by the period's lines", amount.Currency, amount.Count, amount.Amount, note: "count: lines");
        }

        foreach (var amount in s.StillOpen)
        {
            yield return Row("amount still open", "open on receivables now", amount.Currency, amount.Count, amount.Amount, note: "count: receivables; see Open receivables");
        }

        foreach (var exception in s.Exceptions)
        {
            yield return Row(
                "exceptions",
                exception.Open > 0 ? new Toned(exception.Kind, ReportTone.Exception) : exception.Kind,
                count: exception.Open,
                note: string.Create(inv, $"{exception.Open:N0} unresolved, {exception.Resolved:N0} resolved since"));
        }

        yield return Row("credit holds", "opened", count: s.HoldsOpened);
        yield return Row("credit holds", "released", count: s.HoldsReleased);
        yield return Row("alerts", "sent", count: s.AlertsSent);
        yield return Row("alerts", s.AlertsNotSent > 0 ? new Toned("not sent (pending or failed)", ReportTone.Review) : "not sent (pending or failed)", count: s.AlertsNotSent);

        // The trend: the period's last days, oldest first, one row per currency booked that day (amounts of different
        // currencies are never added together), each with the money received that day (credits neither duplicate nor
        // ignored: a payment booked twice is received once, debits and lines neither in nor out are not receipts), its
        // auto-match rate, and in the note the day's lines by the statuses above, received and not.
        var trendDays = s.Days.Select(d => d.Day).Distinct().Order().TakeLast(TrendDays).ToHashSet();
        foreach (var day in s.Days.Where(d => trendDays.Contains(d.Day)).GroupBy(d => (d.Day, d.Currency)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var totals = day.Select(d => new ReportStatusTotal(d.Status, d.Currency, d.Lines, d.Amount)).ToList();
            var dayRate = AutoMatchRate(totals);
            yield return Row(
                "trend by day",
                day.Key.Day.ToString("yyyy-MM-dd", inv),
                currency: day.Key.Currency,
                count: day.Sum(d => d.ReceivedLines),
                amount: day.Sum(d => d.ReceivedAmount),
                rate: dayRate is { } dr ? new Percent(dr) : null,
                note: TrendNote([.. day.OrderBy(d => d.Status, StringComparer.Ordinal)]));
        }
    }

    /// <summary>
    /// A trend day's lines by status: those received, then those not received, each with why:
    /// <c>received: 1 matched; 1 suggested. Not received: 1 duplicate (the same bank line seen again, received once); 1 ignored (debits -18,000.00)</c>.
    /// </summary>
    private static string TrendNote(IReadOnlyList<ReportDayCount> day)
    {
        var inv = CultureInfo.InvariantCulture;
        var received = day.Where(d => d.ReceivedLines > 0).Select(d => string.Create(inv, $"{d.ReceivedLines:N0} {d.Status}")).ToList();
        var notReceived = day.Where(d => d.Lines > d.ReceivedLines).Select(d =>
        {
            var amount = d.Amount - d.ReceivedAmount;
            var why = d.Status switch
            {
                _ when d.Status == Duplicate => " (the same bank line seen again, received once)",
                _ when d.Status == Ignored => amount == 0 ? "" : string.Create(inv, $" (debits {amount:N2})"),
                LedgerStore.NeutralItem => string.Create(inv, $" ({amount:N2} neither in nor out)"),
                LedgerStore.NotBookedItem => string.Create(inv, $" ({amount:N2} not booked by the bank)"),
                _ => string.Create(inv, $" ({amount:N2}, not a credit)"), // a debit or a line neither in nor out not through a run yet
            };
            return string.Create(inv, $"{d.Lines - d.ReceivedLines:N0} {d.Status}{why}");
        }).ToList();
        var note = "received: " + (received.Count == 0 ? "none" : string.Join("; ", received));
        return notReceived.Count == 0 ? note : note + ". Not received: " + string.Join("; ", notReceived);
    }

    private static readonly string Duplicate = MatchStatus.Duplicate.ToName();

    private static readonly string Ignored = MatchStatus.Ignored.ToName();

    private static object StatusCell(string status) => status switch
    {
        "unmatched" => new Toned(status, ReportTone.Exception),
        "suggested" => new Toned(status, ReportTone.Review),
        _ => status,
    };

    private static object?[] Row(string section, object item, string? currency = null, long? count = null, decimal? amount = null, Percent? rate = null, string? note = null) =>
        [section, item, currency, count, amount, rate, note];

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
