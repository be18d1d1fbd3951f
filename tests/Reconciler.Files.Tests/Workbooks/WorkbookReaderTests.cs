using ClosedXML.Excel;

namespace Reconciler.Files.Tests.Workbooks;

/// <summary>Receivables and statements read from real .xlsx workbooks (written here with ClosedXML).</summary>
public class WorkbookReaderTests
{
    private static MemoryStream Workbook(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.AddWorksheet("Sheet1"));
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static void Row(IXLWorksheet sheet, int row, params object[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = sheet.Cell(row, i + 1);
            switch (cells[i])
            {
                case DateTime date:
                    cell.Value = date;
                    break;
                case double number:
                    cell.Value = number;
                    break;
                default:
                    cell.Value = (string)cells[i];
                    break;
            }
        }
    }

    [Fact]
    public void ReadReceivables_TypedCells_SameAsCsv()
    {
        using var stream = Workbook(sheet =>
        {
            Row(sheet, 1, "contract_no", "customer_id", "customer_name", "amount", "currency", "issue_date", "due_date", "sales_owner");
            Row(sheet, 2, "KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10000.5, "CNY", new DateTime(2026, 1, 5), new DateTime(2026, 2, 4), "li.wei@example.com");
            Row(sheet, 3, "HT2026/0458", "C0003", "Northwind, Ltd", 56000.0, "cny", "2026-01-10", "2026-03-11", "");
        });

        var receivables = ReceivableXlsxReader.Read(stream, "receivables.xlsx");

        Assert.Equal(2, receivables.Count);
        Assert.Equal("KL26-004512", receivables[0].ContractNo);
        Assert.Equal(10000.5m, receivables[0].Amount);
        Assert.Equal(new DateOnly(2026, 1, 5), receivables[0].IssueDate);
        Assert.Equal("Northwind, Ltd", receivables[1].CustomerName);
        Assert.Equal("CNY", receivables[1].Currency);
        Assert.Equal(new DateOnly(2026, 3, 11), receivables[1].DueDate);
    }

    [Fact]
    public void ReadStatement_RowsKeepSpreadsheetNumbers()
    {
        using var stream = Workbook(sheet =>
        {
            Row(sheet, 1, "date", "amount", "currency", "payer_name", "payer_account", "memo", "bank_ref");
            Row(sheet, 2, new DateTime(2026, 1, 21), 10000.0, "CNY", "上海瑞康", "6222", "货款 KL26-004512", "B1");
            Row(sheet, 3, new DateTime(2026, 1, 23), -18000.0, "CNY", "物业", "6228", "=HYPERLINK(\"x\")", "B2");
        });

        var lines = StatementReader.Read(stream, "bank.xlsx", BankProfile.Generic).Lines;

        Assert.Equal([2, 3], lines.Select(l => l.Row));
        Assert.Equal(-18000m, lines[1].Amount);
        Assert.Equal("=HYPERLINK(\"x\")", lines[1].Memo);
        Assert.All(lines, l => Assert.Equal("bank.xlsx", l.File));
    }

    [Fact]
    public void ReadStatement_BadAmountCell_NamesRowAndColumn()
    {
        using var stream = Workbook(sheet =>
        {
            Row(sheet, 1, "date", "amount", "currency", "payer_name", "payer_account", "memo", "bank_ref");
            Row(sheet, 2, new DateTime(2026, 1, 21), 10.0, "CNY", "A", "1", "x", "B1");
            Row(sheet, 3, new DateTime(2026, 1, 22), "twelve", "CNY", "B", "2", "y", "B2");
        });

        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "bank.xlsx", BankProfile.Generic).Lines);

        Assert.Equal(3, error.Row);
        Assert.Equal("amount", error.Column);
        Assert.Contains("bank.xlsx", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e30)]
    [InlineData(1e16)]
    public void ReadStatement_NumberCellTooLarge_RefusedWithTheLimitAsByTheReceivablesReader(double amount)
    {
        // 1E+30 is beyond what a decimal holds, 1E+16 only beyond what a ledger keeps; both are one refusal.
        using var stream = Workbook(sheet =>
        {
            Row(sheet, 1, "date", "amount", "currency", "payer_name", "payer_account", "memo", "bank_ref");
            Row(sheet, 2, new DateTime(2026, 1, 21), amount, "CNY", "A", "1", "x", "B1");
        });

        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "bank.xlsx", BankProfile.Generic).Lines);

        Assert.Equal(("bank.xlsx", 2, "amount"), (error.File, error.Row, error.Column));
        Assert.Contains("is not an amount Reconciler takes: amounts are kept up to 922,337,203,685,477.5807", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAWorkbook_InputFormatException()
    {
        // A zip that is no workbook (what a truncated download or a renamed archive looks like).
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("readme.txt").Open();
            entry.Write("not a workbook"u8);
        }

        stream.Position = 0;

        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "fake.xlsx", BankProfile.Generic));

        Assert.Contains("fake.xlsx", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a readable workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadStatement_NumberBeyondDecimal_NamesRowAndColumn()
    {
        using var stream = Workbook(sheet =>
        {
            Row(sheet, 1, "date", "amount", "currency", "payer_name", "payer_account", "memo", "bank_ref");
            Row(sheet, 2, new DateTime(2026, 1, 21, 14, 30, 0), 1e30, "CNY", "A", "1", "x", "B1");
        });

        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "bank.xlsx", BankProfile.Generic).Lines);

        Assert.Equal(2, error.Row);
        Assert.Equal("amount", error.Column);
    }
}
