namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>Pending alerts whose next attempt is due now, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<OutboxAlert> DueAlerts(int limit) =>
        throw new NotImplementedException("storage helper");

    /// <summary>Marks alerts sent (only those still pending).</summary>
    public void MarkAlertsSent(IReadOnlyCollection<long> ids) =>
        throw new NotImplementedException("storage helper");

    /// <summary>
    /// Records a failed attempt for each alert: the attempt count goes up, the next attempt is due after
    /// <paramref name="backoff"/> doubled for each earlier attempt; at <paramref name="maxAttempts"/> the alert is
    /// <c>failed</c> with <paramref name="error"/> and not tried again.
    /// </summary>
    public void MarkAlertsFailed(IReadOnlyCollection<long> ids, string error, int maxAttempts, TimeSpan backoff) =>
        throw new NotImplementedException("storage helper");

    /// <summary>The outbox, newest first, optionally only alerts with <paramref name="status"/>.</summary>
    public IReadOnlyList<OutboxAlert> ListAlerts(string? status) =>
        throw new NotImplementedException("storage helper");
}
