namespace Reconciler.Domain;

/// <summary>An amount of a payment applied to (or, for a suggestion, proposed for) one receivable.</summary>
/// <param name="Receivable">The receivable.</param>
/// <param name="Amount">The amount applied or proposed; never more than the receivable's open amount.</param>
public readonly record struct Allocation(Receivable Receivable, decimal Amount);
