namespace Reconciler.Rules;

/// <summary>A decision to release an open credit hold because the receivable that caused it is settled.</summary>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="HoldId">The ledger id of the hold.</param>
/// <param name="Reason">Why it is released, naming the receivable.</param>
/// <param name="Concern">The customer and the receivable.</param>
public sealed record CreditRelease(string Rule, long HoldId, string Reason, Concern Concern);
