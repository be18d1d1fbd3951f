using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// The duplicate search sorts the lines by hash and compares only lines whose hashes are equal: lines that share a
/// hash but are different bank lines must still be told apart.
/// </summary>
public class DuplicateFinderTests
{
    [Fact]
    public void Find_DifferentLinesWithOneHash_OnlyCopiesAreDuplicates()
    {
        var first = Build.Line(100m, "INV-1", file: "a.csv", row: 2);
        var second = Build.Line(200m, "INV-2", file: "a.csv", row: 3);
        var lines = new List<StatementLine>
        {
            first,
            second,
            first with { File = "b.csv" },
            second with { File = "b.csv" },
            Build.Line(300m, "INV-3", file: "b.csv", row: 4),
        };

        var duplicateOf = DuplicateFinder.Find(lines, _ => 7);

        Assert.Equal([-1, -1, 0, 1, -1], duplicateOf);
    }

    [Fact]
    public void Find_GeneratedExportsWithFewHashes_SameAsWithTheRealHash()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 2_000, Seed = 5 });
        var lines = data.Statements.SelectMany(s => s.Lines).ToList();

        var real = DuplicateFinder.Find(lines);
        var colliding = DuplicateFinder.Find(lines, line => (int)(line.Amount % 3)); // copies have equal amounts

        Assert.Contains(real, d => d >= 0);
        Assert.Equal(real, colliding);
    }

    [Fact]
    public void Hash_LinesWithoutReferenceMemoOrAccount_TellsPayersApart()
    {
        // Payments of one amount on one day without memo or account, from many payers, must not all share a hash:
        // the lines of one hash are compared each with each.
        var lines = Enumerable.Range(0, 1_000).Select(i => Build.Line(500m, "", payer: $"Parent {i}", account: "", row: i + 2)).ToList();

        var hashes = lines.Select(DuplicateFinder.IdentityComparer.Hash).ToHashSet();

        Assert.True(hashes.Count > 990, $"{hashes.Count} distinct hashes for 1,000 payers");
        Assert.Equal(DuplicateFinder.IdentityComparer.Hash(lines[0]), DuplicateFinder.IdentityComparer.Hash(lines[0] with { File = "b.csv", Row = 99 }));
        Assert.All(DuplicateFinder.Find(lines), d => Assert.Equal(-1, d));
    }

    [Fact]
    public void Find_IdenticalLinesInOneFileAndTheirCopies_KthCopyDuplicatesKthLine()
    {
        var line = Build.Line(100m, "fee refund", file: "a.csv", row: 2);
        var lines = new List<StatementLine>
        {
            line with { File = "b.csv", Row = 9 },
            line,
            line with { Row = 3 },
            line with { File = "b.csv", Row = 8 },
            line with { File = "b.csv", Row = 10 },
        };

        var duplicateOf = DuplicateFinder.Find(lines);

        // a.csv rows 2 and 3 are kept; b.csv rows 8 and 9 repeat them in order; b.csv row 10 is a third such payment.
        Assert.Equal([2, -1, -1, 1, -1], duplicateOf);
    }
}
