using System.Diagnostics;
using System.Globalization;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// <c>io-scale RECEIVABLES.csv OUT.csv STATEMENT.csv...</c>: the read and write stages of <c>reconcile</c> in one
/// process, each printed with its wall time, the CPU time it used and what it allocated: the receivables and the
/// statements are read twice (the second read with the first one's lists kept, as <c>reconcile</c> holds them), then
/// the lines are matched once and the results written twice. For profiling the files' code without the engine.
/// </summary>
internal static class IoScaleRun
{
    public static void Run(string receivablesPath, string outputPath, IReadOnlyList<string> statementPaths, TextWriter log)
    {
        using var process = Process.GetCurrentProcess();
        IReadOnlyList<Receivable> receivables = [];
        List<StatementLine> lines = [];
        for (var i = 0; i < 2; i++)
        {
            receivables = Timed(process, log, "read receivables", () =>
            {
                using var stream = File.OpenRead(receivablesPath);
                return ReceivableCsvReader.Read(stream, Path.GetFileName(receivablesPath));
            });
            lines = Timed(process, log, "read statements", () =>
            {
                var all = new List<StatementLine>();
                foreach (var path in statementPaths)
                {
                    using var stream = File.OpenRead(path);
                    all.AddRange(StatementReader.Read(stream, Path.GetFileName(path)).Lines);
                }

                return all;
            });
        }

        if (Environment.GetEnvironmentVariable("IO_SCALE_INSTANCES") is not null)
        {
            Instances(log, "receivable", receivables, r => r.ContractNo, r => r.Key, r => r.CustomerId, r => r.CustomerName, r => r.Currency, r => r.SalesOwner);
            Instances(log, "line", lines, l => l.BankRef, l => l.Currency, l => l.PayerName, l => l.PayerAccount, l => l.Memo, l => l.File);
        }

        if (Environment.GetEnvironmentVariable("IO_SCALE_READS_ONLY") is not null)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
            return;
        }

        var index = ReceivableIndex.Build(receivables);
        index.BuildTypoIndex();
        var run = Matcher.Match(lines, index, new MatchingOptions());
        for (var i = 0; i < 2; i++)
        {
            Timed(process, log, "write", () =>
            {
                using var stream = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                ResultsCsvWriter.Write(stream, run.Results);
                return stream.Length;
            });
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB"));
    }

    private static void Instances<T>(TextWriter log, string what, IReadOnlyList<T> items, params Func<T, string>[] fields)
    {
        var counts = fields.Select(f => new HashSet<string>(items.Select(f), ReferenceEqualityComparer.Instance).Count);
        log.WriteLine($"{what} string instances per field: {string.Join(", ", counts)}");
    }

    private static T Timed<T>(Process process, TextWriter log, string stage, Func<T> work)
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
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{stage}: {wall.TotalSeconds:0.000} s, cpu {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s, gc paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.000} s, allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576.0:N0} MiB, gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}"));
        return value;
    }
}
