using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Synthetic;

public class ContractNumbersTests
{
    private static (ContractNumbers Numbers, List<string> Written) Issue(int receivables, int count)
    {
        var random = new Random(11);
        var numbers = new ContractNumbers(random, receivables);
        var written = new List<string>(count);
        var start = new DateOnly(2026, 12, 20);
        for (var i = 0; i < count; i++)
        {
            written.Add(numbers.TryIssue(i % ContractNumbers.FormatCount, start.AddDays(i % 30))!);
        }

        return (numbers, written);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(3_000_000)]
    public void TryIssue_ManyNumbers_UniqueNoTwoWithinOneEditAndAllIssued(int receivables)
    {
        var (numbers, written) = Issue(receivables, 40_000);
        var keys = written.Select(ContractKey.Normalize).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(MemoSpans.PairsWithinOneEdit(keys));
        Assert.All(keys, k => Assert.True(numbers.IsIssued(k), k));
        Assert.All(keys, k => Assert.True(ContractNumbers.HasValidCheck(k.AsSpan(ContractNumbers.PrefixLength(k)))));
    }

    [Theory]
    [InlineData(1_000, @"^(KL\d{2}-\d{7}|HT\d{4}/\d{7}|SO-\d{2}-\d{7}|INV-\d{8}-\d{4})$")]
    [InlineData(3_000_000, @"^(KL\d{2}-\d{8}|HT\d{4}/\d{8}|SO-\d{2}-\d{8}|INV-\d{8}-\d{4})$")]
    public void TryIssue_Formats_AsDocumented(int receivables, string pattern)
    {
        var (_, written) = Issue(receivables, 400);

        Assert.All(written, w => Assert.Matches(pattern, w));
        Assert.Contains(written, w => w.StartsWith("HT2027/", StringComparison.Ordinal));
        Assert.Contains(written, w => w.StartsWith("INV-20261231-", StringComparison.Ordinal));
    }

    [Fact]
    public void IsIssued_EveryOneEditNeighbour_False()
    {
        var (numbers, written) = Issue(1_000, 2_000);
        var keys = written.Select(ContractKey.Normalize).ToHashSet(StringComparer.Ordinal);

        foreach (var key in keys.Take(200))
        {
            Assert.DoesNotContain(MemoSpans.Neighbours(key), n => numbers.IsIssued(n) || keys.Contains(n));
        }

        Assert.False(numbers.IsIssued("KL26"));
        Assert.False(numbers.IsIssued("INV202613310011"));
        Assert.False(numbers.IsIssued(""));
    }

    [Fact]
    public void Make_Typos_OneEditFromTheRealKeyOnlyAndNeverIssued()
    {
        var (numbers, written) = Issue(1_000, 4_000);
        var keys = written.Select(ContractKey.Normalize).ToHashSet(StringComparer.Ordinal);
        var random = new Random(5);

        foreach (var contract in written.Take(500))
        {
            var key = ContractKey.Normalize(contract);
            var typo = ContractKey.Normalize(Typos.Make(contract, key, numbers, random));

            Assert.DoesNotContain(typo, keys);
            Assert.True(MemoSpans.IsOneEdit(typo, key), $"{contract} -> {typo}");
            Assert.Equal([key], MemoSpans.Neighbours(typo).Where(keys.Contains).Distinct());
        }
    }
}
