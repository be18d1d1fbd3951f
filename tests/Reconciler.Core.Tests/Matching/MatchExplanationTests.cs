using Reconciler.Domain;
using Reconciler.Matching;
using static Reconciler.Core.Tests.Matching.Build;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// The sentences the matcher writes from a result's figures when they are read (matched, duplicate, ignored):
/// the same text it wrote when it kept one per result, and kept by a copy.
/// </summary>
public class MatchExplanationTests
{
    private static MatchRun Run(IReadOnlyList<Receivable> receivables, params StatementLine[] lines) =>
        Matcher.Match(lines, ReceivableIndex.Build(receivables), new MatchingOptions());

    [Fact]
    public void Explanation_CombinedReferencesShortWithinTolerance_NamesEveryContractAndTheOpenTotal()
    {
        var a = Receivable("KL26-000101", 5_000m);
        var b = Receivable("KL26-000202", 3_000m);

        var result = Run([a, b], Line(7_990m, "KL26-000101 KL26-000202 货款")).Results[0];

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal("contracts KL26-000101, KL26-000202 in memo; 7,990.00 vs open total 8,000.00 (-0.13%, within ±3%); paid 2026-01-20, inside every window", result.Explanation);
    }

    [Fact]
    public void Explanation_ToleranceCapAndWindowOptions_WrittenWithTheRunsOptions()
    {
        var options = new MatchingOptions { ToleranceCap = 20m, EarlyWindow = TimeSpan.FromDays(10), LateWindow = TimeSpan.FromDays(5) };
        var receivable = Receivable("KL26-004512", 10_000m);

        var result = Matcher.Match([Line(10_010m, "KL26-004512")], ReceivableIndex.Build([receivable]), options).Results[0];

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal("contract KL26-004512 in memo; 10,010.00 vs open 10,000.00 (+0.10%, within ±3% (at most 20.00)); paid 2026-01-20, window 2025-12-26…2026-02-09", result.Explanation);
    }

    [Theory]
    [InlineData(-500, false, "a debit of -500.00: money going out is not matched against receivables")]
    [InlineData(0, false, "a zero amount: nothing to match")]
    [InlineData(1_250, true, "the bank marks 1,250.00 as neither money in nor money out (e.g. a transfer between own accounts): not matched")]
    public void Explanation_Ignored_SaysWhy(int amount, bool neutral, string expected)
    {
        var line = Line(amount, "KL26-004512") with { Neutral = neutral };

        var result = Run([Receivable("KL26-004512", 500m)], line).Results[0];

        Assert.Equal(MatchStatus.Ignored, result.Status);
        Assert.Equal(expected, result.Explanation);
    }

    [Fact]
    public void Explanation_DuplicateWithoutBankRef_NamesDateAndAmount()
    {
        var first = Line(980.5m, "KL26-004512", file: "statement-a.csv", row: 4);
        var again = Line(980.5m, "KL26-004512", file: "statement-b.csv", row: 7);

        var result = Run([Receivable("KL26-004512", 980.5m)], first, again).Results[1];

        Assert.Equal(MatchStatus.Duplicate, result.Status);
        Assert.Equal("same bank line as statement-a.csv row 4 (2026-01-20, 980.50)", result.Explanation);
    }

    [Fact]
    public void Explanation_DuplicateOfALineWithALongFileNameAndBankRef_WrittenWhole()
    {
        // Longer than the first buffer the sentence is tried in (256 characters).
        var file = new string('f', 200) + ".csv";
        var bankRef = "B" + new string('7', 180);
        var first = Line(980.5m, "KL26-004512", file: file, row: 4, bankRef: bankRef);
        var again = Line(980.5m, "KL26-004512", file: "statement-b.csv", row: 7, bankRef: bankRef);

        var result = Run([Receivable("KL26-004512", 980.5m)], first, again).Results[1];

        Assert.Equal(MatchStatus.Duplicate, result.Status);
        var expected = $"same bank line as {file} row 4 (bank ref {bankRef})";
        Assert.Equal(expected, result.Explanation);
        Assert.Equal(expected, Matcher.DuplicateExplanation(first));
        var buffer = new char[expected.Length];
        Assert.True(result.TryWriteExplanation(buffer, out var written));
        Assert.Equal(expected, new string(buffer, 0, written));
    }

    [Fact]
    public void Explanation_CopyWithOtherAllocations_KeepsTheSentenceItWasDecidedWith()
    {
        var result = Run([Receivable("KL26-004512", 10_000m)], Line(10_000m, "KL26-004512")).Results[0];

        var copy = result with { Allocations = [] };

        Assert.Equal(result.Explanation, copy.Explanation);
        Assert.Empty(copy.Allocations);
    }

    [Fact]
    public void Equals_WrittenOnReadOrSet_EqualWhenTheTextIs()
    {
        var result = Run([Receivable("KL26-004512", 10_000m)], Line(10_000m, "KL26-004512")).Results[0];
        var stored = new MatchResult
        {
            Line = result.Line,
            Status = result.Status,
            Allocations = result.Allocations,
            Difference = result.Difference,
            Confidence = result.Confidence,
            Rule = result.Rule,
            Explanation = result.Explanation,
            Exception = result.Exception,
        };

        Assert.Equal(stored, result);
        Assert.Equal(stored.GetHashCode(), result.GetHashCode());
        Assert.NotEqual(stored with { Explanation = "another sentence" }, result);
    }

    [Fact]
    public void Explanation_NeitherSetNorWritten_Empty()
    {
        var result = new MatchResult { Line = Line(1m, ""), Status = MatchStatus.Unmatched, Rule = "no-candidate" };

        Assert.Equal("", result.Explanation);
    }
}
