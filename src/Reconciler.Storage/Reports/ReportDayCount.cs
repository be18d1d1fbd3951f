namespace Reconciler.Storage;

/// <summary>The lines of one booking day with one status and currency, for the trend.</summary>
/// <param name="Day">The booking day.</param>
/// <param name="Status">The line status (lines not through a run yet count as <c>unmatched</c>).</param>
/// <param name="Lines">How many.</param>
/// <param name="Amount">The sum of their amounts in <paramref name="Currency"/>.</param>
/// <param name="Currency">The lines' currency (amounts of different currencies are never added together).</param>
public sealed record ReportDayCount(DateOnly Day, string Status, long Lines, decimal Amount, string Currency);
