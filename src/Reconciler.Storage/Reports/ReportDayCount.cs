namespace Reconciler.Storage;

/// <summary>The lines of one booking day with one status, for the trend.</summary>
/// <param name="Day">The booking day.</param>
/// <param name="Status">The line status (lines not through a run yet count as <c>unmatched</c>).</param>
/// <param name="Lines">How many.</param>
/// <param name="Amount">The sum of their amounts, all currencies together (for the trend's shape only).</param>
public sealed record ReportDayCount(DateOnly Day, string Status, long Lines, decimal Amount);
