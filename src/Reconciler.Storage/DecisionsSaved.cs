namespace Reconciler.Storage;

/// <summary>What saving a rules session's decisions changed.</summary>
/// <param name="AlertsAdded">Alerts put in the outbox now.</param>
/// <param name="AlertsKnown">Alerts whose key was already in the outbox (not added again).</param>
/// <param name="HoldsOpened">Credit holds opened now.</param>
/// <param name="HoldsKnown">Credit holds whose key was known (open or released before): not opened again.</param>
/// <param name="HoldsReleased">Credit holds released now.</param>
public sealed record DecisionsSaved(int AlertsAdded, int AlertsKnown, int HoldsOpened, int HoldsKnown, int HoldsReleased)
{
    /// <summary>Credit holds kept in force with a new cause or new figures (key, reason and rule brought up to date).</summary>
    public int HoldsRevised { get; init; }
}
