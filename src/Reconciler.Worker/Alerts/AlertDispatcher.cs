using System.Globalization;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// Sends what is due in the outbox. It first claims the due alerts (<see cref="LedgerStore.ClaimDueAlerts"/>), so
/// that another dispatcher running at the same time (a <c>reconcile</c> and an <c>alerts send</c>) never sends the
/// same ones; then groups everything claimed into messages (in digest mode, one per channel and recipient, except
/// immediate alerts, which go one each), sends each on its channel in the parts the channel takes (a large digest
/// to a chat robot goes in several posts), and marks each part's alerts sent, or failed with the reason (the store
/// applies the backoff and gives up at the last attempt). A message that fails does not stop the others; nothing is
/// swallowed: every reason goes into the outbox.
/// </summary>
/// <remarks>
/// A channel that cannot be reached (no connection, or no answer within its timeout) is not used again in the same
/// dispatch: its further messages fail with the same reason, each alert's attempt counted but never its last (no alert
/// is failed without a try of its own), so that a dead webhook costs a run one timeout, not one per message, and its N
/// alerts give up in <see cref="AlertsOptions.MaxAttempts"/> + N − 1 dispatches (given back untried with no attempt
/// counted, as before, they took N × MaxAttempts). <c>alerts retry</c> puts failed alerts back.
/// Delivery is at least once: alerts claimed by a dispatcher that dies are claimed again when its lease
/// (<see cref="Lease"/>) runs out, and a message the channel took just before the death is sent again. A dispatch
/// claims at most <see cref="MaxClaimed"/> alerts before it sends; when more are due it claims and sends again, so
/// a recipient gets more than one digest only in a dispatch of more than that many alerts.
/// </remarks>
internal static class AlertDispatcher
{
    /// <summary>Alerts claimed from the outbox at a time.</summary>
    public const int BatchSize = 500;

    /// <summary>The most alerts a dispatch claims (in batches) before it groups and sends them.</summary>
    public const int MaxClaimed = 10_000;

    /// <summary>The longest reason recorded.</summary>
    public const int MaxReason = 2000;

    /// <summary>
    /// How long a claim holds its alerts without renewal. The dispatch renews it before a part when a third of it has
    /// passed, so between renewals there are at most a third of it plus one delivery (timeouts are at most 10
    /// minutes): well inside. A renewal that finds the claim shrunk (the lease ran out under a pause) stops the
    /// dispatch before it sends anything another dispatcher may have taken.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    /// <summary>Sends every alert due now; returns the counts and each failure's reason.</summary>
    public static async Task<DispatchResult> DispatchAsync(
        LedgerStore store,
        IReadOnlyDictionary<string, IAlertChannel> channels,
        AlertsOptions options,
        CancellationToken ct,
        TimeSpan? lease = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        var dispatch = new DispatchRun(store, channels, options, lease ?? Lease);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (fresh, more) = dispatch.Claim();
            if (fresh.Count > 0)
            {
                await dispatch.SendAsync(fresh, ct).ConfigureAwait(false);
            }

            if (!more || dispatch.ClaimLost)
            {
                break;
            }
        }

        return dispatch.Result();
    }

    /// <summary>
    /// The messages for <paramref name="alerts"/>, in outbox order: one per alert, or in digest mode one per channel
    /// and recipient for the alerts that are not immediate.
    /// </summary>
    public static IReadOnlyList<AlertMessage> Group(IReadOnlyList<OutboxAlert> alerts, bool digest)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var messages = new List<AlertMessage>();
        var digests = new Dictionary<(string, string), List<OutboxAlert>>();
        foreach (var alert in alerts.OrderBy(a => a.Id))
        {
            if (!digest || alert.Alert.Immediate)
            {
                messages.Add(new AlertMessage(alert.Alert.Channel, alert.Alert.Recipient, [alert]));
                continue;
            }

            var key = (alert.Alert.Channel, alert.Alert.Recipient.Trim().ToUpperInvariant());
            if (!digests.TryGetValue(key, out var list))
            {
                digests.Add(key, list = []);
            }

            list.Add(alert);
        }

        messages.AddRange(digests.Values.Select(list => new AlertMessage(list[0].Alert.Channel, list[0].Alert.Recipient, list)));
        return messages;
    }

    /// <summary>The reason recorded for <paramref name="error"/>: its message and its causes', cut to <see cref="MaxReason"/>.</summary>
    public static string Reason(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parts = new List<string>
        {
            error is AlertDeliveryException ? error.Message : string.Create(CultureInfo.InvariantCulture, $"{error.GetType().Name}: {error.Message}"),
        };
        // A delivery failure's message already says what its cause says; the marker of an unreachable channel says nothing.
        var cause = error is AlertDeliveryException ? error.InnerException : null;
        cause = cause is ChannelUnreachableException ? cause.InnerException : cause;
        for (var inner = error is AlertDeliveryException ? (cause is OperationCanceledException ? null : cause?.InnerException) : error.InnerException; inner is not null; inner = inner.InnerException)
        {
            // A cancellation under a failure is how a timeout was carried out ("A task was canceled", and below it the
            // connection it cut short): the failure already says that it timed out, and the rest would repeat it.
            if (inner is OperationCanceledException)
            {
                break;
            }

            if (!parts[^1].Contains(inner.Message, StringComparison.Ordinal))
            {
                parts.Add(inner.Message);
            }
        }

        return AlertText.OneLine(string.Join(" ← ", parts), MaxReason);
    }
}
