using BenchmarkDotNet.Attributes;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// Building the receivable index: the key dictionary, customers and learned links, and the typo index. The
/// baseline is a plain dictionary of contract keys, the least any matcher by reference must build.
/// </summary>
[MemoryDiagnoser]
public class IndexBuildBenchmark
{
    private IReadOnlyList<Receivable> _receivables = [];

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Receivables))]
    public int Receivables { get; set; }

    [GlobalSetup]
    public void Setup() => _receivables = BenchmarkData.Get(Receivables).Receivables;

    [Benchmark(Baseline = true)]
    public int KeyDictionaryOnly()
    {
        var keys = new Dictionary<string, int>(_receivables.Count, StringComparer.Ordinal);
        for (var i = 0; i < _receivables.Count; i++)
        {
            keys.TryAdd(_receivables[i].Key, i);
        }

        return keys.Count;
    }

    [Benchmark]
    public int ExactIndexes() => ReceivableIndex.Build(_receivables).KeyCount;

    [Benchmark]
    public int WithTypoIndex()
    {
        var index = ReceivableIndex.Build(_receivables);
        index.BuildTypoIndex();
        return index.KeyCount;
    }
}
