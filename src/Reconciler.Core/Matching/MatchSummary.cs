using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>Counts and amounts per status for one run.</summary>
public sealed class MatchSummary
{
    private readonly int[] _counts = new int[MatchStatusNames.All.Count];
    private readonly decimal[] _amounts = new decimal[MatchStatusNames.All.Count];

    /// <summary>Builds the summary of a set of results.</summary>
    public static MatchSummary Of(IEnumerable<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results is MatchResults kept)
        {
            return kept.Summarize(); // from the figures, without building a result per line
        }

        var summary = new MatchSummary();
        foreach (var result in results)
        {
            summary.Add(result);
        }

        return summary;
    }

    /// <summary>Counts one result.</summary>
    internal void Add(MatchResult result)
    {
        var allocated = 0m;
        if (result.Status is MatchStatus.Matched or MatchStatus.Partial)
        {
            foreach (var allocation in result.Allocations)
            {
                allocated += allocation.Amount;
            }
        }

        Add(result.Status, result.Line.Amount, allocated);
    }

    /// <summary>Counts one line of a status, with its amount and the total it allocated.</summary>
    internal void Add(MatchStatus status, decimal amount, decimal allocated)
    {
        _counts[(int)status]++;
        _amounts[(int)status] += amount;
        Lines++;
        Allocated += allocated;
    }

    /// <summary>All lines.</summary>
    public int Lines { get; private set; }

    /// <summary>The total applied to receivables by matched and partial lines.</summary>
    public decimal Allocated { get; private set; }

    /// <summary>Lines with a status.</summary>
    public int Count(MatchStatus status) => _counts[(int)status];

    /// <summary>Sum of the signed line amounts with a status.</summary>
    public decimal Amount(MatchStatus status) => _amounts[(int)status];

    /// <summary>
    /// Share of the customer payments (lines that are neither duplicate nor ignored) that were matched or
    /// partially matched automatically, 0 to 1.
    /// </summary>
    public double AutoMatchRate => Payments == 0 ? 0 : (double)(Count(MatchStatus.Matched) + Count(MatchStatus.Partial)) / Payments;

    /// <summary>Customer payments: lines that are neither duplicate nor ignored.</summary>
    public int Payments => Lines - Count(MatchStatus.Duplicate) - Count(MatchStatus.Ignored);
}
