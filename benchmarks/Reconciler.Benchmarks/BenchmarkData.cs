using System.Collections.Concurrent;
using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Benchmarks;

/// <summary>Seeded synthetic data per size, generated once per process and shared by the suites.</summary>
public static class BenchmarkData
{
    private static readonly ConcurrentDictionary<int, SyntheticDataSet> Sets = new();

    /// <summary>The data set with <paramref name="receivables"/> receivables (seed 1).</summary>
    public static SyntheticDataSet Get(int receivables) =>
        Sets.GetOrAdd(receivables, n => SyntheticGenerator.Generate(new SyntheticOptions { Receivables = n, Seed = 1 }));

    /// <summary>Every statement line of both exports, in file order.</summary>
    public static IReadOnlyList<StatementLine> Lines(int receivables) =>
        [.. Get(receivables).Statements.SelectMany(s => s.Lines)];
}
