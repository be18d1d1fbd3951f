using BenchmarkDotNet.Attributes;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// Finding contract references in every memo: one pass over each memo with hashed look-ups of its runs
/// (<c>Inspect</c>, which also finds near-miss keys and the payer). The baseline splits the memo on spaces and
/// looks each word up verbatim: the literal rule's reference finding, which misses every variant.
/// </summary>
[MemoryDiagnoser]
public class ReferenceFindingBenchmark
{
    private IReadOnlyList<StatementLine> _lines = [];
    private ReceivableIndex _index = null!;
    private HashSet<string> _contracts = [];

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Receivables))]
    public int Receivables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.Get(Receivables);
        _lines = BenchmarkData.Lines(Receivables);
        _index = ReceivableIndex.Build(data.Receivables);
        _index.BuildTypoIndex();
        _contracts = data.Receivables.Select(r => r.ContractNo).ToHashSet(StringComparer.Ordinal);
    }

    [Benchmark(Baseline = true)]
    public int VerbatimWords()
    {
        var found = 0;
        foreach (var line in _lines)
        {
            foreach (var word in line.Memo.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (_contracts.Contains(word))
                {
                    found++;
                }
            }
        }

        return found;
    }

    [Benchmark]
    public int Inspect()
    {
        var evaluator = new LineEvaluator(_index, new MatchingOptions());
        var found = 0;
        foreach (var line in _lines)
        {
            found += evaluator.Inspect(line).References.Length;
        }

        return found;
    }
}
