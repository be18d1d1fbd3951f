using System.Globalization;
using System.Text;

namespace Reconciler.Files.Tests.Csv;

public class AmountFormatTests
{
    private static readonly AmountFormat WithSymbols = new('.', ',', ["$", "HK$", "元"]);

    [Theory]
    [InlineData("HK$ 1,005.50", "1005.50")]
    [InlineData("$5", "5")]
    [InlineData("-$5", "-5")]
    [InlineData("$-5", "-5")]
    [InlineData(" 5 元 ", "5")]
    [InlineData("-5元", "-5")]
    [InlineData("+5", "5")]
    public void TryParse_SymbolBeforeOrAfter_Reads(string text, string expected)
    {
        // Act
        var parsed = WithSymbols.TryParse(Encoding.UTF8.GetBytes(text), out var value);

        // Assert
        Assert.True(parsed);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("--5")]
    [InlineData("-$-5")]
    [InlineData("$5元")]
    [InlineData("€5")]
    [InlineData("5 $ 5")]
    public void TryParse_NotOneAmount_False(string text)
    {
        // Act, Assert
        Assert.False(WithSymbols.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_NoSymbolsInFormat_RefusesSymbol()
    {
        // Act, Assert
        Assert.False(new AmountFormat('.', ',').TryParse("¥5"u8, out _));
    }
}
