using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>The matching engine (placeholder; the real engine replaces this).</summary>
public static class Matcher
{
    /// <summary>Matches every line against the index.</summary>
    public static MatchRun Match(IReadOnlyList<StatementLine> lines, ReceivableIndex index, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(index);
        var results = lines.Select(l => new MatchResult { Line = l, Status = MatchStatus.Unmatched, Rule = "placeholder", Explanation = "placeholder" }).ToList();
        return new MatchRun(results, index.Receivables.Select(r => r.Amount).ToList());
    }
}
