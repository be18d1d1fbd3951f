using System.Globalization;

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
    public void Of_ManyKeysSharingTheirFirstEightBytes_InByteOrderAllTheSame()
    {
        // 60 keys, in groups of up to 7 that share their first eight bytes and differ after them (more than 16, so that
        // the sort is not an insertion sort, which would keep ties in order by chance).
        var random = new Random(7);
        var keys = Enumerable.Range(0, 60)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{(ulong)(i % 9) * 0x0101010101010101UL:x16}") + Convert.ToHexStringLower(RandomBytes(random, 24)))
            .ToArray();

        var sorted = SortedLineKeys.Of(keys);

        Assert.Equal(keys.Order(StringComparer.Ordinal), sorted.Lines.Select(line => keys[line]));
        Assert.Equal(keys.Order(StringComparer.Ordinal).Select(Convert.FromHexString), Enumerable.Range(0, sorted.Count).Select(sorted.Key));
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
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
