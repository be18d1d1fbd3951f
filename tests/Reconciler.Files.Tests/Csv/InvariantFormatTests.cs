namespace Reconciler.Files.Tests;

public class InvariantFormatTests
{
    public static TheoryData<decimal, string> Amounts => new()
    {
        { 0m, "0.00" },
        { 12.5m, "12.50" },
        { -12.5m, "-12.50" },
        { 1.2300m, "1.23" },
        { 1.2340m, "1.234" },
        { 1.125m, "1.125" },
        { -0.001m, "-0.001" },
        { 100m, "100.00" },
        { 1E+6m, "1000000.00" },
        { decimal.MaxValue, "79228162514264337593543950335.00" },
        { decimal.MinValue, "-79228162514264337593543950335.00" },
        { 0.0000000000000000000000000001m, "0.0000000000000000000000000001" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Money_Value_HasAtLeastTwoDecimalsAndKeepsMore(decimal value, string expected)
    {
        // Act
        var text = InvariantFormat.Money(value);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(2026, 2, 10, "2026-02-10")]
    [InlineData(9999, 12, 31, "9999-12-31")]
    public void IsoDate_Date_IsYearMonthDay(int year, int month, int day, string expected)
    {
        // Arrange
        Span<char> buffer = stackalloc char[10];

        // Act
        var length = InvariantFormat.IsoDate(new DateOnly(year, month, day), buffer);

        // Assert
        Assert.Equal(expected, buffer[..length].ToString());
    }
}
