using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Evaluation;

/// <summary>
/// Compares match results with the ground truth of a synthetic data set: precision of the automatic decisions,
/// recall of the lines that should be automatic, coverage of the lines that need a person, per case and in
/// total, plus the two hard checks: every line answered once, and no bank line allocated twice.
/// </summary>
public sealed class AccuracyReport
{
    private AccuracyReport(IReadOnlyList<CaseAccuracy> cases, CaseAccuracy total, int missing, int allocatedTwice)
    {
        Cases = cases;
        Total = total;
        MissingLines = missing;
        LinesAllocatedTwice = allocatedTwice;
    }

    /// <summary>Figures per case, in the order of <see cref="SyntheticCase"/>.</summary>
    public IReadOnlyList<CaseAccuracy> Cases { get; }

    /// <summary>Figures over all lines.</summary>
    public CaseAccuracy Total { get; }

    /// <summary>Truth lines with no result, plus results with no truth line.</summary>
    public int MissingLines { get; }

    /// <summary>Bank lines (same bank reference) allocated more than once across the exports.</summary>
    public int LinesAllocatedTwice { get; }

    /// <summary>
    /// Evaluates results against the truth. Any matcher can be evaluated the same way by expressing its decisions
    /// as <see cref="MatchResult"/>s (the benchmarks do so for the literal-rule baseline).
    /// </summary>
    public static AccuracyReport Evaluate(IReadOnlyList<GroundTruth> truth, IReadOnlyList<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(results);
        var byLine = new Dictionary<(string File, int Row), MatchResult>(results.Count);
        var missing = 0;
        foreach (var result in results)
        {
            if (!byLine.TryAdd((result.Line.File, result.Line.Row), result))
            {
                missing++; // answered twice
            }
        }

        var cases = Enum.GetValues<SyntheticCase>().Select(c => new CaseAccuracy { Case = c }).ToArray();
        var total = new CaseAccuracy();
        var allocatedRefs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var expected in truth)
        {
            if (!byLine.Remove((expected.File, expected.Row), out var actual))
            {
                missing++;
                continue;
            }

            Count(cases[(int)expected.Case], expected, actual);
            Count(total, expected, actual);
            if (actual.Status is MatchStatus.Matched or MatchStatus.Partial && actual.Line.BankRef.Length > 0)
            {
                allocatedRefs[actual.Line.BankRef] = allocatedRefs.GetValueOrDefault(actual.Line.BankRef) + 1;
            }
        }

        missing += byLine.Count;
        return new AccuracyReport(cases, total, missing, allocatedRefs.Count(p => p.Value > 1));
    }

    private static void Count(CaseAccuracy into, GroundTruth expected, MatchResult actual)
    {
        into.Lines++;
        var contracts = actual.Allocations.Select(a => a.Receivable.ContractNo).ToHashSet(StringComparer.Ordinal);
        var automatic = actual.Status is MatchStatus.Matched or MatchStatus.Partial;
        var rightContracts = contracts.SetEquals(expected.Contracts);
        if (actual.Status == expected.Status)
        {
            into.StatusRight++;
        }

        if (automatic)
        {
            into.Automatic++;
            if (actual.Status == expected.Status && rightContracts)
            {
                into.AutomaticRight++;
            }
        }

        if (expected.Automatic)
        {
            into.ShouldBeAutomatic++;
            if (automatic && actual.Status == expected.Status && rightContracts)
            {
                into.ShouldBeAutomaticAndWere++;
            }
        }

        if (expected.Status == MatchStatus.Suggested)
        {
            into.NeedPerson++;
            if (actual.Status is MatchStatus.Suggested or MatchStatus.Partial && expected.Contracts.All(contracts.Contains))
            {
                into.NeedPersonCovered++;
            }
        }
    }
}
