using BenchmarkDotNet.Attributes;
using ClosedXML.Excel;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// Writing a results sheet of 100k lines as <c>.xlsx</c>: the streaming <see cref="XlsxTableWriter"/> (what
/// reports and <c>reconcile --out x.xlsx</c> use) against the baseline, ClosedXML 0.95.4 building every cell in
/// memory and saving (what <see cref="ResultsXlsxWriter"/> did before the report was added).
/// </summary>
[MemoryDiagnoser]
public class ReportWriteBenchmark
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"reconciler-report-bench-{Environment.ProcessId}.xlsx");
    private List<MatchResult> _results = [];

    [Params(100_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _results = [.. Results(Lines)];

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public long ClosedXmlInMemory()
    {
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.Worksheets.Add(ResultsXlsxWriter.SheetName);
            for (var c = 0; c < ResultColumns.Names.Count; c++)
            {
                sheet.Cell(1, c + 1).SetValue(ResultColumns.Names[c]);
            }

            var row = 2;
            foreach (var r in _results)
            {
                var cells = ResultsXlsxWriter.Row(r);
                for (var c = 0; c < cells.Length; c++)
                {
                    var cell = sheet.Cell(row, c + 1);
                    switch (cells[c] is Toned t ? t.Value : cells[c])
                    {
                        case string s: cell.SetValue(s); break;
                        case int i: cell.SetValue(i); break;
                        case decimal d: cell.SetValue(d); cell.Style.NumberFormat.Format = "#,##0.00"; break;
                        case double x: cell.SetValue(x); break;
                        case DateOnly day: cell.SetValue(day.ToDateTime(TimeOnly.MinValue)); break;
                    }
                }

                row++;
            }

            sheet.SheetView.FreezeRows(1);
            sheet.Range(1, 1, row - 1, ResultColumns.Names.Count).SetAutoFilter();
            workbook.SaveAs(_path);
        }

        return new FileInfo(_path).Length;
    }

    [Benchmark]
    public long Streaming()
    {
        using (var stream = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ResultsXlsxWriter.Write(stream, _results);
        }

        return new FileInfo(_path).Length;
    }

    /// <summary>Seeded results shaped like a run's: one allocation each, memo-length explanations.</summary>
    internal static IEnumerable<MatchResult> Results(int count)
    {
        var random = new Random(1);
        var start = new DateOnly(2026, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var amount = random.Next(100_00, 5_000_000_00) / 100m;
            var contract = $"KL26-{i:D6}";
            var date = start.AddDays(i % 90);
            var receivable = new Receivable(contract, $"C{i % 5000:D5}", $"Customer {i % 5000} Medical Ltd", amount, "CNY", date.AddDays(-30), date.AddDays(30), "li.wei@example.com");
            yield return new MatchResult
            {
                Line = new StatementLine("statement-a.csv", i + 2, $"B{i:D10}", date, amount, "CNY", $"Customer {i % 5000} Medical Ltd", "6222020000123456", $"payment {contract}"),
                Status = MatchStatus.Matched,
                Allocations = [new Allocation(receivable, amount)],
                Confidence = 1,
                Rule = "reference-amount-window",
                Explanation = $"contract {contract} in memo; {amount:N2} vs open {amount:N2} (0.00%, within ±3%); paid {date:yyyy-MM-dd}, window {date.AddDays(-60):yyyy-MM-dd}…{date.AddDays(90):yyyy-MM-dd}",
            };
        }
    }
}
