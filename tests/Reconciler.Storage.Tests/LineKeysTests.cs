using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Storage.Tests;

public class LineKeysTests
{
    [Fact]
    public void Of_TwoOverlappingFilesOfLookAlikeLines_KeysEqualExactlyWhereTheMatcherFindsADuplicate()
    {
        // The ledger's line identity (these keys, across files and runs) and the matcher's (duplicates within a run) are
        // written apart; lines drawn from a few values each, so that most fields collide, must be one bank line under
        // both or under neither. Both take the k-th copy of a line in one file as the k-th copy in the other.
        var random = new Random(20261130);
        var days = new[] { new DateOnly(2026, 2, 3), new DateOnly(2026, 2, 4) };
        List<StatementLine> Lines(string file) => [.. Enumerable.Range(0, 600).Select(i => new StatementLine(
            file,
            i + 2,
            Pick(random, "", "", "B1", "B2"),
            Pick(random, days),
            Pick(random, 10m, 10.50m, 10.5m, -3m),
            Pick(random, "CNY", "EUR"),
            Pick(random, "Litware", "Litware Medical"),
            Pick(random, "", "6222"),
            Pick(random, "KL26-1", "KL26-2"))
        {
            NotBooked = random.Next(6) == 0 ? "pending" : null,
        })];
        var a = Lines("a.csv");
        var b = Lines("b.csv");

        var run = Matcher.Match([.. a, .. b], ReceivableIndex.Build([]), new MatchingOptions());
        var keysA = LineKeys.Of(a);
        var keysB = LineKeys.Of(b);

        Assert.Equal(a.Count, keysA.Distinct(StringComparer.Ordinal).Count());
        Assert.All(run.Results.Take(a.Count), r => Assert.NotEqual(MatchStatus.Duplicate, r.Status));
        var original = keysA.Select((key, i) => (key, i)).ToDictionary(k => k.key, k => a[k.i], StringComparer.Ordinal);
        var duplicates = 0;
        for (var j = 0; j < b.Count; j++)
        {
            var result = run.Results[a.Count + j];
            var expected = original.GetValueOrDefault(keysB[j]);
            Assert.Same(expected, result.Status == MatchStatus.Duplicate ? result.DuplicateOf : null);
            duplicates += expected is null ? 0 : 1;
        }

        Assert.InRange(duplicates, 100, b.Count - 100); // both kinds of line are there to compare
    }

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    [Fact]
    public void Of_AnyLines_SameKeysAsTheStoredFormula()
    {
        var day = new DateOnly(2026, 2, 3);
        StatementLine[] lines =
        [
            new("a.csv", 2, "B26-0001", day, 1234.5m, "EUR", "ACME GmbH", "DE0012", "KL26-004512"),
            new("a.csv", 3, "", day, -17.25m, "EUR", "Müller & Söhne", "AT99", "Rechnung ＫＬ２６－００４５１２ überwiesen"),
            new("a.csv", 4, "", day, -17.25m, "EUR", "Müller & Söhne", "AT99", "Rechnung ＫＬ２６－００４５１２ überwiesen"),
            new("a.csv", 5, "B26-0001", day, 1234.5m, "EUR", "other payer", "X", "other memo"),
            new("a.csv", 6, "B26-0002", day.AddDays(1), 0.0001m, "USD", "", "", new string('x', 3000)),
        ];

        var keys = LineKeys.Of(lines);

        Assert.Equal(Reference(lines), keys);
        Assert.Equal(lines.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Of_ManyLinesWithRepeats_SameKeysAsTheStoredFormula()
    {
        // More lines than one worker's share, identical lines far apart: occurrences still count in file order.
        var day = new DateOnly(2026, 2, 3);
        var lines = Enumerable.Range(0, 30_000)
            .Select(i => new StatementLine("a.csv", i + 2, i % 3 == 0 ? "" : $"B-{i % 7_000}", day.AddDays(i % 5), (i % 11) + 0.5m, "EUR", $"payer {i % 13}", "DE01", $"memo {i % 17}"))
            .ToList();

        Assert.Equal(Reference(lines), LineKeys.Of(lines));
    }

    [Fact]
    public void Of_LineTheBankHasNotBooked_KeyedApartFromTheSameLineBookedInAnotherFile()
    {
        // A pending line (one export) and the same movement booked (the next export) must not be one line; booked keys stay as before.
        var day = new DateOnly(2026, 2, 3);
        var booked = new StatementLine("b.csv", 2, "B26-0001", day, 1234.5m, "EUR", "ACME GmbH", "DE0012", "KL26-004512");
        var noReference = booked with { Row = 3, BankRef = "" };
        StatementLine[] later = [booked, noReference];
        StatementLine[] earlier = [.. later.Select(l => l with { File = "a.csv", NotBooked = "Autorizzato", Neutral = true })];

        var (pendingKeys, bookedKeys) = (LineKeys.Of(earlier), LineKeys.Of(later));

        Assert.Empty(pendingKeys.Intersect(bookedKeys));
        Assert.Equal(Reference(later), bookedKeys);
        Assert.Equal(LineKeys.Of([.. earlier.Select(l => l with { File = "c.csv" })]), pendingKeys); // pending in two exports: one line
    }

    // The key as ledgers written before hold it: a line's key must never change, or lines imported before would no
    // longer be found as duplicates.
    private static string[] Reference(IReadOnlyList<StatementLine> lines)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. lines.Select(line =>
        {
            var amount = line.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
            var date = line.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var content = line.BankRef.Length > 0
                ? string.Join('\u001F', "ref", line.BankRef, date, amount, line.Currency)
                : string.Join('\u001F', "line", line.PayerAccount, date, amount, line.Currency, line.PayerName, line.Memo);
            var occurrence = seen.TryGetValue(content, out var n) ? n + 1 : 1;
            seen[content] = occurrence;
            var identity = string.Concat(content, "\u001F#", occurrence.ToString(CultureInfo.InvariantCulture));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        })];
    }
}
