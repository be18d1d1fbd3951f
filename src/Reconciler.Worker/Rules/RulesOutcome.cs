using Reconciler.Storage;
using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Rules;

/// <summary>What a rules run did: its plan, what saving changed, and what the dispatch sent.</summary>
/// <param name="Plan">The facts, decisions and composed messages.</param>
/// <param name="Saved">What saving the decisions changed in the ledger.</param>
/// <param name="Dispatched">What was sent, retried or given up.</param>
internal sealed record RulesOutcome(RulesPlan Plan, DecisionsSaved Saved, DispatchResult Dispatched)
{
    /// <summary>Short and part payments resolved before the rules ran because their receivables are settled.</summary>
    public int Resolved { get; init; }

    /// <summary>How long reading the facts and deciding, saving the decisions, and sending took.</summary>
    public (TimeSpan Decide, TimeSpan Save, TimeSpan Send) Timings { get; init; }
}
