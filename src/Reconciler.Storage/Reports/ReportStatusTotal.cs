namespace Reconciler.Storage;

/// <summary>The statement lines of a report's period with one status and currency: how many, and their amounts' sum.</summary>
/// <param name="Status">The line status (<c>matched</c>, … ; lines not through a run yet count as <c>unmatched</c>).</param>
/// <param name="Currency">The currency.</param>
/// <param name="Lines">How many lines.</param>
/// <param name="Amount">The sum of their signed amounts.</param>
public sealed record ReportStatusTotal(string Status, string Currency, long Lines, decimal Amount);
