using System.Globalization;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// Sends what is due in the outbox: reads it in batches, groups alerts into messages (in digest mode, one per
/// channel and recipient, except immediate alerts, which go one each), sends each on its channel, and marks its
/// alerts sent, or failed with the reason (the store applies the backoff and gives up at the last attempt). A
/// message that fails does not stop the others; nothing is swallowed: every reason goes into the outbox.
/// </summary>
internal static class AlertDispatcher
{
    /// <summary>Alerts read from the outbox at a time.</summary>
    public const int BatchSize = 500;

    /// <summary>The longest reason recorded.</summary>
    public const int MaxReason = 2000;

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
        var seen = new HashSet<long>();
        var failures = new List<DispatchFailure>();
        int sent = 0, messages = 0, retrying = 0, failed = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var due = store.DueAlerts(BatchSize);

            // An alert seen in this dispatch is not sent twice in it, even if it is due again at once.
            var fresh = due.Where(a => seen.Add(a.Id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var message in Group(fresh, options.Digest))
            {
                var reason = await SendAsync(message, channels, ct).ConfigureAwait(false);
                if (reason is null)
                {
                    store.MarkAlertsSent(message.Ids);
                    sent += message.Alerts.Count;
                    messages++;
                    continue;
                }

                store.MarkAlertsFailed(message.Ids, reason, options.MaxAttempts, options.RetryAfter);
                var gaveUp = message.Alerts.Count(a => a.Attempts + 1 >= options.MaxAttempts);
                failed += gaveUp;
                retrying += message.Alerts.Count - gaveUp;
                failures.Add(new DispatchFailure(message.Channel, message.Recipient, message.Ids, reason, gaveUp));
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return new DispatchResult(sent, messages, retrying, failed, failures);
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

    /// <summary>Sends one message; null when delivered, else the reason.</summary>
    private static async Task<string?> SendAsync(AlertMessage message, IReadOnlyDictionary<string, IAlertChannel> channels, CancellationToken ct)
    {
        if (!channels.TryGetValue(message.Channel, out var channel))
        {
            return $"channel {message.Channel} is not configured (configured now: {(channels.Count == 0 ? "none" : string.Join(", ", channels.Keys.Order(StringComparer.Ordinal)))}); check the {AlertsOptions.Section} section";
        }

        try
        {
            await channel.SendAsync(message, ct).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a channel is recorded in the outbox with its reason, never swallowed.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return Reason(error);
        }
    }

    /// <summary>The reason recorded for <paramref name="error"/>: its message and its causes', cut to <see cref="MaxReason"/>.</summary>
    public static string Reason(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var parts = new List<string>
        {
            error is AlertDeliveryException ? error.Message : string.Create(CultureInfo.InvariantCulture, $"{error.GetType().Name}: {error.Message}"),
        };
        for (var inner = error is AlertDeliveryException ? error.InnerException?.InnerException : error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!parts[^1].Contains(inner.Message, StringComparison.Ordinal))
            {
                parts.Add(inner.Message);
            }
        }

        return AlertText.OneLine(string.Join(" ← ", parts), MaxReason);
    }
}
