using BenchmarkDotNet.Attributes;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// Writing the results CSV (the "write" stage of <c>reconcile</c>) to a file: <see cref="ResultsCsvWriter"/> with
/// rows formatted on one thread and in blocks formatted side by side, against the writer of 0320b33 (a CsvHelper
/// writer per block, blocks side by side; the baseline).
/// </summary>
[MemoryDiagnoser]
public class ResultsCsvWriteBenchmark
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"reconciler-results-bench-{Environment.ProcessId}.csv");
    private List<MatchResult> _results = [];

    [Params(1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _results = [.. ReportWriteBenchmark.Results(Lines)];

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public long CsvHelperBlocks()
    {
        using (var stream = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            CsvHelperResultsWriter.Write(stream, _results, Environment.ProcessorCount);
        }

        return new FileInfo(_path).Length;
    }

    [Benchmark]
    public long OneThread() => Write(1);

    [Benchmark]
    public long Blocks() => Write(Environment.ProcessorCount);

    private long Write(int threads)
    {
        using (var stream = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            ResultsCsvWriter.Write(stream, _results, threads);
        }

        return new FileInfo(_path).Length;
    }
}
