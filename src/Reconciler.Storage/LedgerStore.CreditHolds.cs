namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>Credit holds, newest first: those in force, or all when <paramref name="includeReleased"/>.</summary>
    public IReadOnlyList<StoredCreditHold> ListCreditHolds(bool includeReleased) =>
        throw new NotImplementedException("storage helper");

    /// <summary>Releases a hold in force by hand, audited with who and why.</summary>
    /// <exception cref="ReviewException">No such hold, or it was released already.</exception>
    public StoredCreditHold ReleaseCreditHold(long id, string by, string note) =>
        throw new NotImplementedException("storage helper");
}
