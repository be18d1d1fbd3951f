using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>What the composer made of a session's decisions.</summary>
/// <param name="Alerts">The outbox alerts: one per decision, channel and recipient.</param>
/// <param name="Notes">
/// What could not be addressed, one sentence each (for example an alert not e-mailed because neither its audience
/// nor finance has an address): never dropped silently.
/// </param>
internal sealed record Composition(IReadOnlyList<NewAlert> Alerts, IReadOnlyList<string> Notes);
