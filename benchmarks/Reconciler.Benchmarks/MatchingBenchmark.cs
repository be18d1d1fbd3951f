using BenchmarkDotNet.Attributes;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// Matching every statement line of both exports against a built index (duplicates, references, typos, payers,
/// allocation). The baseline is the literal rule (contract verbatim in memo, ±3%, window), single-threaded.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmark
{
    private IReadOnlyList<StatementLine> _lines = [];
    private ReceivableIndex _index = null!;
    private LiteralRuleMatcher _literal = null!;
    private readonly MatchingOptions _options = new();

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Receivables))]
    public int Receivables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.Get(Receivables);
        _lines = BenchmarkData.Lines(Receivables);
        _index = ReceivableIndex.Build(data.Receivables);
        _index.BuildTypoIndex();
        _literal = new LiteralRuleMatcher(data.Receivables, _options);
    }

    [Benchmark(Baseline = true)]
    public int LiteralRule()
    {
        var matched = 0;
        foreach (var line in _lines)
        {
            if (_literal.Match(line) is not null)
            {
                matched++;
            }
        }

        return matched;
    }

    [Benchmark]
    public int Matcher() => Reconciler.Matching.Matcher.Match(_lines, _index, _options).Summary.Count(MatchStatus.Matched);
}
