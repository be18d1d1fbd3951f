namespace Reconciler.Storage.Tests;

public class SortedLineKeysTests
{
    [Fact]
    public void Of_KeysOfAFile_EachKeysBytesOnceInByteOrderWithItsLine()
    {
        var day = new DateOnly(2026, 2, 3);
        var lines = Enumerable.Range(0, 500)
            .Select(i => new StatementLine("a.csv", i + 2, $"B{i % 170}", day, 100m + (i % 3), "EUR", "ACME", "DE0012", "KL26-004512"))
            .ToList();
        var keys = LineKeys.Of(lines);

        var sorted = SortedLineKeys.Of(keys);

        Assert.Equal(keys.Length, sorted.Count);
        Assert.Equal(Enumerable.Range(0, keys.Length), sorted.Lines.Order());
        var inOrder = Enumerable.Range(0, sorted.Count).Select(sorted.Key).ToList();
        Assert.Equal(sorted.Lines.Select(line => Convert.FromHexString(keys[line])), inOrder);
        Assert.Equal(keys.Order(StringComparer.Ordinal), inOrder.Select(Convert.ToHexStringLower));
        Assert.Equal(inOrder.SelectMany(k => k), sorted.Bytes);
    }

    [Fact]
    public void Of_KeysSharingTheirFirstEightBytes_KeptInTheOrderOfTheirLinesAmongTheOthers()
    {
        var shared = new string('a', 16);
        string[] keys = [shared + new string('f', 48), "00" + new string('1', 62), shared + new string('0', 48), "ff" + new string('2', 62)];

        var sorted = SortedLineKeys.Of(keys);

        Assert.Equal([1, 0, 2, 3], sorted.Lines);
        Assert.Equal(Convert.FromHexString(keys[0]), sorted.Key(1));
        Assert.Equal(Convert.FromHexString(keys[2]), sorted.Key(2));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000000")]
    public void Of_KeyNotASha256InHex_RefusedNamingItsLine(string bad)
    {
        string[] keys = [new string('0', 64), bad];

        var error = Assert.Throws<ArgumentException>(() => SortedLineKeys.Of(keys));

        Assert.Contains($"line 1's key is not a SHA-256 in hex: '{bad}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NoKeys_Empty()
    {
        var sorted = SortedLineKeys.Of([]);

        Assert.Equal(0, sorted.Count);
        Assert.Empty(sorted.Bytes);
    }
}
