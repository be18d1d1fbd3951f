using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>Outbox alerts as the store would hand them over, made from composed alerts, for the channel tests.</summary>
internal static class Outbox
{
    public static OutboxAlert From(NewAlert alert, long id) => new()
    {
        Id = id,
        Alert = alert,
        Status = AlertStatus.Pending,
        RuleSetVersion = "v7",
        CreatedAt = "2026-03-02T08:30:00.000Z",
    };

    /// <summary>The composed alerts of <paramref name="decisions"/> on <paramref name="channel"/>, numbered from 1.</summary>
    public static List<OutboxAlert> Compose(Reconciler.Rules.RuleDecisions decisions, AlertsOptions options, string channel) =>
        [.. AlertComposer.Compose(decisions, options).Alerts.Where(a => a.Channel == channel).Select((a, i) => From(a, i + 1))];

    public static AlertMessage Message(params OutboxAlert[] alerts) => new(alerts[0].Alert.Channel, alerts[0].Alert.Recipient, alerts);
}
