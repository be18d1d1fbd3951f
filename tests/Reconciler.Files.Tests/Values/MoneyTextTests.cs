namespace Reconciler.Files.Tests.Values;

public class MoneyTextTests
{
    [Theory]
    [InlineData("1234.56", "1234.56")]
    [InlineData("0.5", "0.5")]
    [InlineData(".50", "0.50")]
    [InlineData("12", "12")]
    [InlineData("1,234.56", "1234.56")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("1 234.56", "1234.56")]
    [InlineData("1\u00A0234.56", "1234.56")]
    [InlineData("1'234.56", "1234.56")]
    [InlineData("1,234", "1234")]
    [InlineData("  42.00\t", "42.00")]
    public void TryParse_PointFormat_ReadsTheValue(string text, string expected)
    {
        // Arrange
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.True(ok, text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1234,56", "1234.56")]
    [InlineData("1.234,56", "1234.56")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("1 234,56", "1234.56")]
    [InlineData("1\u00A0234,56", "1234.56")]
    [InlineData("1\u202F234,56", "1234.56")]
    [InlineData("1'234,56", "1234.56")]
    [InlineData("-89,90", "-89.90")]
    [InlineData("0,01", "0.01")]
    public void TryParse_CommaFormat_ReadsTheValue(string text, string expected)
    {
        // Arrange
        var money = MoneyText.Comma;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.True(ok, text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("¥28.16", '.', "28.16")]
    [InlineData("￥28.16", '.', "28.16")]
    [InlineData("€ 12,50", ',', "12.50")]
    [InlineData("12,50 EUR", ',', "12.50")]
    [InlineData("1.234,56 EUR", ',', "1234.56")]
    [InlineData("12,50€", ',', "12.50")]
    [InlineData("HK$ 5.00", '.', "5.00")]
    [InlineData("US$5.00", '.', "5.00")]
    [InlineData("USD 1,234.56", '.', "1234.56")]
    [InlineData("$-5.00", '.', "-5.00")]
    [InlineData("-$5.00", '.', "-5.00")]
    [InlineData("¥ -5.00", '.', "-5.00")]
    [InlineData("5.00- EUR", '.', "-5.00")]
    [InlineData("50.00-", '.', "-50.00")]
    [InlineData("50,00 -", ',', "-50.00")]
    [InlineData("(12.50)", '.', "-12.50")]
    [InlineData("( 1,234.50 )", '.', "-1234.50")]
    [InlineData("(€ 12,50)", ',', "-12.50")]
    [InlineData("+5.00", '.', "5.00")]
    [InlineData("+ 5,00", ',', "5.00")]
    [InlineData("\u22125.00", '.', "-5.00")]
    public void TryParse_CurrencyAndSignAround_ReadsTheSignedValue(string text, char separator, string expected)
    {
        // Arrange
        var money = new MoneyText(separator);

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.True(ok, text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("--1")]
    [InlineData("+-1")]
    [InlineData("-1-")]
    [InlineData("(-5)")]
    [InlineData("(5)-")]
    [InlineData("12,3x")]
    [InlineData("1,23,4.00")]
    [InlineData("1,2345.00")]
    [InlineData("12 50")]
    [InlineData("-2,90")]
    [InlineData("2,90")]
    [InlineData("1.234,56")]
    [InlineData("1.2.3")]
    [InlineData("xx,yyyy.zz")]
    [InlineData("abc")]
    [InlineData("$")]
    [InlineData("-")]
    [InlineData("()")]
    [InlineData("12..5")]
    [InlineData(",5")]
    public void TryParse_PointFormatNotOneAmount_Rejects(string text)
    {
        // Arrange
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out _);

        // Assert
        Assert.False(ok, text);
    }

    [Theory]
    [InlineData("1234,567")]
    [InlineData("1234,567.89")]
    [InlineData("12345,678,901.00")]
    [InlineData("1234 567.00")]
    public void TryParse_FirstGroupLongerThanThreeDigits_Rejects(string text)
    {
        // Arrange: only the first group may differ from three digits, and only by being shorter ("1,234", never
        // "1234,567", which is a decimal-comma number with three decimals, or no number at all).
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.False(ok, $"{text} was read as {value}");
    }

    [Fact]
    public void TryParse_CommaFormatFirstGroupLongerThanThreeDigits_Rejects()
    {
        // Arrange: "12345.678" is a decimal-point number; with a decimal comma it must not become 12,345,678.
        var money = MoneyText.Comma;

        // Act
        var ok = money.TryParse("12345.678", out var value);

        // Assert
        Assert.False(ok, $"12345.678 was read as {value}");
    }

    [Theory]
    [InlineData("1,234.56")]
    [InlineData("12.5")]
    [InlineData("1,2,3")]
    [InlineData("1.23.456,00")]
    public void TryParse_CommaFormatNotOneAmount_Rejects(string text)
    {
        // Arrange
        var money = MoneyText.Comma;

        // Act
        var ok = money.TryParse(text, out _);

        // Assert
        Assert.False(ok, text);
    }

    [Fact]
    public void TryParse_MoreDigitsThanALong_StillReadsExactly()
    {
        // Arrange
        const string text = "1,234,567,890,123,456,789.12";

        // Act
        var ok = MoneyText.Point.TryParse(text, out var value);

        // Assert
        Assert.True(ok);
        Assert.Equal(1234567890123456789.12m, value);
    }

    [Theory]
    [InlineData("12345678901234567890abc")]
    [InlineData("1234567890123456789012x")]
    [InlineData("1234567890123456789,0,0")]
    public void TryParse_GarbageAfterEighteenDigits_Rejects(string text)
    {
        // Arrange: past 18 digits the parser takes a slower path, which must check the text just as strictly.
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.False(ok, $"{text} was read as {value}");
    }

    [Theory]
    [InlineData("50.00 DR")]
    [InlineData("DR 50.00")]
    public void TryParse_DebitMarkerInsteadOfCurrency_IsNotReadAsMoneyIn(string text)
    {
        // Arrange: "DR" is the debit marker of many banks, not a currency; reading it as +50.00 turns a payment out into one in.
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.False(ok && value > 0, $"{text} was read as {value}");
    }

    [Theory]
    [InlineData("TOTAL 50.00")]
    [InlineData("SALDO 50.00")]
    public void TryParse_WordBeforeNumber_Rejects(string text)
    {
        // Arrange: only a currency code (three letters) or symbol may stand before the number.
        var money = MoneyText.Point;

        // Act
        var ok = money.TryParse(text, out var value);

        // Assert
        Assert.False(ok, $"{text} was read as {value}");
    }

    [Theory]
    [InlineData(':')]
    [InlineData(' ')]
    public void Constructor_OtherSeparator_Throws(char separator)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => new MoneyText(separator));

        // Assert
        Assert.Contains("decimal separator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_FollowsTheSeparator()
    {
        // Assert
        Assert.Equal("1,234.56", MoneyText.Point.Example);
        Assert.Equal("1.234,56", MoneyText.Comma.Example);
        Assert.Equal(',', MoneyText.Comma.DecimalSeparator);
    }
}
