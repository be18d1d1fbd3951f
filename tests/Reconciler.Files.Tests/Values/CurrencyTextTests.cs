namespace Reconciler.Files.Tests.Values;

public class CurrencyTextTests
{
    [Theory]
    [InlineData("cny", "CNY")]
    [InlineData("EUR", "EUR")]
    [InlineData(" usd ", "USD")]
    [InlineData("人民币", "CNY")]
    [InlineData("人民币元", "CNY")]
    [InlineData("RMB", "CNY")]
    [InlineData("rmb", "CNY")]
    [InlineData("¥", "CNY")]
    [InlineData("港币", "HKD")]
    [InlineData("港元", "HKD")]
    [InlineData("HK$", "HKD")]
    [InlineData("美元", "USD")]
    [InlineData("€", "EUR")]
    [InlineData("£", "GBP")]
    [InlineData("\u3000欧元\u3000", "EUR")]
    public void TryGet_CodeSymbolOrName_ReturnsTheIsoCode(string text, string expected)
    {
        // Arrange
        var currencies = new CurrencyText("CNY");

        // Act
        var ok = currencies.TryGet(text, out var code);

        // Assert
        Assert.True(ok, text);
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void TryGet_Empty_ReturnsTheDefault(string text)
    {
        // Arrange
        var currencies = new CurrencyText("eur");

        // Act
        var ok = currencies.TryGet(text, out var code);

        // Assert
        Assert.True(ok);
        Assert.Equal("EUR", code);
        Assert.Equal("EUR", currencies.Default);
    }

    [Theory]
    [InlineData("RMB1")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("$")]
    [InlineData("12.50")]
    [InlineData("人民")]
    public void TryGet_NotACurrency_Rejects(string text)
    {
        // Arrange
        var currencies = new CurrencyText("CNY");

        // Act
        var ok = currencies.TryGet(text, out _);

        // Assert
        Assert.False(ok, text);
    }

    [Fact]
    public void TryGet_SameTextTwice_SameAnswer()
    {
        // Arrange: answers are cached; the cache must not change them.
        var currencies = new CurrencyText("CNY");

        // Act
        currencies.TryGet("港币", out var first);
        currencies.TryGet("港币", out var second);
        var rejected = currencies.TryGet("RMB1", out _);
        var rejectedAgain = currencies.TryGet("RMB1", out _);

        // Assert
        Assert.Equal("HKD", first);
        Assert.Equal(first, second);
        Assert.False(rejected);
        Assert.False(rejectedAgain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EURO")]
    [InlineData("€€")]
    public void Constructor_DefaultNotACurrency_Throws(string text)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => new CurrencyText(text));

        // Assert
        Assert.Contains("not a currency code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultAsName_TakesItsCode()
    {
        // Act
        var currencies = new CurrencyText("人民币");

        // Assert
        Assert.Equal("CNY", currencies.Default);
    }
}
