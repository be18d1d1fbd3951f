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
/// applies the backoff and gives up at the last attempt). A message that fails does not stop the
/// others; nothing is swallowed: every reason goes into the outbox.
/// </summary>
/// <remarks>
/// A channel that cannot be reached (no connection, or no answer within its timeout) is not used again in the same
/// dispatch: its further messages are given back untried, their attempt not counted, due again after
/// <see cref="AlertsOptions.RetryAfter"/>, with the reason "not tried: CHANNEL was unreachable earlier in this
/// dispatch", so that a dead webhook costs a run one timeout, not one per message.
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
    /// How long a claim holds its alerts without renewal: longer than the longest single delivery (the options allow
    /// timeouts of up to 10 minutes); the dispatch renews it every third of that while it sends.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>Sends every alert due now; returns the counts and each failure's reason.</summary>
    public static async Task<DispatchResult> DispatchAsync(
        LedgerStore store,
        IReadOnlyDictionary<string, IAlertChannel> channels,
        AlertsOptions options,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        var dispatch = new Dispatch(store, channels, options);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (fresh, more) = dispatch.Claim();
            if (fresh.Count > 0)
            {
                await dispatch.SendAsync(fresh, ct).ConfigureAwait(false);
            }

            if (!more)
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
        for (var inner = error is AlertDeliveryException ? cause?.InnerException : error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!parts[^1].Contains(inner.Message, StringComparison.Ordinal))
            {
                parts.Add(inner.Message);
            }
        }

        return AlertText.OneLine(string.Join(" ← ", parts), MaxReason);
    }

    /// <summary>
    /// The channel of <paramref name="message"/> and the parts it is sent in (see <see cref="IAlertChannel.Split"/>);
    /// or, when it cannot be sent at all, the message whole with the reason.
    /// </summary>
    private static (IAlertChannel? Channel, IReadOnlyList<AlertMessage> Parts, string? Reason) Resolve(AlertMessage message, IReadOnlyDictionary<string, IAlertChannel> channels)
    {
        if (!channels.TryGetValue(message.Channel, out var channel))
        {
            return (null, [message], $"channel {message.Channel} is not configured (configured now: {(channels.Count == 0 ? "none" : string.Join(", ", channels.Keys.Order(StringComparer.Ordinal)))}); check the {AlertsOptions.Section} section");
        }

        try
        {
            return (channel, channel.Split(message), null);
        }
#pragma warning disable CA1031 // Recorded in the outbox with its reason, never swallowed.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return (null, [message], Reason(error));
        }
    }

    /// <summary>Sends one part; null when delivered, else the reason and whether the channel could not be reached.</summary>
    private static async Task<(string? Reason, bool Unreachable)> SendAsync(IAlertChannel channel, AlertMessage part, CancellationToken ct)
    {
        try
        {
            await channel.SendAsync(part, ct).ConfigureAwait(false);
            return (null, false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a channel is recorded in the outbox with its reason, never swallowed.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return (Reason(error), ChannelUnreachableException.Caused(error));
        }
    }

    /// <summary>One dispatch: its claim (one token for every batch), what it has seen, and its counts.</summary>
    private sealed class Dispatch(LedgerStore store, IReadOnlyDictionary<string, IAlertChannel> channels, AlertsOptions options)
    {
        private readonly string _token = LedgerStore.NewClaimToken();
        private readonly HashSet<long> _seen = [];
        private readonly List<DispatchFailure> _failures = [];
        private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);
        private long _renewed = TimeProvider.System.GetTimestamp();
        private int _sent;
        private int _messages;
        private int _retrying;
        private int _failed;
        private int _notTried;

        public DispatchResult Result() => new(_sent, _messages, _retrying, _failed, _notTried, _failures);

        /// <summary>
        /// Claims due alerts in batches, up to <see cref="MaxClaimed"/>; returns those not seen before in this dispatch,
        /// and whether to claim again after sending them (the cap was reached and nothing came round a second time).
        /// </summary>
        public (List<OutboxAlert> Fresh, bool More) Claim()
        {
            var fresh = new List<OutboxAlert>();
            var again = new List<long>();
            var full = true;
            while (fresh.Count + again.Count < MaxClaimed)
            {
                var wanted = Math.Min(BatchSize, MaxClaimed - fresh.Count - again.Count);
                var claimed = store.ClaimDueAlerts(wanted, Lease, _token).Alerts;
                foreach (var alert in claimed)
                {
                    if (_seen.Add(alert.Id))
                    {
                        fresh.Add(alert);
                    }
                    else
                    {
                        again.Add(alert.Id);
                    }
                }

                if (claimed.Count < wanted)
                {
                    full = false;
                    break;
                }
            }

            // An alert already handled in this dispatch (due again after a short backoff) is not sent twice in it: it
            // goes back as it was, due, for the next dispatch, and this one ends.
            store.ReleaseAlerts(_token, again, null, TimeSpan.Zero);
            _renewed = TimeProvider.System.GetTimestamp();
            return (fresh, full && again.Count == 0);
        }

        /// <summary>
        /// Sends <paramref name="alerts"/> grouped into messages, each in the parts its channel delivers it in, and
        /// settles each part's alerts on their own: a part that fails is retried later without the parts delivered.
        /// </summary>
        public async Task SendAsync(List<OutboxAlert> alerts, CancellationToken ct)
        {
            var unsettled = alerts.Select(a => a.Id).ToHashSet();
            try
            {
                foreach (var message in Group(alerts, options.Digest))
                {
                    var (channel, parts, problem) = Resolve(message, channels);
                    foreach (var part in parts)
                    {
                        ct.ThrowIfCancellationRequested();
                        Renew();
                        if (channel is not null && _unreachable.Contains(channel.Name))
                        {
                            NotTried(part, $"not tried: {channel.Name} was unreachable earlier in this dispatch");
                        }
                        else if (channel is null)
                        {
                            Failed(part, problem!);
                        }
                        else if (await AlertDispatcher.SendAsync(channel, part, ct).ConfigureAwait(false) is ({ } reason, var unreachable))
                        {
                            Failed(part, reason);
                            if (unreachable)
                            {
                                _unreachable.Add(channel.Name);
                            }
                        }
                        else
                        {
                            Sent(part);
                        }

                        unsettled.ExceptWith(part.Ids);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopped: what was not settled goes back at once, its attempt not counted (at least once: the message
                // being sent when it stopped may have been delivered).
                store.ReleaseAlerts(_token, unsettled, null, TimeSpan.Zero);
                throw;
            }
        }

        private void Sent(AlertMessage message)
        {
            store.MarkAlertsSent(_token, message.Ids);
            _sent += message.Alerts.Count;
            _messages++;
        }

        /// <summary>
        /// Gives a part back untried: pending, its attempt not counted (it was not tried; a dead channel must not use
        /// up attempts it never made), due again after the retry wait, with the reason.
        /// </summary>
        private void NotTried(AlertMessage part, string reason)
        {
            store.ReleaseAlerts(_token, part.Ids, reason, options.RetryAfter);
            _notTried += part.Alerts.Count;
            _failures.Add(new DispatchFailure(part.Channel, part.Recipient, part.Ids, reason, 0));
        }

        private void Failed(AlertMessage message, string reason)
        {
            var gaveUp = store.MarkAlertsFailed(_token, message.Ids, reason, options.MaxAttempts, options.RetryAfter);
            _failed += gaveUp;
            _retrying += message.Alerts.Count - gaveUp;
            _failures.Add(new DispatchFailure(message.Channel, message.Recipient, message.Ids, reason, gaveUp));
        }

        /// <summary>Renews the claim's lease when a third of it has passed since the last renewal.</summary>
        private void Renew()
        {
            if (TimeProvider.System.GetElapsedTime(_renewed) < Lease / 3)
            {
                return;
            }

            store.RenewAlertClaim(_token, Lease);
            _renewed = TimeProvider.System.GetTimestamp();
        }
    }
}
