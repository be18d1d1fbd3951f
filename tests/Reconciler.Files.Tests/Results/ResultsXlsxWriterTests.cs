using System.IO.Compression;
using ClosedXML.Excel;
using Reconciler.Domain;

namespace Reconciler.Files.Tests;

public sealed class ResultsXlsxWriterTests : IDisposable
{
    private const string Hostile = "=HYPERLINK(\"http://x\",\"y\")";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_Results_SheetHasHeaderFrozenRowAndAutofilter()
    {
        // Act
        using var workbook = WriteAndOpen([Samples.Result(), Samples.Result(line: Samples.Line(row: 3))]);

        // Assert
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Results", sheet.Name);
        Assert.Equal(ResultColumns.Names, Enumerable.Range(1, 14).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal((1, 0), (sheet.SheetView.SplitRow, sheet.SheetView.SplitColumn));
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal("A1:N3", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(3, sheet.LastRowUsed().RowNumber());
    }

    [Fact]
    public void Write_NoResults_WritesHeaderWithAutofilter()
    {
        // Act
        using var workbook = WriteAndOpen([]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        Assert.Equal("file", sheet.Cell(1, 1).GetString());
        Assert.Equal("A1:N1", sheet.AutoFilter.Range.RangeAddress.ToString());
    }

    [Fact]
    public void Write_NumbersAndDates_AreTypedCellsWithFormats()
    {
        // Arrange
        var result = Samples.Result(line: Samples.Line(amount: -12.5m), difference: -0.5m, confidence: 0.987);

        // Act
        using var workbook = WriteAndOpen([result]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        var date = sheet.Cell(2, 4);
        Assert.Equal((XLDataType.DateTime, new DateTime(2026, 2, 10), "yyyy-mm-dd"), (date.DataType, date.GetDateTime(), date.Style.NumberFormat.Format));
        AssertNumber(sheet.Cell(2, 2), 2, "");
        AssertNumber(sheet.Cell(2, 5), -12.5, "#,##0.00");
        AssertNumber(sheet.Cell(2, 10), 9950, "#,##0.00");
        AssertNumber(sheet.Cell(2, 11), -0.5, "#,##0.00");
        AssertNumber(sheet.Cell(2, 12), 0.987, "0.00");
    }

    [Fact]
    public void Write_SeveralAllocations_ContractsAndAllocatedAreJoinedText()
    {
        // Arrange
        var result = Samples.Result(allocations: [new Allocation(Samples.Receivable("KL26-1"), 100m), new Allocation(Samples.Receivable("KL26-2"), 50.125m)]);

        // Act
        using var workbook = WriteAndOpen([result]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        Assert.Equal((XLDataType.Text, "KL26-1;KL26-2"), (sheet.Cell(2, 9).DataType, sheet.Cell(2, 9).GetString()));
        Assert.Equal((XLDataType.Text, "100.00;50.125"), (sheet.Cell(2, 10).DataType, sheet.Cell(2, 10).GetString()));
    }

    [Fact]
    public void Write_TextThatLooksLikeANumber_StaysText()
    {
        // Arrange
        var result = Samples.Result(line: Samples.Line(bankRef: "000123", payer: "2026-01-01"));

        // Act
        using var workbook = WriteAndOpen([result]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        Assert.Equal((XLDataType.Text, "000123"), (sheet.Cell(2, 3).DataType, sheet.Cell(2, 3).GetString()));
        Assert.Equal((XLDataType.Text, "2026-01-01"), (sheet.Cell(2, 7).DataType, sheet.Cell(2, 7).GetString()));
    }

    [Fact]
    public void Write_HostileText_IsStoredAsTextNeverAsAFormula()
    {
        // Arrange
        var result = Samples.Result(
            line: Samples.Line(payer: Hostile, bankRef: "+1+1"),
            allocations: [new Allocation(Samples.Receivable("@SUM(A1)"), 1m)],
            rule: "-2+3",
            explanation: Hostile);

        // Act
        using var workbook = WriteAndOpen([result]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        foreach (var (column, text) in new[] { (3, "+1+1"), (7, Hostile), (9, "@SUM(A1)"), (13, "-2+3"), (14, Hostile) })
        {
            var cell = sheet.Cell(2, column);
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(text, cell.GetString());
            Assert.True(cell.Style.IncludeQuotePrefix);
        }

        Assert.False(sheet.Cell(2, 1).Style.IncludeQuotePrefix);
        Assert.DoesNotContain("<x:f>", SheetXml(), StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", SheetXml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Results_SetsEveryColumnWidth()
    {
        // Act
        using var workbook = WriteAndOpen([Samples.Result()]);

        // Assert
        var sheet = workbook.Worksheet("Results");
        Assert.All(Enumerable.Range(1, 14), c => Assert.InRange(sheet.Column(c).Width, 6, 100));
        Assert.Equal(90, sheet.Column(14).Width);
    }

    private static void AssertNumber(IXLCell cell, double value, string format)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal(value, cell.GetDouble(), 9);
        Assert.Equal(format, cell.Style.NumberFormat.Format);
    }

    private XLWorkbook WriteAndOpen(IReadOnlyList<MatchResult> results)
    {
        using (var stream = _folder.Create("results.xlsx"))
        {
            ResultsXlsxWriter.Write(stream, results);
        }

        return new XLWorkbook(_folder.File("results.xlsx"));
    }

    private string SheetXml()
    {
        using var zip = ZipFile.OpenRead(_folder.File("results.xlsx"));
        var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
