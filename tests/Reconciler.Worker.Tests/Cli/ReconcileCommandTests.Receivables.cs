using System.Globalization;
using ClosedXML.Excel;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary><c>reconcile</c> over an ERP receivables workbook read through the <c>Receivables</c> configuration section.</summary>
public partial class ReconcileCommandTests
{
    private const string ErpConfiguration = """
        {
          "Receivables": {
            "Columns": {
              "ContractNo": "合同编号", "CustomerId": "客户编号", "CustomerName": "客户名称", "Amount": "应收金额",
              "Currency": "币种", "IssueDate": "开票日期", "DueDate": "到期日", "SalesOwner": "销售负责人"
            },
            "DateFormats": [ "yyyy/M/d" ],
            "ThousandsSeparator": ",",
            "CurrencySymbols": [ "¥", "€" ]
          }
        }
        """;

    /// <summary>
    /// The sample receivables as an ERP would export them: a notes sheet first, then a sheet with title rows above a
    /// Chinese header, amounts as numbers or as text with a symbol and thousands separators, due dates as date
    /// cells, serial numbers or text, and an empty row in between.
    /// </summary>
    private static void WriteErpWorkbook(string path, IReadOnlyList<Receivable> receivables, Action<IXLWorksheet>? spoil = null)
    {
        using var workbook = new XLWorkbook();
        workbook.AddWorksheet("说明").Cell(1, 1).Value = "本表由ERP导出，请勿修改表头";
        var sheet = workbook.AddWorksheet("应收明细");
        sheet.Cell(1, 1).Value = "应收账款明细表";
        sheet.Cell(2, 1).Value = "单位：元";
        string[] header = ["合同编号", "客户编号", "客户名称", "应收金额", "币种", "开票日期", "到期日", "销售负责人"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(4, c + 1).Value = header[c];
        }

        var row = 5;
        for (var i = 0; i < receivables.Count; i++, row++)
        {
            var r = receivables[i];
            if (i == 3)
            {
                row++; // an empty row
            }

            Text(sheet.Cell(row, 1), r.ContractNo);
            Text(sheet.Cell(row, 2), r.CustomerId);
            Text(sheet.Cell(row, 3), r.CustomerName);
            if (i % 2 == 0)
            {
                sheet.Cell(row, 4).Value = (double)r.Amount;
            }
            else
            {
                Text(sheet.Cell(row, 4), (r.Currency == "EUR" ? "€" : "¥") + r.Amount.ToString("N2", CultureInfo.InvariantCulture));
            }

            Text(sheet.Cell(row, 5), r.Currency);
            sheet.Cell(row, 6).Value = r.IssueDate.ToDateTime(TimeOnly.MinValue);
            switch (i % 3)
            {
                case 0:
                    sheet.Cell(row, 7).Value = r.DueDate.ToDateTime(TimeOnly.MinValue);
                    break;
                case 1:
                    sheet.Cell(row, 7).Value = r.DueDate.ToDateTime(TimeOnly.MinValue).ToOADate();
                    break;
                default:
                    Text(sheet.Cell(row, 7), r.DueDate.ToString("yyyy/M/d", CultureInfo.InvariantCulture));
                    break;
            }

            Text(sheet.Cell(row, 8), r.SalesOwner);
        }

        spoil?.Invoke(sheet);
        workbook.SaveAs(path);
    }

    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    private static IReadOnlyList<Receivable> SampleReceivables()
    {
        using var stream = File.OpenRead(Repository.Samples("receivables.csv"));
        return ReceivableCsvReader.Read(stream, "receivables.csv");
    }

    [Fact]
    public void Reconcile_MappedErpWorkbook_SameResultsAsTheSampleCsv()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("应收账款.xlsx");
        WriteErpWorkbook(workbook, SampleReceivables());
        File.WriteAllText(temp.File("erp.json"), ErpConfiguration);

        var fromWorkbook = CliRun.Of("reconcile", "--receivables", workbook,
            "--statement", Repository.Samples("statement-a.csv"), "--statement", Repository.Samples("statement-b.csv"),
            "--config", temp.File("erp.json"), "--out", temp.File("from-workbook.csv"), "--quiet");
        var fromCsv = ReconcileSamples(temp.File("from-csv.csv"));

        Assert.Equal(ExitCodes.Ok, fromWorkbook.ExitCode);
        Assert.Equal(ExitCodes.Ok, fromCsv.ExitCode);
        Assert.Contains("against 14 receivables", fromWorkbook.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(temp.File("from-csv.csv")), File.ReadAllText(temp.File("from-workbook.csv")));
        Assert.Contains(CsvRows.Read(temp.File("from-workbook.csv")), cells => cells[2] == "B2601210001" && cells[7] == "matched" && cells[8] == "KL26-004512");
    }

    [Fact]
    public void Reconcile_MappedErpWorkbookWithBadAmount_ExitsNamingSheetRowColumnAndValue()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("应收账款.xlsx");
        WriteErpWorkbook(workbook, SampleReceivables(), sheet => Text(sheet.Cell(7, 4), "¥4,280.5O"));
        File.WriteAllText(temp.File("erp.json"), ErpConfiguration);

        var run = CliRun.Of("reconcile", "--receivables", workbook, "--statement", Repository.Samples("statement-a.csv"),
            "--config", temp.File("erp.json"), "--out", temp.File("r.csv"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(
            "error: 应收账款.xlsx, sheet 应收明细, row 7, column 应收金额: \"¥4,280.5O\" is not an amount (expected a number such as 1,234.56)",
            run.Error,
            StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_ErpWorkbookWithoutMapping_ExitsNamingTheMissingColumns()
    {
        using var temp = new TempFolder();
        var workbook = temp.File("应收账款.xlsx");
        WriteErpWorkbook(workbook, SampleReceivables());

        var run = CliRun.Of("reconcile", "--receivables", workbook, "--statement", Repository.Samples("statement-a.csv"), "--out", temp.File("r.csv"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("no row among the first 50 has any of the columns contract_no", run.Error, StringComparison.Ordinal);
        Assert.Contains("sheets searched: 说明, 应收明细", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_UnknownReceivablesKey_ExitsUsageNamingIt()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("erp.json"), """{ "Receivables": { "Columns": { "Amout": "应收金额" } } }""");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--config", temp.File("erp.json"), "--out", temp.File("r.csv"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: configuration: Receivables:Columns:Amout is not a setting", run.Error, StringComparison.Ordinal);
    }
}
