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
}
