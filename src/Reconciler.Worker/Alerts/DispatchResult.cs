using System.Globalization;
using System.Text;

namespace Reconciler.Worker.Alerts;

/// <summary>What one dispatch of the outbox did.</summary>
/// <param name="Sent">Alerts delivered (and marked sent).</param>
/// <param name="Messages">Messages delivered (a digest carries several alerts; one split into parts counts each part).</param>
/// <param name="Retrying">Alerts not delivered that will be tried again after their backoff.</param>
/// <param name="FailedNow">Alerts not delivered at their last attempt: <c>failed</c> now, not tried again.</param>
/// <param name="Failures">Each message not delivered (or not tried), with its reason.</param>
internal sealed record DispatchResult(int Sent, int Messages, int Retrying, int FailedNow, IReadOnlyList<DispatchFailure> Failures)
{
    /// <summary>How many failures <see cref="Summary"/> lists.</summary>
    public const int SummaryFailures = 10;

    /// <summary>Nothing was due.</summary>
    public static DispatchResult Empty { get; } = new(0, 0, 0, 0, []);

    /// <summary>One line of counts, then one line per failure (the first <see cref="SummaryFailures"/>).</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder(string.Create(inv, $"alerts sent: {Sent:N0} in {Messages:N0} messages; {Retrying:N0} to retry, {FailedNow:N0} failed"));
        foreach (var failure in Failures.Take(SummaryFailures))
        {
            var state = failure.GaveUp == failure.AlertIds.Count ? "failed" : failure.GaveUp == 0 ? "will retry" : string.Create(inv, $"{failure.GaveUp} failed, others will retry");
            text.Append('\n').Append(inv, $"  not sent ({state}): {failure.Channel} to {failure.Recipient}, {failure.AlertIds.Count} alert{(failure.AlertIds.Count == 1 ? "" : "s")}: {failure.Reason}");
        }

        if (Failures.Count > SummaryFailures)
        {
            text.Append('\n').Append(inv, $"  … and {Failures.Count - SummaryFailures} more messages not sent (reconciler's outbox lists them)");
        }

        return text.ToString();
    }
}
