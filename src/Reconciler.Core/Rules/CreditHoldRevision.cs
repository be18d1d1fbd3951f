namespace Reconciler.Rules;

/// <summary>
/// A decision to keep a credit hold in force with a new cause or new figures: its key, reason and rule are brought
/// up to date (the hold keeps its id and the orders it still covers), so its reason stays true to the facts.
/// </summary>
/// <param name="Rule">The rule whose cause the hold now stands on.</param>
/// <param name="HoldId">The ledger id of the hold.</param>
/// <param name="Key">The hold's new key (see <see cref="CreditHold.Key"/>).</param>
/// <param name="Reason">The new reason, with the figures as they are now.</param>
/// <param name="PreviousKey">The key the hold had when the facts were read.</param>
/// <param name="PreviousReason">The reason the hold had when the facts were read.</param>
/// <param name="Concern">The customer and the receivable.</param>
public sealed record CreditHoldRevision(string Rule, long HoldId, string Key, string Reason, string PreviousKey, string PreviousReason, Concern Concern);
