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

BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmark).Assembly).Run(args);
return 0;
