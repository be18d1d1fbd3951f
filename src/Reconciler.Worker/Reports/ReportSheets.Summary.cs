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
            yield return Row("lines by status", StatusCell(status.Status), status.Currency, status.Lines, status.Amount, allLines == 0 ? null : new Percent((double)status.Lines / allLines),
                note: status.Status == LedgerStore.NeutralItem ? "ignored lines the bank marks as neither money in nor money out, kept apart so that the ignored amount is the debits" : null);
        }

        yield return Row("lines", "all", count: allLines);
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

        // The trend: the period's last days, oldest first, each with its lines and its auto-match rate, one row per
        // currency booked that day (amounts of different currencies are never added together).
        var trendDays = s.Days.Select(d => d.Day).Distinct().Order().TakeLast(TrendDays).ToHashSet();
        foreach (var day in s.Days.Where(d => trendDays.Contains(d.Day)).GroupBy(d => (d.Day, d.Currency)).OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            var totals = day.Select(d => new ReportStatusTotal(d.Status, d.Currency, d.Lines, d.Amount)).ToList();
            var dayRate = AutoMatchRate(totals);
            yield return Row(
                "trend by day",
                day.Key.Day.ToString("yyyy-MM-dd", inv),
                currency: day.Key.Currency,
                count: day.Sum(d => d.Lines),
                amount: day.Sum(d => d.Amount),
                rate: dayRate is { } dr ? new Percent(dr) : null,
                note: string.Join(", ", day.OrderBy(d => d.Status, StringComparer.Ordinal).Select(d => string.Create(inv, $"{d.Lines:N0} {d.Status}"))));
        }
    }

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
