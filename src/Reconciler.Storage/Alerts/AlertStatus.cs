namespace Reconciler.Storage;

/// <summary>The outbox's delivery statuses.</summary>
public static class AlertStatus
{
    /// <summary>Not sent yet (possibly waiting for a retry).</summary>
    public const string Pending = "pending";

    /// <summary>Delivered.</summary>
    public const string Sent = "sent";

    /// <summary>Given up after the last retry; <see cref="OutboxAlert.LastError"/> says why.</summary>
    public const string Failed = "failed";
}
