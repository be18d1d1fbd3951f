namespace Reconciler.Storage;

/// <summary>The outbox's delivery statuses.</summary>
public static class AlertStatus
{
    /// <summary>Not sent yet (possibly waiting for a retry).</summary>
    public const string Pending = "pending";

    /// <summary>
    /// Claimed by a dispatcher that is sending it now (see <see cref="LedgerStore.ClaimDueAlerts"/>); back to
    /// <see cref="Pending"/>, or on to <see cref="Sent"/> or <see cref="Failed"/>, when it is done, or claimable again
    /// once the claim's lease (<see cref="OutboxAlert.NextAttemptAt"/>) has run out.
    /// </summary>
    public const string Sending = "sending";

    /// <summary>Delivered.</summary>
    public const string Sent = "sent";

    /// <summary>Given up after the last retry; <see cref="OutboxAlert.LastError"/> says why.</summary>
    public const string Failed = "failed";
}
