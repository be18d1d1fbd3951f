using System.Diagnostics;
using System.Globalization;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// <c>match-scale RECEIVABLES [REPEATS]</c>: builds the index over the seeded synthetic data of that size and matches
/// every line, REPEATS times (3 by default), printing each index build and match with the CPU time it used, so a
/// profiler (<c>perf record</c>, <c>dotnet-trace</c>) can be pointed at the matcher alone.
/// </summary>
internal static class MatchScaleRun
{
    public static void Run(int receivables, int repeats, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        var data = BenchmarkData.Get(receivables);
        var lines = BenchmarkData.Lines(receivables);
        var options = new MatchingOptions();
        log.WriteLine(string.Create(inv, $"data: {data.Receivables.Count:N0} receivables, {lines.Count:N0} lines"));
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            var (index, build, buildCpu) = Timed(process, () => ReceivableIndex.Build(data.Receivables));
            var (_, typos, typosCpu) = Timed(process, () =>
            {
                index.BuildTypoIndex();
                return index;
            });
            var (run, match, matchCpu) = Timed(process, () => Matcher.Match(lines, index, options));
            log.WriteLine(string.Create(inv, $"index {build.TotalSeconds:0.000} s (cpu {buildCpu.TotalSeconds:0.00} s) + typo index {typos.TotalSeconds:0.000} s (cpu {typosCpu.TotalSeconds:0.00} s); match {match.TotalSeconds:0.000} s (cpu {matchCpu.TotalSeconds:0.00} s) = {lines.Count / match.TotalSeconds / 1e6:0.00}M lines/s, {run.Summary.Count(Domain.MatchStatus.Matched):N0} matched"));
        }

        log.WriteLine(string.Create(inv, $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
    }

    private static (T Value, TimeSpan Wall, TimeSpan Cpu) Timed<T>(Process process, Func<T> work)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var value = work();
        var wall = clock.Elapsed;
        process.Refresh();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gc: paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.000} s, allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576.0:N0} MiB, gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}"));
        return (value, wall, process.TotalProcessorTime - cpu);
    }
}
