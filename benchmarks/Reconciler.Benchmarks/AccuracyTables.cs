using System.Globalization;
using Reconciler.Domain;
using Reconciler.Evaluation;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Benchmarks;

/// <summary>Prints per-case accuracy of the matcher and of the literal rule, as Markdown tables.</summary>
public static class AccuracyTables
{
    public static void Print(int receivables, IReadOnlyList<int> seeds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(output);
        var options = new MatchingOptions();
        var ours = new List<(GroundTruth, MatchResult)>();
        var literal = new List<(GroundTruth, MatchResult)>();
        foreach (var seed in seeds)
        {
            var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = receivables, Seed = seed });
            var lines = data.Statements.SelectMany(s => s.Lines).ToList();
            var run = Matcher.Match(lines, ReceivableIndex.Build(data.Receivables), options);
            var baseline = new LiteralRuleMatcher(data.Receivables, options);
            var literalResults = lines.Select(line => baseline.Match(line) is { } r
                ? new MatchResult { Line = line, Status = MatchStatus.Matched, Allocations = [new Allocation(r, Math.Min(r.Amount, line.Amount))], Rule = "literal", Explanation = "" }
                : new MatchResult { Line = line, Status = line.Amount <= 0 ? MatchStatus.Ignored : MatchStatus.Unmatched, Rule = "literal", Explanation = "" }).ToList();
            ours.AddRange(Tag(data, run.Results, seed));
            literal.AddRange(Tag(data, literalResults, seed));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeds {string.Join(", ", seeds)}; {receivables:N0} receivables each."));
        output.WriteLine();
        output.WriteLine("Reconciler:");
        Table(Evaluate(ours), output);
        output.WriteLine();
        output.WriteLine("Literal rule (contract verbatim in memo + ±3% + window):");
        Table(Evaluate(literal), output);
    }

    // Results of several seeds are told apart by prefixing the file name with the seed.
    private static IEnumerable<(GroundTruth, MatchResult)> Tag(SyntheticDataSet data, IReadOnlyList<MatchResult> results, int seed)
    {
        var byLine = results.ToDictionary(r => (r.Line.File, r.Line.Row));
        foreach (var truth in data.Truth)
        {
            var result = byLine[(truth.File, truth.Row)];
            var file = $"{seed}/{truth.File}";
            yield return (truth with { File = file }, result with { Line = result.Line with { File = file, BankRef = $"{seed}/{result.Line.BankRef}" } });
        }
    }

    private static AccuracyReport Evaluate(List<(GroundTruth Truth, MatchResult Result)> pairs) =>
        AccuracyReport.Evaluate([.. pairs.Select(p => p.Truth)], [.. pairs.Select(p => p.Result)]);

    private static void Table(AccuracyReport report, TextWriter output)
    {
        output.WriteLine("| case | lines | status right | auto precision | auto recall | needs-person coverage |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in report.Cases.Where(c => c.Lines > 0).Append(report.Total))
        {
            var name = row.Case?.ToString() ?? "**all**";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {row.Lines:N0} | {Share(row.StatusRight, row.Lines)} | {Share(row.AutomaticRight, row.Automatic)} | {Share(row.ShouldBeAutomaticAndWere, row.ShouldBeAutomatic)} | {Share(row.NeedPersonCovered, row.NeedPerson)} |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Bank lines allocated twice: {report.LinesAllocatedTwice:N0}; lines without an answer: {report.MissingLines:N0}."));
    }

    private static string Share(int part, int whole) =>
        whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.00}% ({part:N0}/{whole:N0})");
}
