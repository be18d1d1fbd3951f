using ClosedXML.Excel;
using Reconciler.Domain;

namespace Reconciler.Files.Tests.Workbooks;

/// <summary>ERP receivables workbooks, written here with ClosedXML and read through a column map.</summary>
public class ReceivableXlsxReaderTests
{
    private static readonly string[] ErpHeader = ["合同编号", "客户编号", "客户名称", "应收金额", "币种", "开票日期", "到期日", "销售负责人"];

    private static readonly ReceivableColumns Erp = new()
    {
        ContractNo = "合同编号",
        CustomerId = "客户编号",
        CustomerName = "客户名称",
        Amount = "应收金额",
        Currency = "币种",
        IssueDate = "开票日期",
        DueDate = "到期日",
        SalesOwner = "销售负责人",
        DateFormats = ["yyyy/M/d"],
        ThousandsSeparator = ',',
        CurrencySymbols = ["¥"],
    };

    private static MemoryStream Workbook(params (string Name, Action<IXLWorksheet> Fill)[] sheets)
    {
        using var workbook = new XLWorkbook();
        foreach (var (name, fill) in sheets)
        {
            fill(workbook.AddWorksheet(name));
        }

        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static void Row(IXLWorksheet sheet, int row, params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            switch (cells[i])
            {
                case null:
                    break;
                case DateTime date:
                    cell.Value = date;
                    break;
                case double number:
                    cell.Value = number;
                    break;
                case int number:
                    cell.Value = number;
                    break;
                default:
                    // Text stays text, even when it looks like a number or a date.
                    cell.SetValue((string)cells[i]!);
                    cell.DataType = XLDataType.Text;
                    break;
            }
        }
    }

    private static void ErpSheet(IXLWorksheet sheet)
    {
        Row(sheet, 1, "应收账款明细表");
        Row(sheet, 2, "导出日期：2026/3/31");
        Row(sheet, 4, ErpHeader);
        Row(sheet, 5, "KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10000.5, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 2, 4, 17, 30, 0), "李伟");
        Row(sheet, 7, 20260458, 10023, "北京康泰医院", "¥56,000.00", "人民币", "2026/1/10", new DateTime(2026, 3, 11).ToOADate(), null);
    }

    [Fact]
    public void Read_ErpSheetWithTitleRows_ReadsTypedCellsAndKeepsSheetRows()
    {
        // Arrange
        using var stream = Workbook(("应收明细", ErpSheet));

        // Act
        var receivables = ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp);

        // Assert
        Assert.Equal(
            [
                new Receivable("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10000.5m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 4), "李伟") { Source = "erp.xlsx, row 5" },
                new Receivable("20260458", "10023", "北京康泰医院", 56000m, "CNY", new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 11), "") { Source = "erp.xlsx, row 7" },
            ],
            receivables);
    }

    [Fact]
    public void Read_EmptyCurrencyCell_ThrowsNamingFileRowAndColumn()
    {
        // Arrange: the sheet has a currency column; the second receivable's cell is empty.
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", 100.0, "USD", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
            Row(sheet, 3, "K2", "C1", "N", 200.0, null, new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal(("erp.xlsx", 3, "币种", ""), (error.File, error.Row, error.Column, error.Value));
        Assert.Contains("the value is empty (expected a code of three letters such as CNY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10000.00005)]
    [InlineData("10000.00005")]
    public void Read_AmountWithMoreThanFourDecimals_ThrowsNamingFileRowColumnAndValue(object amount)
    {
        // Arrange: a number cell and a text cell alike.
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", amount, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal(("erp.xlsx", 2, "应收金额"), (error.File, error.Row, error.Column));
        Assert.Contains("is not an amount Reconciler takes: amounts are kept to 0.0001 (four decimals); this one has more", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e30)]
    [InlineData(1e16)]
    public void Read_NumberCellTooLarge_RefusedWithTheLimitAsByTheStatementReader(double amount)
    {
        // Arrange: 1E+30 is beyond what a decimal holds, 1E+16 only beyond what a ledger keeps; both are one refusal.
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", amount, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal(("erp.xlsx", 2, "应收金额"), (error.File, error.Row, error.Column));
        Assert.Contains("is not an amount Reconciler takes: amounts are kept up to 922,337,203,685,477.5807", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NumberCellsWithDecimalCommaMap_ReadAsNumbersNotText()
    {
        // Arrange: a map for text amounts like 1.234,56 must not turn the number 1234.56 into 123456.
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", 1234.56, "EUR", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
            Row(sheet, 3, "K2", "C1", "N", "1.234,56", "EUR", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var receivables = ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp with { DecimalSeparator = ',', ThousandsSeparator = '.' });

        // Assert
        Assert.Equal([1234.56m, 1234.56m], receivables.Select(r => r.Amount));
    }

    [Fact]
    public void Read_NoSheetNamed_TakesFirstSheetWhoseHeaderFitsAndNamesIt()
    {
        // Arrange
        using var stream = Workbook(
            ("说明", sheet => Row(sheet, 1, "本表由ERP导出", "请勿修改表头")),
            ("应收明细", ErpSheet));

        // Act
        var receivables = ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp);

        // Assert
        Assert.Equal(["erp.xlsx, sheet 应收明细, row 5", "erp.xlsx, sheet 应收明细, row 7"], receivables.Select(r => r.Source));
    }

    [Fact]
    public void Read_SheetNamed_ReadsThatSheetOnly()
    {
        // Arrange
        using var stream = Workbook(
            ("2025", sheet =>
            {
                Row(sheet, 1, ErpHeader);
                Row(sheet, 2, "OLD-1", "C1", "N", 1.0, "CNY", new DateTime(2025, 1, 5), new DateTime(2025, 3, 31));
            }),
            ("2026", ErpSheet));

        // Act
        var receivables = ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp with { Sheet = " 2026 " });

        // Assert
        Assert.Equal(["KL26-004512", "20260458"], receivables.Select(r => r.ContractNo));
    }

    [Fact]
    public void Read_SheetNotInWorkbook_ListsTheSheets()
    {
        // Arrange
        using var stream = Workbook(("说明", _ => { }), ("应收明细", ErpSheet));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp with { Sheet = "应收" }));

        // Assert
        Assert.Equal("erp.xlsx, row 1: the workbook has no sheet \"应收\" (its sheets: 说明, 应收明细)", error.Message);
    }

    [Fact]
    public void Read_MappedColumnMissing_NamesItAndListsTheHeaderFound()
    {
        // Arrange
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, "应收账款明细表");
            Row(sheet, 3, "合同编号", "客户编号", "客户名称", "未收金额", "币种", "开票日期", "到期日");
            Row(sheet, 4, "K1", "C1", "N", 1.0, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal(("erp.xlsx", 3, "应收金额"), (error.File, error.Row, error.Column));
        Assert.Contains("the header has no column \"应收金额\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 合同编号, 客户编号, 客户名称, 未收金额, 币种, 开票日期, 到期日)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoSheetHasTheHeader_SaysWhichSheetsWereSearched()
    {
        // Arrange
        using var stream = Workbook(("说明", sheet => Row(sheet, 2, "本表由ERP导出")), ("Sheet2", sheet => Row(sheet, 1, "contract_no", "amount")));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal("erp.xlsx, sheet 说明, row 2, column 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日: no row among the first 50 has any of the columns 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日 (the first row with values, row 2, has: 本表由ERP导出); sheets searched: 说明, Sheet2", error.Message);
    }

    [Fact]
    public void Read_BadAmountText_NamesFileRowColumnValueAndExpected()
    {
        // Arrange
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, "应收账款明细表");
            Row(sheet, 2, ErpHeader);
            Row(sheet, 3, "K1", "C1", "N", 5.0, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
            Row(sheet, 5, "K2", "C1", "N", "五千元", "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 3, 31));
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal(("erp.xlsx", 5, "应收金额", "五千元"), (error.File, error.Row, error.Column, error.Value));
        Assert.Equal("erp.xlsx, row 5, column 应收金额: \"五千元\" is not an amount (expected a number such as 1,234.56)", error.Message);
    }

    [Theory]
    [InlineData("31.03.2026", "\"31.03.2026\" is not a date (expected yyyy/M/d, such as 2026/3/31, or a date cell)")]
    [InlineData(12.5, "\"12.5\" is not a date (expected yyyy/M/d, such as 2026/3/31, or a date cell)")]
    [InlineData(null, "the value is empty (expected a date such as 2026/3/31)")]
    public void Read_BadDueDate_NamesTheFormatsAndDateCells(object? cell, string problem)
    {
        // Arrange
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", 5.0, "CNY", new DateTime(2026, 1, 5), cell, "x");
        }));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp));

        // Assert
        Assert.Equal($"erp.xlsx, row 2, column 到期日: {problem}", error.Message);
    }

    [Fact]
    public void Read_NumberAsTextDateInMappedFormat_ReadsIt()
    {
        // Arrange: ERPs write 20260331 as a number; with yyyyMMdd in the map it is that day, not a serial number.
        using var stream = Workbook(("Sheet1", sheet =>
        {
            Row(sheet, 1, ErpHeader);
            Row(sheet, 2, "K1", "C1", "N", 5.0, "CNY", 20260105, 20260331);
        }));

        // Act
        var receivable = Assert.Single(ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp with { DateFormats = ["yyyyMMdd"] }));

        // Assert
        Assert.Equal((new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31)), (receivable.IssueDate, receivable.DueDate));
    }

    [Fact]
    public void Read_NotAWorkbook_SaysSo()
    {
        // Arrange
        using var stream = new MemoryStream("合同编号,客户名称\nK1,N\n"u8.ToArray());

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xls", Erp));

        // Assert
        Assert.StartsWith("erp.xls, row 1: the file is not a readable .xlsx or .xls workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WorkbookBeyondTheLimits_IsRefusedBeforeReading()
    {
        // Arrange
        using var stream = Workbook(("应收明细", ErpSheet));

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp, new WorkbookLimits { MaxUncompressedBytes = 1000 }));

        // Assert
        Assert.Equal(("erp.xlsx", 1), (error.File, error.Row));
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamThatCannotSeek_ReadsTheWorkbook()
    {
        // Arrange
        using var workbook = Workbook(("应收明细", ErpSheet));
        using var stream = new ForwardOnlyStream(workbook);

        // Act
        var receivables = ReceivableXlsxReader.Read(stream, "erp.xlsx", Erp);

        // Assert
        Assert.Equal(["KL26-004512", "20260458"], receivables.Select(r => r.ContractNo));
    }

    [Theory]
    [InlineData("receivables.csv", true, true)]
    [InlineData("receivables.xlsx", false, true)]
    [InlineData("receivables.csv", false, false)]
    public void IsWorkbook_Content_WinsOverAnExtensionThatSaysText(string name, bool workbookContent, bool expected)
    {
        // Arrange
        using var stream = workbookContent ? Workbook(("Sheet1", ErpSheet)) : new MemoryStream("合同编号,客户名称\nK1,N\n"u8.ToArray());

        // Act
        var isWorkbook = ReceivableXlsxReader.IsWorkbook(stream, name);

        // Assert
        Assert.Equal((expected, 0L), (isWorkbook, stream.Position));
    }

    [Theory]
    [InlineData("erp.xlsx", true)]
    [InlineData("ERP.XLS", true)]
    [InlineData("erp.xlsm", true)]
    [InlineData("erp.csv", false)]
    [InlineData("erp.xlsx.csv", false)]
    public void IsWorkbook_Extension_TellsWorkbooks(string name, bool expected)
    {
        // Act, Assert
        Assert.Equal(expected, ReceivableXlsxReader.IsWorkbook(name));
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
