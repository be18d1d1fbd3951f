using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class TypoIndexTests
{
    private static readonly string[] Keys = ["KL26004512", "KL26004513", "HT20260458", "SO26118734"];

    [Theory]
    [InlineData("KL26004612", "KL26004512")] // substitution
    [InlineData("KL2600412", "KL26004512")]  // deletion (the 5)
    [InlineData("KL260045122", "KL26004512")] // insertion
    [InlineData("HT20264058", "HT20260458")] // adjacent swap
    [InlineData("SO2611873", "SO26118734")]  // last character dropped
    public void Find_OneEditAway_FindsKey(string text, string expected)
    {
        var index = TypoIndex.Build(Keys);
        var found = new List<int>();

        index.Find(text, found);

        Assert.Contains(expected, found.Select(id => Keys[id]));
    }

    [Theory]
    [InlineData("KL26004512")]   // the key itself is not a typo of itself
    [InlineData("KL26005612")]   // two substitutions
    [InlineData("XX99999999")]
    public void Find_ExactOrFar_FindsNothingForThatKey(string text)
    {
        var index = TypoIndex.Build(Keys);
        var found = new List<int>();

        index.Find(text, found);

        Assert.DoesNotContain(found, id => Keys[id] == text);
        Assert.DoesNotContain(found, id => Keys[id] is "HT20260458" or "SO26118734");
    }

    [Fact]
    public void Find_SharedDeletionVariant_FindsEveryNeighbour()
    {
        var index = TypoIndex.Build(Keys);
        var found = new List<int>();

        index.Find("KL2600451", found);

        Assert.Equal(["KL26004512", "KL26004513"], found.Distinct().Select(id => Keys[id]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("AB", "AC", true)]
    [InlineData("ABC", "AC", true)]
    [InlineData("ABCD", "ABDC", true)]
    [InlineData("ABCD", "ABCD", false)]
    [InlineData("ABCD", "BADC", false)]
    [InlineData("ABCD", "AB", false)]
    public void IsOneEdit_Pairs_Agree(string a, string b, bool expected)
    {
        Assert.Equal(expected, TypoIndex.IsOneEdit(a, b));
        Assert.Equal(expected, TypoIndex.IsOneEdit(b, a));
    }

    [Fact]
    public void Build_FewKeysCrowdingOneHalf_EveryProbeEnds()
    {
        // Regression: both halves were sized from the total, so one could fill up and a probe never ended.
        string[] keys = ["KL2604512", "KL2604562"];
        var index = TypoIndex.Build(keys);
        var found = new List<int>();

        index.Find("KL260451", found);
        index.Find("ZZ999999", found);

        Assert.Equal(["KL2604512"], found.Distinct().Select(id => keys[id]));
    }

    [Fact]
    public void Find_ManyKeysInManyPartitions_FindsExactlyTheKeysOneEditAway()
    {
        // Enough keys for several partitions and chunks; queries near keys and far from them, checked against a
        // scan of every key.
        var random = new Random(11);
        var keys = Enumerable.Range(0, 30_000)
            .Select(_ => "KL" + random.Next(20, 30) + random.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToArray();
        var index = TypoIndex.Build(keys);
        var found = new List<int>();
        for (var q = 0; q < 2_000; q++)
        {
            var key = keys[random.Next(keys.Length)];
            var position = random.Next(key.Length);
            var text = (q % 4) switch
            {
                0 => key.Remove(position, 1),
                1 => key.Insert(position, "7"),
                2 => string.Concat(key.AsSpan(0, position), "9", key.AsSpan(position + 1)),
                _ => "KL" + random.Next(0, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            found.Clear();

            index.Find(text, found);

            var expected = Enumerable.Range(0, keys.Length).Where(id => TypoIndex.IsOneEdit(text, keys[id])).ToHashSet();
            Assert.Equal(expected.Order(), found.Distinct().Order());
        }
    }

    [Fact]
    public void Build_NoKeys_FindsNothing()
    {
        var index = TypoIndex.Build([]);
        var found = new List<int>();

        index.Find("KL26004512", found);

        Assert.Empty(found);
    }
}
