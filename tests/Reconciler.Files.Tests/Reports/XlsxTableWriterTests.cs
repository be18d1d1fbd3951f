using ClosedXML.Excel;

namespace Reconciler.Files.Tests;

public sealed class XlsxTableWriterTests : IDisposable
{
    private static readonly int[] ColumnNumbers = [1, 26, 27, 52, 53, 16384];
    private static readonly ReportColumn[] Columns = [new("n", 8), new("text", 20), new("money", 14)];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_MoreRowsThanASheetHolds_GoesOnInNumberedSheetsEachWithHeaderAndFilter()
    {
        // Arrange: 25 rows, 10 a sheet.
        var rows = Enumerable.Range(1, 25).Select(i => new object?[] { i, $"row {i}", i * 1.5m });

        // Act
        var written = Write([new ReportSheet("Lines", Columns, rows), new ReportSheet("After", Columns, [])], maxRowsPerSheet: 10);

        // Assert
        Assert.Equal(
            [("Lines", 10L), ("Lines (2)", 10L), ("Lines (3)", 5L), ("After", 0L)],
            written.Select(w => (w.Name, w.Rows)));
        Assert.All(written.Take(3), w => Assert.Equal("Lines", w.Sheet));
        using var workbook = Open();
        Assert.Equal(["Lines", "Lines (2)", "Lines (3)", "After"], workbook.Worksheets.Select(s => s.Name));
        foreach (var (sheet, first, count) in new[] { ("Lines", 1, 10), ("Lines (2)", 11, 10), ("Lines (3)", 21, 5) })
        {
            var ws = workbook.Worksheet(sheet);
            Assert.Equal(["n", "text", "money"], Enumerable.Range(1, 3).Select(c => ws.Cell(1, c).GetString()));
            Assert.Equal(count + 1, ws.LastRowUsed().RowNumber());
            Assert.Equal(first, ws.Cell(2, 1).GetValue<int>());
            Assert.Equal($"A1:C{count + 1}", ws.AutoFilter.Range.RangeAddress.ToString());
            Assert.Equal(1, ws.SheetView.SplitRow);
        }

        Assert.Equal(Enumerable.Range(1, 25).Sum(i => i * 1.5m), workbook.Worksheets.Take(3).Sum(ws => ws.Column(3).CellsUsed().Skip(1).Sum(c => c.GetValue<decimal>())));
        Assert.Equal("A1:C1", workbook.Worksheet("After").AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public void Write_EveryValueKind_IsATypedCellWithItsFormat()
    {
        // Arrange
        var columns = Enumerable.Range(1, 8).Select(i => new ReportColumn($"c{i}", 12)).ToArray();
        object?[] row = [42L, 1234.5m, new DateOnly(2026, 3, 31), new DateTime(2026, 3, 31, 14, 30, 0), 0.987, new Percent(0.25), "000123", null];

        // Act
        Write([new ReportSheet("Kinds", columns, [row])]);

        // Assert
        using var workbook = Open();
        var ws = workbook.Worksheet("Kinds");
        Assert.Equal((XLDataType.Number, 42d), (ws.Cell(2, 1).DataType, ws.Cell(2, 1).GetDouble()));
        Assert.Equal((XLDataType.Number, 1234.5d, "#,##0.00"), (ws.Cell(2, 2).DataType, ws.Cell(2, 2).GetDouble(), ws.Cell(2, 2).Style.NumberFormat.Format));
        Assert.Equal((XLDataType.DateTime, new DateTime(2026, 3, 31), "yyyy-mm-dd"), (ws.Cell(2, 3).DataType, ws.Cell(2, 3).GetDateTime(), ws.Cell(2, 3).Style.NumberFormat.Format));
        Assert.Equal((new DateTime(2026, 3, 31, 14, 30, 0), "yyyy-mm-dd hh:mm"), (ws.Cell(2, 4).GetDateTime(), ws.Cell(2, 4).Style.NumberFormat.Format));
        Assert.Equal((0.987, "0.00"), (ws.Cell(2, 5).GetDouble(), ws.Cell(2, 5).Style.NumberFormat.Format));
        Assert.Equal((0.25, "0.0%"), (ws.Cell(2, 6).GetDouble(), ws.Cell(2, 6).Style.NumberFormat.Format));
        Assert.Equal((XLDataType.Text, "000123"), (ws.Cell(2, 7).DataType, ws.Cell(2, 7).GetString()));
        Assert.True(ws.Cell(2, 8).IsEmpty());
        Assert.True(ws.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(12, ws.Column(1).Width, 3);
    }

    [Fact]
    public void Write_TonedCellsAndTabs_AreFilledRedAmberGreen()
    {
        // Arrange
        object?[] row = [new Toned("unmatched", ReportTone.Exception), new Toned("suggested", ReportTone.Review), new Toned(3.5m, ReportTone.Good)];

        // Act
        Write([new ReportSheet("Toned", Columns, [row]) { Tab = ReportTone.Exception }]);

        // Assert
        using var workbook = Open();
        var ws = workbook.Worksheet("Toned");
        Assert.Equal(XLColor.FromArgb(0xFF, 0xC0, 0x00, 0x00), ws.TabColor);
        Assert.Equal(XLColor.FromArgb(0xFF, 0xFF, 0xC7, 0xCE), ws.Cell(2, 1).Style.Fill.BackgroundColor);
        Assert.Equal(XLColor.FromArgb(0xFF, 0xFF, 0xEB, 0x9C), ws.Cell(2, 2).Style.Fill.BackgroundColor);
        Assert.Equal(XLColor.FromArgb(0xFF, 0xC6, 0xEF, 0xCE), ws.Cell(2, 3).Style.Fill.BackgroundColor);
        Assert.Equal((3.5d, "#,##0.00"), (ws.Cell(2, 3).GetDouble(), ws.Cell(2, 3).Style.NumberFormat.Format));
        Assert.Equal("unmatched", ws.Cell(2, 1).GetString());
    }

    [Fact]
    public void Write_HostileAndControlCharacterText_IsTextNeverAFormula()
    {
        // Arrange
        const string Hostile = "=HYPERLINK(\"http://x\",\"y\")";
        object?[] row = [1, Hostile, "\tTAB"];
        object?[] control = [2, "bell\u0007 and \uD83D\uDE00", "@SUM(A1)"];

        // Act
        Write([new ReportSheet("Text", Columns, [row, control])]);

        // Assert
        using var workbook = Open();
        var ws = workbook.Worksheet("Text");
        foreach (var (r, c, text) in new[] { (2, 2, Hostile), (2, 3, "\tTAB"), (3, 3, "@SUM(A1)") })
        {
            Assert.False(ws.Cell(r, c).HasFormula);
            Assert.Equal((XLDataType.Text, text, true), (ws.Cell(r, c).DataType, ws.Cell(r, c).GetString(), ws.Cell(r, c).Style.IncludeQuotePrefix));
        }

        Assert.Equal("bell\uFFFD and \uD83D\uDE00", ws.Cell(3, 2).GetString());
        Assert.False(ws.Cell(3, 2).Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Write_MarkupQuotesAndLineBreaks_ComeBackAsWritten()
    {
        // Arrange
        const string Text = "a < b & c > d \"q\" 'x'\nline two\ttab ]]>";

        // Act
        Write([new ReportSheet("Markup", Columns, [[1, Text, null]])]);

        // Assert
        using var workbook = Open();
        Assert.Equal(Text, workbook.Worksheet("Markup").Cell(2, 2).GetString());
    }

    [Fact]
    public void Write_TextThatLooksLikeAnXmlCharacterEscape_ComesBackAsWritten()
    {
        // Arrange: spreadsheets read _xHHHH_ in a cell's text as the character HHHH (_x0041_ is "A"); a memo can hold it.
        const string Text = "ORDER_x0041_2 _x000D_ _x005F_ _x12_ _X0041_";

        // Act
        Write([new ReportSheet("Escapes", Columns, [[1, Text, null]])]);

        // Assert: each such underscore is written as _x005F_, as Excel itself saves that text, so Excel reads it back as
        // written (ClosedXML 0.95.4's reader is no judge here: it decodes _x0041_ but leaves _x005F_ as it is).
        using var zip = System.IO.Compression.ZipFile.OpenRead(_folder.File("report.xlsx"));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.Contains(">ORDER_x005F_x0041_2 _x005F_x000D_ _x005F_x005F_ _x12_ _X0041_<", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TextLongerThanACellHolds_IsCutWithAMarkerNamingItsLength()
    {
        // Arrange: Excel refuses a workbook with more than 32,767 characters in a cell; a memo can be longer.
        var memo = "KL26-004512 " + new string('x', 39_988);
        var emoji = new string('a', 32_720) + string.Concat(Enumerable.Repeat("😀", 40)); // the cut falls on a pair
        var exact = new string('y', XlsxTableWriter.MaxCellText);

        // Act
        Write([new ReportSheet("Long", Columns, [[1, memo, 1m], [2, emoji, 2m], [3, exact, 3m]])]);

        // Assert
        using var workbook = Open();
        var ws = workbook.Worksheet("Long");
        var cut = ws.Cell(2, 2).GetString();
        Assert.Equal(XlsxTableWriter.MaxCellText, cut.Length);
        Assert.StartsWith("KL26-004512 xxx", cut, StringComparison.Ordinal);
        Assert.EndsWith("… [truncated, 40,000 characters]", cut, StringComparison.Ordinal);
        var pairs = ws.Cell(3, 2).GetString();
        Assert.Equal(XlsxTableWriter.MaxCellText - 1, pairs.Length);
        Assert.EndsWith("😀… [truncated, 32,800 characters]", pairs, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(pairs[pairs.IndexOf('…', StringComparison.Ordinal) - 1]));
        Assert.Equal(exact, ws.Cell(4, 2).GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("this name is far too long for a sheet")]
    public void Write_BadSheetName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => Write([new ReportSheet(name, Columns, [])]));

    [Fact]
    public void ColumnLetters_PastZ_AreTwoOrThreeLetters() =>
        Assert.Equal(["A", "Z", "AA", "AZ", "BA", "XFD"], ColumnNumbers.Select(XlsxTableWriter.ColumnLetters));

    private IReadOnlyList<WrittenSheet> Write(IEnumerable<ReportSheet> sheets, int maxRowsPerSheet = XlsxTableWriter.MaxRows)
    {
        using var stream = _folder.Create("report.xlsx");
        return XlsxTableWriter.Write(stream, sheets, maxRowsPerSheet);
    }

    private XLWorkbook Open() => new(_folder.File("report.xlsx"));
}
