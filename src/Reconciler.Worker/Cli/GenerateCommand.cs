using System.CommandLine;
using System.Globalization;
using Reconciler.Files;
using Reconciler.Synthetic;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Cli;

/// <summary><c>reconciler generate</c>: realistic synthetic receivables, two overlapping exports and the right answers.</summary>
internal static class GenerateCommand
{
    /// <summary>The receivables file name written by the command.</summary>
    public const string ReceivablesFile = "receivables.csv";

    /// <summary>The ground-truth file name written by the command.</summary>
    public const string TruthFile = "truth.csv";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var count = new Option<int>("--receivables") { Description = "How many receivables to generate.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write receivables.csv, statement-a.csv, statement-b.csv and truth.csv to.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Write synthetic receivables, two overlapping statement exports and a ground-truth file.")
        {
            count, outDir, seed,
        };

        command.SetAction(parsed =>
        {
            var n = parsed.GetValue(count);
            if (n is < 1 or > 10_000_000)
            {
                error.WriteLine("error: --receivables must be between 1 and 10,000,000");
                return ExitCodes.Usage;
            }

            var directory = parsed.GetValue(outDir)!.FullName;
            var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = n, Seed = parsed.GetValue(seed) });
            ReconcileJob.WriteAtomically(Path.Combine(directory, ReceivablesFile), s => ReceivableCsvWriter.Write(s, data.Receivables));
            foreach (var statement in data.Statements)
            {
                ReconcileJob.WriteAtomically(Path.Combine(directory, statement.File), s => StatementCsvWriter.Write(s, statement.Lines));
            }

            ReconcileJob.WriteAtomically(Path.Combine(directory, TruthFile), s => GroundTruthCsvWriter.Write(s, data.Truth));
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv, $"Wrote {data.Receivables.Count:N0} receivables to {Path.Combine(directory, ReceivablesFile)}"));
            foreach (var statement in data.Statements)
            {
                output.WriteLine(string.Create(inv, $"Wrote {statement.Lines.Count:N0} statement lines to {Path.Combine(directory, statement.File)}"));
            }

            output.WriteLine(string.Create(inv, $"Wrote {data.Truth.Count:N0} right answers to {Path.Combine(directory, TruthFile)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
