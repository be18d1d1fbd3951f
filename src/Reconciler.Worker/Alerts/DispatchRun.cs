using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// One dispatch of <see cref="AlertDispatcher"/>: its claim (one token for every batch), the alerts it has seen, the
/// channels it found unreachable, and its counts.
/// </summary>
internal sealed class DispatchRun(LedgerStore store, IReadOnlyDictionary<string, IAlertChannel> channels, AlertsOptions options, TimeSpan lease)
{
    private readonly string _token = LedgerStore.NewClaimToken();
    private readonly HashSet<long> _seen = [];
    private readonly List<DispatchFailure> _failures = [];
    private readonly Dictionary<string, string> _unreachable = new(StringComparer.Ordinal);
    private long _renewed = TimeProvider.System.GetTimestamp();
    private int _sent;
    private int _messages;
    private int _retrying;
    private int _failed;

    public DispatchResult Result() => new(_sent, _messages, _retrying, _failed, _failures);

    /// <summary>
    /// Claims due alerts in batches, up to <see cref="AlertDispatcher.MaxClaimed"/>; returns those not seen before in
    /// this dispatch, and whether to claim again after sending them (the cap was reached and nothing came round twice).
    /// </summary>
    public (List<OutboxAlert> Fresh, bool More) Claim()
    {
        var fresh = new List<OutboxAlert>();
        var again = new List<long>();
        var full = true;
        while (fresh.Count + again.Count < AlertDispatcher.MaxClaimed)
        {
            var wanted = Math.Min(AlertDispatcher.BatchSize, AlertDispatcher.MaxClaimed - fresh.Count - again.Count);
            var claimed = store.ClaimDueAlerts(wanted, lease, _token).Alerts;
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
        _held += fresh.Count;
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
            foreach (var message in AlertDispatcher.Group(alerts, options.Digest))
            {
                var (channel, parts, problem) = Resolve(message, channels);
                foreach (var part in parts)
                {
                    ct.ThrowIfCancellationRequested();
                    if (TimeProvider.System.GetElapsedTime(_flushed) >= SentFlushAfter)
                    {
                        FlushSent();
                    }

                    if (!Renew())
                    {
                        // The lease ran out (a pause, a stuck send) and another dispatcher may have claimed some of
                        // these alerts: sending them now could send them twice. What is still this claim's goes back,
                        // due at once; this dispatch stops.
                        FlushSent();
                        _held -= store.ReleaseAlerts(_token, unsettled, null, TimeSpan.Zero);
                        ClaimLost = true;
                        return;
                    }

                    if (channel is null)
                    {
                        Failed(part, problem!);
                    }
                    else if (_unreachable.TryGetValue(channel.Name, out var down))
                    {
                        // Not tried again in this dispatch: the part fails by the channel's failure, its attempt
                        // counted but never its last (that takes a try of its own), so that the alerts for a dead
                        // channel give up after MaxAttempts + N - 1 dispatches, one timeout each, not N x MaxAttempts.
                        Failed(part, down, tried: false);
                    }
                    else if (await DeliverAsync(channel, part, ct).ConfigureAwait(false) is ({ } reason, var unreachable))
                    {
                        Failed(part, reason);
                        if (unreachable)
                        {
                            _unreachable.Add(channel.Name, reason);
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
            // Stopped: what was delivered is marked sent; what was not settled goes back at once, its attempt not
            // counted (at least once: the message being sent when it stopped may have been delivered).
            try
            {
                FlushSent();
            }
            finally
            {
                _held -= store.ReleaseAlerts(_token, unsettled, null, TimeSpan.Zero);
            }

            throw;
        }

        FlushSent();
    }

    /// <summary>
    /// Records a delivered part. Its alerts are marked sent in batches (every <see cref="SentBatch"/> alerts or
    /// <see cref="SentFlushAfter"/>, and when the sending ends), one statement each rather than one per message: a
    /// crash in between leaves them claimed, and they are sent again when the lease runs out — the at-least-once
    /// that a crash between delivery and marking already meant.
    /// </summary>
    private void Sent(AlertMessage message)
    {
        _delivered.AddRange(message.Ids);
        _sent += message.Alerts.Count;
        _messages++;
        if (_delivered.Count >= SentBatch || TimeProvider.System.GetElapsedTime(_flushed) >= SentFlushAfter)
        {
            FlushSent();
        }
    }

    /// <summary>Marks the delivered alerts not marked yet as sent.</summary>
    private void FlushSent()
    {
        _flushed = TimeProvider.System.GetTimestamp();
        if (_delivered.Count > 0)
        {
            // Taken out before writing: a failed write is not tried again (and does not hide the first error) here;
            // the alerts stay claimed and are sent again when the lease runs out (at least once).
            long[] ids = [.. _delivered];
            _delivered.Clear();
            _held -= ids.Length;
            store.MarkAlertsSent(_token, ids);
        }
    }

    /// <summary>How many alerts this dispatch's claim holds (claimed, not yet settled or given back).</summary>
    private int _held;

    /// <summary>True when the dispatch stopped because its lease ran out under it.</summary>
    public bool ClaimLost { get; private set; }

    /// <summary>Delivered alerts marked sent together, at most this many at a time.</summary>
    private const int SentBatch = 500;

    /// <summary>Delivered alerts wait at most this long to be marked sent.</summary>
    private static readonly TimeSpan SentFlushAfter = TimeSpan.FromSeconds(2);

    private readonly List<long> _delivered = [];

    private long _flushed = TimeProvider.System.GetTimestamp();

    private void Failed(AlertMessage message, string reason, bool tried = true)
    {
        var gaveUp = store.MarkAlertsFailed(_token, message.Ids, reason, options.MaxAttempts, options.RetryAfter, tried);
        _held -= message.Ids.Count;
        _failed += gaveUp;
        _retrying += message.Alerts.Count - gaveUp;
        _failures.Add(new DispatchFailure(message.Channel, message.Recipient, message.Ids, reason, gaveUp));
    }

    /// <summary>
    /// Renews the claim's lease when a third of it has passed since the last renewal; false when the claim no longer
    /// holds everything it should (the lease ran out and another dispatcher took some of it).
    /// </summary>
    private bool Renew()
    {
        if (TimeProvider.System.GetElapsedTime(_renewed) < lease / 3)
        {
            return true;
        }

        var renewed = store.RenewAlertClaim(_token, lease);
        _renewed = TimeProvider.System.GetTimestamp();
        return renewed >= _held;
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
            return (null, [message], AlertDispatcher.Reason(error));
        }
    }

    /// <summary>Sends one part; null when delivered, else the reason and whether the channel could not be reached.</summary>
    private static async Task<(string? Reason, bool Unreachable)> DeliverAsync(IAlertChannel channel, AlertMessage part, CancellationToken ct)
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
            return (AlertDispatcher.Reason(error), ChannelUnreachableException.Caused(error));
        }
    }
}
