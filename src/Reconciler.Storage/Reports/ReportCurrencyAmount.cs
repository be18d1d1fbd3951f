namespace Reconciler.Storage;

/// <summary>An amount in one currency.</summary>
/// <param name="Currency">The currency.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Count">How many items make it (lines, receivables).</param>
public sealed record ReportCurrencyAmount(string Currency, decimal Amount, long Count);
