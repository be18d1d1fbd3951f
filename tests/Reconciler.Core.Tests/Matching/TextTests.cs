using System.Text;
using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class TextTests
{
    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("9950", "9,950.00")]
    [InlineData("-18000", "-18,000.00")]
    [InlineData("-0.5", "-0.50")]
    [InlineData("1234567.125", "1,234,567.13")]
    [InlineData("999.994", "999.99")]
    [InlineData("28051571272.00", "28,051,571,272.00")]
    [InlineData("79228162514264337593543950335", "79,228,162,514,264,337,593,543,950,335.00")]
    public void Money_Amounts_FormattedWithGroupsAndCents(string amount, string expected)
    {
        Assert.Equal(expected, Text.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FoldWidth_FastPathCharacters_AgreeWithNfkc()
    {
        var ranges = new[] { (0x20, 0x7E), (0x3000, 0x3035), (0x4E00, 0x4E80), (0x9F00, 0x9FFF), (0xFF01, 0xFF5E) };
        foreach (var (from, to) in ranges)
        {
            for (var c = from; c <= to; c++)
            {
                var text = "a" + (char)c + "Z";
                Assert.Equal(text.Normalize(NormalizationForm.FormKC), Text.FoldWidth(text));
            }
        }
    }

    [Theory]
    [InlineData("ﬁnance ①")]
    [InlineData("Müller²")]
    public void FoldWidth_OtherCharacters_UseNfkc(string text)
    {
        Assert.Equal(text.Normalize(NormalizationForm.FormKC), Text.FoldWidth(text));
    }

    [Theory]
    [InlineData("-0.001", "1")]     // rounds to a negative zero
    [InlineData("0", "100")]
    [InlineData("-50", "10000")]
    [InlineData("123.456", "1000")]
    [InlineData("1", "3")]
    [InlineData("-2", "3")]
    [InlineData("5", "0")]
    [InlineData("1000000", "0.0000001")]
    [InlineData("1000000000000000000", "1")]  // beyond the hand-written path
    public void Percent_Figures_AsDecimalFormattingWritesThem(string part, string whole)
    {
        var p = decimal.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        var w = decimal.Parse(whole, System.Globalization.CultureInfo.InvariantCulture);

        var text = Text.Percent(p, w);

        Assert.Equal(ReferencePercent(p, w), text);
        Span<char> small = stackalloc char[3];
        Assert.False(text.Length > 3 && Text.TryPercent(p, w, small, out _));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2026, 2, 10)]
    [InlineData(999, 12, 31)]
    [InlineData(9999, 12, 31)]
    public void Date_Dates_AsTheInvariantPatternWritesThem(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Text.Date(date));
    }

    [Fact]
    public void Money_ManyAmounts_AsBeforeAndIntoSpans()
    {
        var random = new Random(7);
        Span<char> buffer = stackalloc char[Text.MaxMoneyChars];
        for (var i = 0; i < 10_000; i++)
        {
            var amount = new decimal(random.NextInt64(-100_000_000_000, 100_000_000_000)) / (decimal)Math.Pow(10, random.Next(0, 5));

            Assert.True(Text.TryMoney(amount, buffer, out var written));
            Assert.Equal(Text.Money(amount), buffer[..written].ToString());
            Assert.Equal(Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), Text.Money(amount));
        }
    }

    // What Text.Percent wrote before it formatted by hand.
    private static string ReferencePercent(decimal part, decimal whole)
    {
        if (whole == 0)
        {
            return "n/a";
        }

        var percent = Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);
        return (percent > 0 ? "+" : "") + percent.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";
    }
}
