using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Matching;

public class ReceivableIndexTests
{
    [Fact]
    public void BuildWithTypoIndex_TypoIndexBuiltAtOnceAndTheSameResultsAsBuiltOnDemand()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 3_000, Seed = 8 });
        var lines = data.Statements.SelectMany(s => s.Lines).ToList();
        var onDemand = ReceivableIndex.Build(data.Receivables);
        var atOnce = ReceivableIndex.BuildWithTypoIndex(data.Receivables);
        Assert.False(onDemand.HasTypoIndex);
        Assert.True(atOnce.HasTypoIndex);

        var expected = Matcher.Match(lines, onDemand, new MatchingOptions()).Results;
        var actual = Matcher.Match(lines, atOnce, new MatchingOptions()).Results;

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Select(r => r.Explanation), actual.Select(r => r.Explanation));
        Assert.Equal(expected.Select(r => string.Join(";", r.Allocations.Select(a => $"{a.Receivable.ContractNo}={a.Amount}"))), actual.Select(r => string.Join(";", r.Allocations.Select(a => $"{a.Receivable.ContractNo}={a.Amount}"))));
        // The generated statements have typo'd references, so the typo index was used by both.
        Assert.Contains(actual, r => r.Rule.Contains("typo", StringComparison.Ordinal));
    }

    [Fact]
    public void SameContractAndCustomer_RepeatedPairs_EachLaterOneWithTheFirstBeforeIt()
    {
        // Arrange: KL26-100 of C001 three times; KL26-100 of C002 (the ERP reused the number for another customer);
        // "kl26 200" and "KL26-200" share a key but are written differently; KL26-300 once.
        var a = Build.Receivable("KL26-100", 100m);
        var b = Build.Receivable("KL26-100", 50m, customer: "C002");
        var c = Build.Receivable("KL26-100", 60m);
        var d = Build.Receivable("kl26 200", 70m);
        var e = Build.Receivable("KL26-200", 70m);
        var f = Build.Receivable("KL26-300", 80m);
        var g = Build.Receivable("KL26-100", 100m, due: "2026-03-04");
        var index = ReceivableIndex.Build([a, b, c, d, e, f, g]);

        // Act
        var pairs = index.SameContractAndCustomer().ToList();

        // Assert
        Assert.Equal([(a, c), (a, g)], pairs);
    }

    [Fact]
    public void SameContractAndCustomer_EveryContractOnce_None()
    {
        var index = ReceivableIndex.Build([Build.Receivable("KL26-100", 100m), Build.Receivable("KL26-100", 100m, customer: "C002"), Build.Receivable("KL26-101", 100m)]);

        Assert.Empty(index.SameContractAndCustomer());
    }
}
