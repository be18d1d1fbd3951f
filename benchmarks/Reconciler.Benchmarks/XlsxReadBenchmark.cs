using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// Reading a 100k-row bank statement workbook (title rows, header, real date cells, numeric amounts, text) with
/// detection on, through ExcelDataReader (what Reconciler reads workbooks with). The baseline walks the same
/// cells with ClosedXML, the library the issue named as the target's reference.
/// </summary>
[MemoryDiagnoser]
public class XlsxReadBenchmark
{
    private string _path = "";

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"reconciler-xlsx-bench-{Environment.ProcessId}.xlsx");
        var lines = StatementReadBenchmark.Statement(Rows);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Movimientos");
        sheet.Cell(1, 3).Value = "CUENTA ONLINE";
        sheet.Cell(2, 3).Value = "ES00 0000 0000 0000 0000";
        sheet.Cell(4, 1).Value = "Movimientos";
        string[] header = ["Fecha operación", "Fecha valor", "Concepto", "Importe", "Saldo", "Divisa"];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(6, c + 1).Value = header[c];
        }

        var row = 7;
        var balance = 0m;
        foreach (var line in lines)
        {
            balance += line.Amount;
            sheet.Cell(row, 1).Value = line.Date.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(row, 2).Value = line.Date.ToDateTime(TimeOnly.MinValue);
            sheet.Cell(row, 3).Value = line.Memo;
            sheet.Cell(row, 4).Value = line.Amount;
            sheet.Cell(row, 5).Value = balance;
            sheet.Cell(row, 6).Value = line.Currency;
            row++;
        }

        workbook.SaveAs(_path);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public int ClosedXmlCells()
    {
        using var workbook = new XLWorkbook(_path);
        var cells = 0;
        foreach (var row in workbook.Worksheet(1).RowsUsed())
        {
            foreach (var cell in row.CellsUsed())
            {
                cells += cell.GetString().Length > 0 ? 1 : 0;
            }
        }

        return cells;
    }

    [Benchmark]
    public int StatementReaderDetected()
    {
        using var stream = File.OpenRead(_path);
        return StatementReader.Read(stream, "movimientos.xlsx").Lines.Count;
    }
}
