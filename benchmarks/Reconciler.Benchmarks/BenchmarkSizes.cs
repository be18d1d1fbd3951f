using System.Globalization;

namespace Reconciler.Benchmarks;

/// <summary>
/// The receivable counts the sized suites run at: 10,000, 100,000 and 1,000,000, or the comma-separated list in
/// <c>RECONCILER_BENCH_SIZES</c> (e.g. <c>1000000</c> to run only the 1M cases; BenchmarkDotNet's filter does not
/// see parameters). The variable is read in the child processes too, which inherit the environment.
/// </summary>
public static class BenchmarkSizes
{
    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Receivables() =>
        Environment.GetEnvironmentVariable("RECONCILER_BENCH_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [10_000, 100_000, 1_000_000];
}
