namespace Reconciler.Storage;

/// <summary>One allocation a person asks for with <c>review match</c>.</summary>
/// <param name="Receivable">
/// The receivable: its contract number, its ledger id, or <c>#ID</c> for the ledger id alone (when a contract
/// number is itself a number).
/// </param>
/// <param name="Amount">The amount to allocate; null for what the line has left or what is open, whichever is less.</param>
public sealed record ManualAllocation(string Receivable, decimal? Amount = null);
