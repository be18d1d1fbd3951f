using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;

namespace Reconciler.Files.Tests.Tables;

public class WorkbookLimitsTests
{
    private const string SheetPart = "xl/worksheets/sheet1.xml";

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                using var part = entry.Open();
                part.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static MemoryStream RealWorkbook()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Sheet1");
        sheet.Cell(1, 1).Value = "date";
        sheet.Cell(1, 2).Value = "amount";
        sheet.Cell(2, 1).Value = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified);
        sheet.Cell(2, 2).Value = 10.5;
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Check_PartThatExpandsOverTheRatio_RefusedAsZipBombNamingThePart()
    {
        // Arrange: 10 MiB of zeros compress to a few kilobytes, a ratio far above 200.
        using var stream = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), (SheetPart, new byte[10 * 1024 * 1024]));
        var limits = WorkbookLimits.Default;

        // Act
        var error = Assert.Throws<InputFormatException>(() => limits.Check(stream, "bomb.xlsx"));

        // Assert
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
        Assert.Contains(SheetPart, error.Message, StringComparison.Ordinal);
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
        Assert.Equal("bomb.xlsx", error.File);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Check_TotalAboveTheLimit_Refused()
    {
        // Arrange: two parts of 600 bytes each against a limit of 1,000.
        var part = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 150).Select(i => (i * 7919 % 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))));
        using var stream = Zip(("xl/a.xml", part), ("xl/b.xml", part));
        var limits = new WorkbookLimits { MaxUncompressedBytes = 1000 };

        // Act
        var error = Assert.Throws<InputFormatException>(() => limits.Check(stream, "big.xlsx"));

        // Assert
        Assert.Contains("1,000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("big.xlsx, row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TotalAtTheLimit_Passes()
    {
        // Arrange
        using var stream = Zip(("xl/a.xml", new byte[500]), ("xl/b.xml", new byte[500]));
        var limits = new WorkbookLimits { MaxUncompressedBytes = 1000 };

        // Act
        var error = Record.Exception(() => limits.Check(stream, "ok.xlsx"));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void Check_SmallPartWithHighRatio_PassesUnderTheFloor()
    {
        // Arrange: 512 KiB of zeros compress far above 200 times, but parts under the floor are not held to the ratio.
        using var stream = Zip((SheetPart, new byte[512 * 1024]));

        // Act
        var error = Record.Exception(() => WorkbookLimits.Default.Check(stream, "small.xlsx"));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void Check_RealWorkbook_PassesAndRewinds()
    {
        // Arrange
        using var stream = RealWorkbook();
        stream.Position = 0;

        // Act
        WorkbookLimits.Default.Check(stream, "statement.xlsx");

        // Assert
        Assert.Equal(0, stream.Position);
        Assert.Equal(FileKind.Xlsx, FileSniffer.Kind(FileSniffer.Head(stream, 8)));
    }

    [Fact]
    public void Check_NotAZip_ThrowsNotReadable()
    {
        // Arrange
        using var stream = new MemoryStream([0x50, 0x4B, 0x03, 0x04, .. "not really a zip archive"u8]);

        // Act
        var error = Assert.Throws<InputFormatException>(() => WorkbookLimits.Default.Check(stream, "broken.xlsx"));

        // Assert
        Assert.Contains("not a readable .xlsx workbook", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Position);
    }
}
