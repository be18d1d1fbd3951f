using System.Globalization;
using BenchmarkDotNet.Running;
using Reconciler.Benchmarks;

// `accuracy [receivables] [seeds]` prints the accuracy tables for the README; anything else goes to
// BenchmarkDotNet (e.g. `--filter *MatchingBenchmark*`).
if (args.Length > 0 && args[0] == "accuracy")
{
    var receivables = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
    var seeds = args.Length > 2 ? args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3];
    AccuracyTables.Print(receivables, seeds, Console.Out);
    return 0;
}

// `report-scale DATA OUT.xlsx` writes the ledger report of DATA's ledger once and prints its time and memory.
if (args.Length == 3 && args[0] == "report-scale")
{
    ReportScaleRun.Run(args[1], args[2], Console.Out);
    return 0;
}

// `match-scale RECEIVABLES [REPEATS]` builds the index and matches the synthetic data of that size, timed, for profiling.
if (args.Length is 2 or 3 && args[0] == "match-scale")
{
    MatchScaleRun.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, Console.Out);
    return 0;
}

// `io-scale RECEIVABLES.csv OUT.csv STATEMENT.csv...` times the read and write stages of reconcile, for profiling.
if (args.Length >= 4 && args[0] == "io-scale")
{
    IoScaleRun.Run(args[1], args[2], args[3..], Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmark).Assembly).Run(args);
return 0;
