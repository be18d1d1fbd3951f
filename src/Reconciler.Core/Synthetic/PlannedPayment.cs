namespace Reconciler.Synthetic;

/// <summary>A payment of a planned event: the day (from the start of the period) and the amount in cents.</summary>
internal readonly record struct PlannedPayment(int Day, long Cents);
