namespace Reconciler.Files.Tests;

public class InputFormatExceptionTests
{
    [Fact]
    public void Constructor_WithColumn_NamesFileRowAndColumn()
    {
        // Act
        var error = new InputFormatException("statement-a.csv", 14, "amount", "12,3x", "\"12,3x\" is not an amount (expected a number such as 1234.56)");

        // Assert
        Assert.Equal("statement-a.csv, row 14, column amount: \"12,3x\" is not an amount (expected a number such as 1234.56)", error.Message);
        Assert.Equal(("statement-a.csv", 14, "amount", "12,3x"), (error.File, error.Row, error.Column, error.Value));
    }

    [Fact]
    public void Constructor_WithoutColumn_NamesFileAndRow()
    {
        // Act
        var error = new InputFormatException("s.csv", 7, null, null, "the row has 5 values");

        // Assert
        Assert.Equal("s.csv, row 7: the row has 5 values", error.Message);
    }

    [Fact]
    public void Quote_LongValueWithLineBreaks_IsShortenedToOneLine()
    {
        // Act
        var quoted = InputFormatException.Quote("a\nb" + new string('x', 200));

        // Assert
        Assert.StartsWith("\"a b", quoted, StringComparison.Ordinal);
        Assert.EndsWith("…\"", quoted, StringComparison.Ordinal);
        Assert.True(quoted.Length < 90);
    }
}
