using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>The outcome of matching a set of statement lines against a receivable index.</summary>
/// <param name="Results">One result per input line, in input order.</param>
/// <param name="OpenAmounts">The open amount of each receivable after the run, in the index's receivable order.</param>
public sealed record MatchRun(IReadOnlyList<MatchResult> Results, IReadOnlyList<decimal> OpenAmounts)
{
    /// <summary>Counts and amounts per status.</summary>
    public MatchSummary Summary { get; } = MatchSummary.Of(Results);
}
