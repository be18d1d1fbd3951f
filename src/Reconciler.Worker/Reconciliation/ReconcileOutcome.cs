using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>The result of one <c>reconcile</c> run and what it cost.</summary>
/// <param name="Run">The match results.</param>
/// <param name="Receivables">How many receivables were read.</param>
/// <param name="Statements">Each statement file with its number of lines.</param>
/// <param name="Timings">Wall time per stage.</param>
internal sealed record ReconcileOutcome(
    MatchRun Run,
    int Receivables,
    IReadOnlyList<(string File, int Lines)> Statements,
    StageTimings Timings)
{
    /// <summary>What the ledger did (files imported or known, duplicates, whether a match run happened); empty in memory.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
