namespace Reconciler.Storage;

/// <summary>Alerts a dispatcher has claimed to send (see <see cref="LedgerStore.ClaimDueAlerts"/>).</summary>
/// <param name="Token">The claim's token: only a caller holding it can mark the alerts sent, failed or released.</param>
/// <param name="Alerts">The alerts claimed by this call, oldest first; none when nothing was due.</param>
public sealed record AlertClaim(string Token, IReadOnlyList<OutboxAlert> Alerts);
