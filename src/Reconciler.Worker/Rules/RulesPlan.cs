using Reconciler.Rules;
using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Rules;

/// <summary>What a rules run would do: the facts it read, what the rules decided, and the messages composed from it.</summary>
/// <param name="Today">The day the run is for.</param>
/// <param name="Facts">The facts read from the ledger.</param>
/// <param name="Decisions">What the rules decided.</param>
/// <param name="Composition">The outbox messages composed from the decisions, with notes on recipients that could not be reached.</param>
internal sealed record RulesPlan(DateOnly Today, RuleFacts Facts, RuleDecisions Decisions, Composition Composition);
