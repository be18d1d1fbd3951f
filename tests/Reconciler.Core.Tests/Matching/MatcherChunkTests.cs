using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// The matcher's passes over all lines (classifying them, applying the allocations no other line contests, counting
/// the summary) run in chunks of 65,536 lines on all cores: these runs have more lines than one chunk.
/// </summary>
public class MatcherChunkTests
{
    private static readonly Lazy<(SyntheticDataSet Data, List<StatementLine> Lines)> Set = new(() =>
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 90_000, Seed = 11 });
        return (data, data.Statements.SelectMany(s => s.Lines).ToList());
    });

    [Fact]
    public void Match_MoreLinesThanOneChunk_SameResultsInReverseOrder()
    {
        var (data, lines) = Set.Value;
        Assert.True(lines.Count > 65_536, $"only {lines.Count} lines: one chunk");
        var index = ReceivableIndex.Build(data.Receivables);

        var run = Matcher.Match(lines, index, new MatchingOptions());
        var reversed = Matcher.Match([.. Enumerable.Reverse(lines)], index, new MatchingOptions());

        var byLine = reversed.Results.ToDictionary(r => (r.Line.File, r.Line.Row));
        Assert.All(run.Results, r =>
        {
            var other = byLine[(r.Line.File, r.Line.Row)];
            Assert.Equal(r with { Allocations = [] }, other with { Allocations = [] });
            Assert.Equal(r.Allocations, other.Allocations);
        });
        Assert.Equal(run.OpenAmounts, reversed.OpenAmounts);
    }

    [Fact]
    public void Match_MoreLinesThanOneChunk_NoReceivableBeyondItsAmountAndOpenAmountsFollowAllocations()
    {
        var (data, lines) = Set.Value;
        var index = ReceivableIndex.Build(data.Receivables);

        var run = Matcher.Match(lines, index, new MatchingOptions());

        var allocated = new Dictionary<Receivable, decimal>(ReferenceEqualityComparer.Instance);
        foreach (var result in run.Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial))
        {
            foreach (var allocation in result.Allocations)
            {
                allocated[allocation.Receivable] = allocated.GetValueOrDefault(allocation.Receivable) + allocation.Amount;
            }
        }

        Assert.True(allocated.Count > 50_000, $"only {allocated.Count} receivables allocated");
        for (var r = 0; r < data.Receivables.Count; r++)
        {
            var receivable = data.Receivables[r];
            var paid = allocated.GetValueOrDefault(receivable);
            Assert.True(paid <= receivable.Amount, $"{receivable.ContractNo}: {paid} allocated to {receivable.Amount}");
            Assert.True(run.OpenAmounts[r] <= receivable.Amount - paid, $"{receivable.ContractNo}: open {run.OpenAmounts[r]} after {paid} allocated to {receivable.Amount}");
        }
    }

    [Fact]
    public void Summary_MoreLinesThanOneChunk_EqualsTheSumOfTheResults()
    {
        var (data, lines) = Set.Value;

        var run = Matcher.Match(lines, ReceivableIndex.Build(data.Receivables), new MatchingOptions());
        var counted = MatchSummary.Of([.. run.Results]); // a plain list: each result counted in turn

        Assert.Equal(lines.Count, run.Summary.Lines);
        Assert.Equal(counted.Lines, run.Summary.Lines);
        Assert.Equal(counted.Currencies, run.Summary.Currencies);
        foreach (var status in Enum.GetValues<MatchStatus>())
        {
            Assert.Equal(counted.Count(status), run.Summary.Count(status));
            foreach (var currency in counted.Currencies)
            {
                Assert.Equal(counted.Amount(status, currency), run.Summary.Amount(status, currency));
            }
        }

        foreach (var currency in counted.Currencies)
        {
            Assert.Equal(counted.Allocated(currency), run.Summary.Allocated(currency));
        }

        Assert.True(run.Summary.Count(MatchStatus.Matched) > 50_000);
        Assert.True(run.Summary.Count(MatchStatus.Duplicate) > 0);
    }
}
