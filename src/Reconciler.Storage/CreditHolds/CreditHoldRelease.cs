namespace Reconciler.Storage;

/// <summary>What releasing a credit hold by hand did.</summary>
/// <param name="Hold">The hold as it stands now (released).</param>
/// <param name="Changed">False when it was released already: no row changed, and the hold says when and by whom.</param>
/// <param name="Message">One sentence for the person releasing it: what was done, or why nothing was.</param>
public sealed record CreditHoldRelease(StoredCreditHold Hold, bool Changed, string Message);
