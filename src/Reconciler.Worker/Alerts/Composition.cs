using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>What the composer made of a session's decisions.</summary>
/// <param name="Alerts">The outbox alerts: one per decision, channel and recipient (less those left out as known, see <see cref="Known"/>).</param>
/// <param name="Notes">
/// What could not be addressed, one sentence each (for example an alert not e-mailed because neither its audience
/// nor finance has an address): never dropped silently.
/// </param>
internal sealed record Composition(IReadOnlyList<NewAlert> Alerts, IReadOnlyList<string> Notes)
{
    /// <summary>Alerts composed but left out, as the outbox holds them already (see <see cref="AlertComposer.Compose(Reconciler.Rules.RuleDecisions, Configuration.AlertsOptions, Func{IReadOnlyCollection{string}, IReadOnlySet{string}})"/>).</summary>
    public int Known { get; init; }
}
