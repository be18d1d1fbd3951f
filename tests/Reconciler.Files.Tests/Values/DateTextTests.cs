namespace Reconciler.Files.Tests.Values;

public class DateTextTests
{
    [Theory]
    [InlineData("2026-03-31", 2026, 3, 31)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData(" 2026-01-01\t", 2026, 1, 1)]
    [InlineData("2026-12-31\u3000", 2026, 12, 31)]
    public void TryParse_IsoDate_ReadsDateWithoutTime(string text, int year, int month, int day)
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: false);

        // Act
        var ok = dates.TryParse(text, out var date, out var time);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Null(time);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2025-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-04-31")]
    [InlineData("2026-04-00")]
    [InlineData("2026/04/10")]
    [InlineData("+026-04-10")]
    [InlineData("2026-4-100")]
    [InlineData("")]
    [InlineData("Total")]
    public void TryParse_IsoFormatInvalidDate_Rejects(string text)
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: false);

        // Act
        var ok = dates.TryParse(text, out _, out _);

        // Assert
        Assert.False(ok, text);
    }

    [Fact]
    public void TryParse_FormatWithTime_KeepsTheTime()
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], excelSerials: false);

        // Act
        var ok = dates.TryParse("2026-03-31 14:05:09", out var date, out var time);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateOnly(2026, 3, 31), date);
        Assert.Equal(new TimeOnly(14, 5, 9), time);
    }

    [Fact]
    public void TryParse_MidnightWritten_KeepsMidnightAsATime()
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], excelSerials: false);

        // Act
        var withTime = dates.TryParse("2026-03-31 00:00:00", out _, out var midnight);
        var withoutTime = dates.TryParse("2026-03-31", out _, out var none);

        // Assert
        Assert.True(withTime);
        Assert.Equal(TimeOnly.MinValue, midnight);
        Assert.True(withoutTime);
        Assert.Null(none);
    }

    [Theory]
    [InlineData("yyyyMMdd", "20260331", 2026, 3, 31)]
    [InlineData("dd.MM.yy", "31.03.26", 2026, 3, 31)]
    [InlineData("dd.MM.yyyy", "01.02.2026", 2026, 2, 1)]
    [InlineData("dd/MM/yyyy", "03/04/2026", 2026, 4, 3)]
    [InlineData("MM/dd/yyyy", "03/04/2026", 2026, 3, 4)]
    [InlineData("yyyy/M/d", "2026/3/4", 2026, 3, 4)]
    [InlineData("yyyy年M月d日", "2026年3月4日", 2026, 3, 4)]
    [InlineData("dd-MMM-yyyy", "04-Mar-2026", 2026, 3, 4)]
    public void TryParse_ProfileFormat_ReadsTheDate(string format, string text, int year, int month, int day)
    {
        // Arrange
        var dates = new DateText([format], excelSerials: false);

        // Act
        var ok = dates.TryParse(text, out var date, out var time);

        // Assert
        Assert.True(ok, text);
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Null(time);
    }

    [Theory]
    [InlineData("dd/MM/yyyy", "12/31/2026")]
    [InlineData("MM/dd/yyyy", "31/12/2026")]
    [InlineData("yyyyMMdd", "20261301")]
    [InlineData("dd.MM.yy", "31.03.2026")]
    public void TryParse_TextNotInTheFormat_Rejects(string format, string text)
    {
        // Arrange
        var dates = new DateText([format], excelSerials: false);

        // Act
        var ok = dates.TryParse(text, out _, out _);

        // Assert
        Assert.False(ok, text);
    }

    [Fact]
    public void TryParse_SeveralFormats_TriesThemInOrder()
    {
        // Arrange
        var dates = new DateText(["dd/MM/yyyy", "yyyy-MM-dd"], excelSerials: false);

        // Act
        var first = dates.TryParse("03/04/2026", out var day, out _);
        var second = dates.TryParse("2026-04-03", out var iso, out _);

        // Assert
        Assert.True(first);
        Assert.True(second);
        Assert.Equal(new DateOnly(2026, 4, 3), day);
        Assert.Equal(day, iso);
    }

    [Fact]
    public void TryTyped_DateTimeCell_KeepsDateAndTime()
    {
        // Arrange
        var dates = new DateText(["dd.MM.yyyy"], excelSerials: false);

        // Act
        var dated = dates.TryTyped(new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Unspecified), out var date, out var noTime);
        var timed = dates.TryTyped(new DateTime(2026, 3, 31, 14, 5, 0, DateTimeKind.Unspecified), out _, out var time);

        // Assert
        Assert.True(dated);
        Assert.Equal(new DateOnly(2026, 3, 31), date);
        Assert.Null(noTime);
        Assert.True(timed);
        Assert.Equal(new TimeOnly(14, 5), time);
    }

    [Theory]
    [InlineData(45291.0, 2023, 12, 31)]
    [InlineData(46112.0, 2026, 3, 31)]
    [InlineData(18264.0, 1950, 1, 1)]
    [InlineData(73050.0, 2099, 12, 31)]
    public void TryTyped_SerialNumberAllowed_ReadsTheDate(double serial, int year, int month, int day)
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: true);

        // Act
        var ok = dates.TryTyped(serial, out var date, out var time);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateOnly(year, month, day), date);
        Assert.Null(time);
    }

    [Fact]
    public void TryTyped_SerialWithFraction_KeepsTheTime()
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: true);

        // Act
        var ok = dates.TryTyped(45291.5, out var date, out var time);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateOnly(2023, 12, 31), date);
        Assert.Equal(new TimeOnly(12, 0), time);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(18263.0)]
    [InlineData(73051.0)]
    [InlineData(1250.5)]
    [InlineData(-45291.0)]
    public void TryTyped_SerialOutOfRange_Rejects(double serial)
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: true);

        // Act
        var ok = dates.TryTyped(serial, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void TryParse_BareNumberAsText_RejectedUnlessTheFormatsDeclareSerialDays()
    {
        // Arrange: workbook number cells are serial days here, but text is not.
        var usual = new DateText(["yyyy-MM-dd"], excelSerials: true);
        var declared = new DateText(["yyyy-MM-dd", "excel-serial"], excelSerials: true);
        var onlySerials = new DateText(["Excel-Serial"], excelSerials: false);

        // Act
        var refused = usual.TryParse("45231", out _, out _);
        var read = declared.TryParse("45231", out var date, out _);
        var onlyRead = onlySerials.TryParse("45231", out var onlyDate, out _);

        // Assert
        Assert.False(refused);
        Assert.True(usual.TryTyped(45231.0, out _, out _));
        Assert.True(read);
        Assert.Equal(new DateOnly(2023, 11, 1), date);
        Assert.True(onlyRead);
        Assert.Equal(new DateOnly(2023, 11, 1), onlyDate);
        Assert.True(declared.TryParse("2026-03-31", out _, out _));
        Assert.Equal("yyyy-MM-dd or an Excel serial day number", declared.Description);
        Assert.Equal("46112", onlySerials.Example);
    }

    [Theory]
    [InlineData("45231", true)]
    [InlineData(" 45231 ", true)]
    [InlineData("12", false)]
    [InlineData("2026-03-31", false)]
    [InlineData("-45231", false)]
    [InlineData("abc", false)]
    public void SerialHint_OnlyForANumberThatReadsAsASerialDay(string text, bool hint) =>
        Assert.Equal(hint, DateText.SerialHint(text).Contains("Excel serial day number (2023-11-01)", StringComparison.Ordinal));

    [Fact]
    public void TryTyped_SerialNotAllowed_Rejects()
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: false);

        // Act
        var number = dates.TryTyped(45291.0, out _, out _);
        var text = dates.TryParse("45291", out _, out _);

        // Assert
        Assert.False(number);
        Assert.False(text);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(null)]
    [InlineData(12)]
    public void TryTyped_NotADateOrNumber_Rejects(object? value)
    {
        // Arrange
        var dates = new DateText(["yyyy-MM-dd"], excelSerials: true);

        // Act
        var ok = dates.TryTyped(value, out _, out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void TryParse_SerialAsTextDeclared_ReadsTheDate()
    {
        // Arrange: text serial days only where the formats declare them (workbook number cells are another matter).
        var dates = new DateText(["dd.MM.yyyy", "excel-serial"], excelSerials: false);

        // Act
        var ok = dates.TryParse("45291", out var date, out var time);
        var outOfRange = dates.TryParse("123", out _, out _);

        // Assert
        Assert.True(ok);
        Assert.Equal(new DateOnly(2023, 12, 31), date);
        Assert.Null(time);
        Assert.False(outOfRange);
    }

    [Fact]
    public void Constructor_NoFormat_Throws()
    {
        // Act
        var none = Assert.Throws<ArgumentException>(() => new DateText([], excelSerials: false));
        var empty = Assert.Throws<ArgumentException>(() => new DateText(["yyyy-MM-dd", " "], excelSerials: false));

        // Assert
        Assert.Equal("formats", none.ParamName);
        Assert.Equal("formats", empty.ParamName);
    }

    [Fact]
    public void DescriptionAndExample_NameTheFormats()
    {
        // Arrange
        var dates = new DateText(["dd.MM.yyyy", "yyyy-MM-dd"], excelSerials: false);

        // Assert
        Assert.Equal("dd.MM.yyyy or yyyy-MM-dd", dates.Description);
        Assert.Equal("31.03.2026", dates.Example);
    }
}
