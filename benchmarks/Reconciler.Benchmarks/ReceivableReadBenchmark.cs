using BenchmarkDotNet.Attributes;
using CsvHelper;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// Reading a receivables CSV as <c>reconcile</c> does, alone and beside a statement of as many lines: one after the
/// other (as <c>reconcile</c> did) and side by side on two threads (as it does now). The baseline only splits the
/// receivables' records with CsvHelper, the least any reader must do.
/// </summary>
[MemoryDiagnoser]
public class ReceivableReadBenchmark
{
    private string _folder = "";
    private string _receivables = "";
    private string _statement = "";

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"reconciler-receivable-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);
        _receivables = Path.Combine(_folder, "receivables.csv");
        using (var stream = File.Create(_receivables))
        {
            ReceivableCsvWriter.Write(stream, Receivables(Rows));
        }

        _statement = Path.Combine(_folder, "statement.csv");
        using (var stream = File.Create(_statement))
        {
            StatementCsvWriter.Write(stream, StatementReadBenchmark.Statement(Rows));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public int CsvHelperRecordsOnly()
    {
        using var stream = File.OpenRead(_receivables);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        var fields = 0;
        while (reader.Read())
        {
            fields += reader.FieldCount;
        }

        return fields;
    }

    [Benchmark]
    public int Receivables() => ReadReceivables().Count;

    [Benchmark]
    public int WithStatementOneAfterTheOther() => ReadReceivables().Count + ReadStatement().Count;

    [Benchmark]
    public int WithStatementSideBySide()
    {
        var statement = Task.Run(ReadStatement);
        return ReadReceivables().Count + statement.GetAwaiter().GetResult().Count;
    }

    private IReadOnlyList<Receivable> ReadReceivables()
    {
        using var stream = File.OpenRead(_receivables);
        return ReceivableCsvReader.Read(stream, "receivables.csv");
    }

    private IReadOnlyList<StatementLine> ReadStatement()
    {
        using var stream = File.OpenRead(_statement);
        return StatementReader.Read(stream, "statement.csv").Lines;
    }

    /// <summary>The synthetic set's receivables, repeated up to <paramref name="count"/> with distinct contract numbers.</summary>
    private static List<Receivable> Receivables(int count)
    {
        var source = BenchmarkData.Get(100_000).Receivables;
        var receivables = new List<Receivable>(count);
        for (var i = 0; i < count; i++)
        {
            var r = source[i % source.Count];
            receivables.Add(i < source.Count ? r : r with { ContractNo = $"{r.ContractNo}-{i / source.Count}" });
        }

        return receivables;
    }
}
