using Reconciler.Domain;
using Reconciler.Evaluation;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Evaluation;

/// <summary>
/// The accuracy targets, on generated data with known answers (several seeds, at least 5,000 receivables):
/// precision of automatic decisions ≥ 99.9%, recall of the lines that should be automatic ≥ 99.5%, coverage of
/// the lines that need a person ≥ 95%, no bank line allocated twice, every line answered.
/// </summary>
public class AccuracyTests
{
    public static TheoryData<int, int> Seeds => new() { { 1, 5_000 }, { 2, 5_000 }, { 3, 5_000 }, { 4, 20_000 } };

    private static (SyntheticDataSet Data, MatchRun Run, AccuracyReport Report) Reconcile(int seed, int receivables)
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = receivables, Seed = seed });
        var lines = data.Statements.SelectMany(s => s.Lines).ToList();
        var run = Matcher.Match(lines, ReceivableIndex.Build(data.Receivables), new MatchingOptions());
        return (data, run, AccuracyReport.Evaluate(data.Truth, run.Results));
    }

    private static string Describe(AccuracyReport report) => string.Join(Environment.NewLine, report.Cases.Where(c => c.Lines > 0).Select(c =>
        $"{c.Case}: lines {c.Lines}, precision {c.Precision:P2}, recall {c.Recall:P2}, coverage {c.Coverage:P2}, status right {c.StatusRight}"));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Match_GeneratedData_MeetsAccuracyTargets(int seed, int receivables)
    {
        var (data, run, report) = Reconcile(seed, receivables);

        Assert.Equal(data.Truth.Count, run.Results.Count);
        Assert.Equal(0, report.MissingLines);
        Assert.Equal(0, report.LinesAllocatedTwice);
        Assert.True(report.Total.Precision >= 0.999, $"precision {report.Total.Precision:P3}{Environment.NewLine}{Describe(report)}");
        Assert.True(report.Total.Recall >= 0.995, $"recall {report.Total.Recall:P3}{Environment.NewLine}{Describe(report)}");
        Assert.True(report.Total.Coverage >= 0.95, $"coverage {report.Total.Coverage:P3}{Environment.NewLine}{Describe(report)}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Match_GeneratedData_NeverAllocatesBeyondOpenAmount(int seed, int receivables)
    {
        var (data, run, _) = Reconcile(seed, receivables);

        var allocated = run.Results
            .Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial)
            .SelectMany(r => r.Allocations)
            .GroupBy(a => a.Receivable, ReferenceEqualityComparer.Instance)
            .Select(g => (Receivable: (Receivable)g.Key!, Sum: g.Sum(a => a.Amount)));
        Assert.All(allocated, x => Assert.True(x.Sum <= x.Receivable.Amount, $"{x.Receivable.ContractNo}: {x.Sum} > {x.Receivable.Amount}"));
        Assert.All(run.OpenAmounts, open => Assert.True(open >= 0));
        Assert.Equal(data.Receivables.Count, run.OpenAmounts.Count);
    }

    [Fact]
    public void Match_GeneratedDataShuffled_SameResults()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 5_000, Seed = 9 });
        var lines = data.Statements.SelectMany(s => s.Lines).ToList();
        var random = new Random(9);
        var shuffledLines = lines.OrderBy(_ => random.Next()).ToList();
        var shuffledReceivables = data.Receivables.OrderBy(_ => random.Next()).ToList();

        var run = Matcher.Match(lines, ReceivableIndex.Build(data.Receivables), new MatchingOptions());
        var shuffled = Matcher.Match(shuffledLines, ReceivableIndex.Build(shuffledReceivables), new MatchingOptions());

        var byLine = shuffled.Results.ToDictionary(r => (r.Line.File, r.Line.Row));
        Assert.All(run.Results, expected =>
        {
            var actual = byLine[(expected.Line.File, expected.Line.Row)];
            Assert.Equal(expected with { Allocations = [] }, actual with { Allocations = [] });
            Assert.Equal(expected.Allocations, actual.Allocations);
        });
    }

    [Fact]
    public void Match_EveryResult_HasRuleAndExplanationWithFigures()
    {
        var (_, run, _) = Reconcile(5, 5_000);

        Assert.All(run.Results, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Rule));
            Assert.False(string.IsNullOrWhiteSpace(r.Explanation));
            Assert.InRange(r.Confidence, 0, 1);
        });
        Assert.All(run.Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial), r =>
            Assert.Contains(r.Allocations[0].Receivable.ContractNo, r.Explanation, StringComparison.Ordinal));
    }
}
