using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;
using static Reconciler.Core.Tests.Matching.Build;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// The sentences of suggested, partial and unmatched results, which the matcher writes from a few kept figures when
/// they are read: the same text it wrote when it kept the sentence (checked against the code before the change).
/// </summary>
public class KeptFiguresExplanationTests
{
    private static readonly Receivable[] Receivables =
    [
        Receivable("KL26-004512", 10_000m),
        Receivable("HT2026-0458", 500m, customer: "C002", name: "Bright Dental Co"),
        Receivable("PO-77812", 500m, customer: "C003", name: "Bright Dental Co"),
    ];

    [Theory]
    [InlineData(12.34, "service fee", "2026-01-20", "Acme Medical Ltd", "unmatched", "payer-no-amount",
        "no contract number in memo; payer is customer C001 Acme Medical Ltd (recognised by the customer's name), but none of its 1 open receivables is within ±3% of 12.34")]
    [InlineData(500, "payment", "2026-01-20", "Bright Dental", "suggested", "payer-amount",
        "no contract number in memo; payer is one of 2 customers named Bright Dental Co (recognised by the customer's name); best candidate HT2026-0458 open 500.00, paid 500.00 (0.00%), due 2026-02-04; 1 more candidate score within the ambiguity margin")]
    [InlineData(10_000, "INV ZX99887766", "2026-01-20", "Acme Medical Ltd", "suggested", "payer-amount",
        "\"ZX99887766\" in memo is no open contract; payer is customer C001 Acme Medical Ltd (recognised by the customer's name); best candidate KL26-004512 open 10,000.00, paid 10,000.00 (0.00%), due 2026-02-04")]
    [InlineData(10_000, "KL26-004521", "2026-01-20", "Someone Else", "suggested", "typo-reference",
        "no open contract number in memo, but \"KL26004521\" is one edit from KL26-004512 open 10,000.00, paid 10,000.00 (0.00%), due 2026-02-04")]
    [InlineData(20_000, "KL26-004512", "2026-01-20", "Acme Medical Ltd", "suggested", "reference-over",
        "contract KL26-004512 in memo; 20,000.00 vs open 10,000.00 (+100.00%, beyond ±3%): an over-payment, to be checked")]
    [InlineData(10_000, "KL26-004512", "2027-06-01", "Acme Medical Ltd", "suggested", "reference-date-window",
        "contract KL26-004512 in memo and 10,000.00 vs open 10,000.00 (0.00%, within ±3%), but paid 2027-06-01 is outside the window 2025-12-06…2026-05-05")]
    [InlineData(4_000, "KL26-004512", "2027-06-01", "Acme Medical Ltd", "suggested", "reference-date-window",
        "contract KL26-004512 in memo; 4,000.00 vs open 10,000.00 (-60.00%), and paid 2027-06-01 is outside the window 2025-12-06…2026-05-05")]
    [InlineData(4_000, "KL26-004512", "2026-01-20", "Acme Medical Ltd", "partial", "reference-partial",
        "contract KL26-004512 in memo; 4,000.00 applied as a part payment of open 10,000.00, 6,000.00 stays open; paid 2026-01-20, window 2025-12-06…2026-05-05")]
    [InlineData(9_000, "KL26-004512", "2026-01-20", "Acme Medical Ltd", "partial", "reference-short",
        "contract KL26-004512 in memo; 9,000.00 vs open 10,000.00 (-10.00%, beyond ±3%): applied as a short payment, 1,000.00 stays open; paid 2026-01-20, window 2025-12-06…2026-05-05")]
    [InlineData(12.34, "ref ZX99887766", "2026-01-20", "Nobody Known", "unmatched", "no-candidate",
        "\"ZX99887766\" in memo is no open contract, and payer \"Nobody Known\" is not a known customer")]
    public void Explanation_WrittenFromKeptFigures_SameSentenceAsWhenKept(double amount, string memo, string date, string payer, string status, string rule, string expected)
    {
        var line = Line((decimal)amount, memo, date: date, payer: payer);

        var result = Matcher.Match([line], ReceivableIndex.Build(Receivables), new MatchingOptions()).Results[0];

        Assert.Equal(status, result.Status.ToName());
        Assert.Equal(rule, result.Rule);
        Assert.Equal(expected, result.Explanation);
        Assert.Equal(expected, (result with { Confidence = 0.1 }).Explanation); // a copy keeps it as text
        var buffer = new char[expected.Length];
        Assert.True(result.TryWriteExplanation(buffer, out var written));
        Assert.Equal(expected, new string(buffer, 0, written));
        for (var shorter = 0; shorter < expected.Length; shorter++)
        {
            Assert.False(result.TryWriteExplanation(buffer.AsSpan(0, shorter), out _), $"fits in {shorter} characters");
        }
    }

    [Fact]
    public void TryWriteExplanation_EveryResultOfASyntheticRun_WritesTheSentenceExplanationReturns()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 2_000, Seed = 5 });
        var run = Matcher.Match([.. data.Statements.SelectMany(s => s.Lines)], ReceivableIndex.Build(data.Receivables), new MatchingOptions());
        var buffer = new char[1024];

        Assert.All(run.Results, result =>
        {
            Assert.True(result.TryWriteExplanation(buffer, out var written));
            Assert.Equal(result.Explanation, new string(buffer, 0, written));
        });
        Assert.Equal(
            Enum.GetValues<MatchStatus>().Order(),
            run.Results.Select(r => r.Status).Distinct().Order()); // every kind of sentence was written
    }

    [Fact]
    public void Explanation_LongerThanTheFirstBuffer_WrittenWholeAndRefusedByASmallerSpan()
    {
        // One payment for 12 contracts (as many as are taken together) with long numbers: a sentence of well over 512
        // characters, the first buffer Explain tries.
        var receivables = Enumerable.Range(1, 12).Select(i => Receivable($"FRAMEWORK-AGREEMENT-2026-NORTH-REGION-{i:000000}", 100m)).ToArray();
        var memo = string.Join(' ', receivables.Select(r => r.ContractNo));

        var result = Matcher.Match([Line(1_200m, memo)], ReceivableIndex.Build(receivables), new MatchingOptions()).Results[0];

        Assert.True(result.Status == MatchStatus.Matched, result.Rule + ": " + result.Explanation);
        Assert.Equal(12, result.Allocations.Count);
        var sentence = result.Explanation;
        Assert.True(sentence.Length > 600, sentence);
        Assert.All(receivables, r => Assert.Contains(r.ContractNo, sentence, StringComparison.Ordinal));
        Assert.False(result.TryWriteExplanation(new char[512], out _));
        var buffer = new char[sentence.Length];
        Assert.True(result.TryWriteExplanation(buffer, out var written));
        Assert.Equal(sentence, new string(buffer, 0, written));
    }
}
