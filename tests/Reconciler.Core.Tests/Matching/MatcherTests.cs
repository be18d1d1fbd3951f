using Reconciler.Domain;
using Reconciler.Matching;
using static Reconciler.Core.Tests.Matching.Build;

namespace Reconciler.Core.Tests.Matching;

public class MatcherTests
{
    private static readonly MatchingOptions Defaults = new();

    private static MatchRun Run(IReadOnlyList<Receivable> receivables, params StatementLine[] lines) =>
        Matcher.Match(lines, ReceivableIndex.Build(receivables), Defaults);

    private static MatchResult Single(IReadOnlyList<Receivable> receivables, StatementLine line) => Run(receivables, line).Results[0];

    private static void AssertSame(MatchResult expected, MatchResult actual)
    {
        Assert.Equal(expected with { Allocations = [] }, actual with { Allocations = [] });
        Assert.Equal(expected.Allocations, actual.Allocations);
    }

    [Fact]
    public void Match_ExactReferenceAmountAndWindow_Matched()
    {
        var receivable = Receivable("KL26-004512", 10_000m);

        var result = Single([receivable], Line(10_000m, "货款 KL26-004512"));

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal("reference-amount-window", result.Rule);
        Assert.Equal([new Allocation(receivable, 10_000m)], result.Allocations);
        Assert.Equal(0m, result.Difference);
        Assert.Equal(1.0, result.Confidence);
        Assert.Equal(ExceptionKind.None, result.Exception);
        Assert.Equal("contract KL26-004512 in memo; 10,000.00 vs open 10,000.00 (0.00%, within ±3%); paid 2026-01-20, window 2025-12-06…2026-05-05", result.Explanation);
    }

    [Fact]
    public void Match_DatesAtTheEndsOfTheCalendar_WindowKeptWithinIt()
    {
        // ERPs write 9999-12-31 for "no due date"; the window's ends are the calendar's, not an overflow.
        var receivable = Receivable("KL26-004512", 10_000m, issue: "0001-01-01", due: "9999-12-31");

        var result = Single([receivable], Line(10_000m, "KL26-004512"));

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.EndsWith("window 0001-01-01…9999-12-31", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kl26-004512")]
    [InlineData("KL26004512")]
    [InlineData("KL26 004512 payment")]
    [InlineData("ＫＬ２６－００４５１２")]
    [InlineData("付KL26-004512货款")]
    [InlineData("ref:KL26-004512;")]
    [InlineData("INV#KL26/004512")]
    public void Match_ReferenceWrittenDifferently_Matched(string memo)
    {
        var result = Single([Receivable("KL26-004512", 10_000m)], Line(10_000m, memo));

        Assert.Equal(MatchStatus.Matched, result.Status);
    }

    [Theory]
    [InlineData("KL26-0045123")]
    [InlineData("XKL26004512")]
    [InlineData("KL26004512A")]
    public void Match_KeyInsideLongerRun_NotFound(string memo)
    {
        var result = Single([Receivable("KL26-004512", 10_000m)], Line(10_000m, memo, payer: "Someone Else"));

        Assert.NotEqual(MatchStatus.Matched, result.Status);
    }

    [Fact]
    public void Match_BankFeeWithinTolerance_MatchedAndSettled()
    {
        var receivable = Receivable("KL26-004512", 10_000m);

        var run = Run([receivable], Line(9_950m, "KL26-004512"));

        var result = run.Results[0];
        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(-50m, result.Difference);
        Assert.Equal(9_950m, result.Allocations[0].Amount);
        Assert.Equal(0m, run.OpenAmounts[0]);
        Assert.Contains("9,950.00 vs open 10,000.00 (-0.50%, within ±3%)", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_ToleranceCap_LimitsTolerance()
    {
        var options = new MatchingOptions { ToleranceCap = 100m };

        var result = Matcher.Match([Line(99_950m, "KL26-004512"), Line(99_000m, "KL26-004513", row: 3)],
            ReceivableIndex.Build([Receivable("KL26-004512", 100_000m), Receivable("KL26-004513", 100_000m)]), options).Results;

        Assert.Equal(MatchStatus.Matched, result[0].Status);
        Assert.Equal(MatchStatus.Partial, result[1].Status);
        Assert.Equal(ExceptionKind.AmountShort, result[1].Exception);
    }

    [Fact]
    public void Match_SeveralReferencesSummingToPayment_MatchedToAll()
    {
        var a = Receivable("KL26-000101", 5_000m);
        var b = Receivable("KL26-000202", 3_000m);

        var result = Single([a, b], Line(7_990m, "KL26-000101 KL26-000202 货款"));

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal("references-sum", result.Rule);
        Assert.Equal([a, b], result.Allocations.Select(x => x.Receivable));
        Assert.Equal(7_990m, result.Allocations.Sum(x => x.Amount));
        Assert.All(result.Allocations, x => Assert.True(x.Amount <= x.Receivable.Amount));
    }

    [Fact]
    public void Match_Installments_PartialThenMatched_InAnyInputOrder()
    {
        var receivable = Receivable("KL26-004512", 10_000m);
        var first = Line(4_000m, "KL26-004512 1st", date: "2026-01-10", bankRef: "B1", row: 2);
        var last = Line(6_000m, "KL26-004512 2nd", date: "2026-02-01", bankRef: "B2", row: 3);

        var forward = Run([receivable], first, last);
        var backward = Run([receivable], last, first);

        Assert.Equal(MatchStatus.Partial, forward.Results[0].Status);
        Assert.Equal(ExceptionKind.PartialPayment, forward.Results[0].Exception);
        Assert.Equal(MatchStatus.Matched, forward.Results[1].Status);
        Assert.Equal(0m, forward.OpenAmounts[0]);
        AssertSame(forward.Results[0], backward.Results[1]);
        AssertSame(forward.Results[1], backward.Results[0]);
    }

    [Fact]
    public void Match_ShortBeyondTolerance_PartialWithShortException()
    {
        var run = Run([Receivable("KL26-004512", 10_000m)], Line(8_500m, "KL26-004512"));

        var result = run.Results[0];
        Assert.Equal(MatchStatus.Partial, result.Status);
        Assert.Equal(ExceptionKind.AmountShort, result.Exception);
        Assert.Equal(1_500m, run.OpenAmounts[0]);
        Assert.Contains("applied as a short payment, 1,500.00 stays open", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_PartialPaymentsNotAllowed_Suggested()
    {
        var options = new MatchingOptions { AllowPartialPayments = false };

        var run = Matcher.Match([Line(4_000m, "KL26-004512")], ReceivableIndex.Build([Receivable("KL26-004512", 10_000m)]), options);

        Assert.Equal(MatchStatus.Suggested, run.Results[0].Status);
        Assert.Equal(10_000m, run.OpenAmounts[0]);
    }

    [Fact]
    public void Match_OverBeyondTolerance_SuggestedNothingAllocated()
    {
        var run = Run([Receivable("KL26-004512", 10_000m)], Line(12_000m, "KL26-004512"));

        var result = run.Results[0];
        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Equal(ExceptionKind.AmountOver, result.Exception);
        Assert.Equal("reference-over", result.Rule);
        Assert.Equal(10_000m, run.OpenAmounts[0]);
        Assert.Equal(2_000m, result.Difference);
    }

    [Theory]
    [InlineData("2026-09-01")]
    [InlineData("2025-10-01")]
    public void Match_OutsideWindow_Suggested(string date)
    {
        var run = Run([Receivable("KL26-004512", 10_000m)], Line(10_000m, "KL26-004512", date: date));

        Assert.Equal(MatchStatus.Suggested, run.Results[0].Status);
        Assert.Equal(ExceptionKind.DateOutOfWindow, run.Results[0].Exception);
        Assert.Contains("outside the window 2025-12-06…2026-05-05", run.Results[0].Explanation, StringComparison.Ordinal);
        Assert.Equal(10_000m, run.OpenAmounts[0]);
    }

    [Fact]
    public void Match_TypoInReference_SuggestedWithRealContractFirst()
    {
        var real = Receivable("KL26-004512", 10_000m);
        var neighbour = Receivable("KL26-004513", 7_000m, customer: "C002", name: "Other Co");

        var result = Single([real, neighbour], Line(10_000m, "payment KL26-00451"));

        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Equal(real, result.Allocations[0].Receivable);
        Assert.Contains("\"KL2600451\" is one edit from KL26-004512", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_NoReferenceSamePayerAmountFits_Suggested()
    {
        var receivable = Receivable("KL26-004512", 10_000m, name: "上海瑞康医疗器械有限公司");

        var result = Single([receivable, Receivable("KL26-009999", 3_000m, name: "上海瑞康医疗器械有限公司")],
            Line(10_000m, "货款", payer: "上海瑞康医疗器械"));

        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Equal("payer-amount", result.Rule);
        Assert.Equal(ExceptionKind.NoReference, result.Exception);
        Assert.Equal([receivable], result.Allocations.Select(a => a.Receivable));
    }

    [Fact]
    public void Match_TwoIdenticalOpenAmounts_SuggestedBothAmbiguous()
    {
        var a = Receivable("KL26-000101", 5_000m, due: "2026-02-01");
        var b = Receivable("KL26-000202", 5_000m, due: "2026-02-01");

        var result = Single([a, b], Line(5_000m, "payment"));

        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Equal(ExceptionKind.Ambiguous, result.Exception);
        Assert.Equal([a, b], result.Allocations.Select(x => x.Receivable));
    }

    [Fact]
    public void Match_UnrelatedIncome_Unmatched()
    {
        var result = Single([Receivable("KL26-004512", 10_000m)], Line(12.34m, "利息收入 INTEREST", payer: "中国工商银行"));

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Equal(ExceptionKind.NoReference, result.Exception);
        Assert.Contains("is not a known customer", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_UnknownContractShape_UnmatchedUnknownContract()
    {
        var result = Single([Receivable("KL26-004512", 10_000m)], Line(500m, "contract ZZ99-123456", payer: "Nobody"));

        Assert.Equal(MatchStatus.Unmatched, result.Status);
        Assert.Equal(ExceptionKind.UnknownContract, result.Exception);
    }

    [Theory]
    [InlineData(-500, "debit")]
    [InlineData(0, "zero-amount")]
    public void Match_DebitOrZero_Ignored(int amount, string rule)
    {
        var result = Single([Receivable("KL26-004512", 500m)], Line(amount, "KL26-004512"));

        Assert.Equal(MatchStatus.Ignored, result.Status);
        Assert.Equal(rule, result.Rule);
    }

    [Fact]
    public void Match_LineTheBankHasNotBooked_IgnoredSayingItsStatus()
    {
        var pending = Line(500m, "KL26-004512") with { NotBooked = "Autorizzato", Neutral = true };

        var result = Single([Receivable("KL26-004512", 500m)], pending);

        Assert.Equal((MatchStatus.Ignored, "not-booked"), (result.Status, result.Rule));
        Assert.Empty(result.Allocations);
        Assert.Equal(
            "the bank has not booked 500.00 (its status is \"Autorizzato\"): no money moved, so it is not matched (if the bank books it later, that line is matched on its own)",
            result.Explanation);
    }

    [Fact]
    public void Match_PendingLineThenTheSameBooked_BookedOneMatchedNotDuplicate()
    {
        // An older export shows the payment pending; a later one, overlapping it, shows it booked.
        var pending = Line(10_000m, "KL26-004512", bankRef: "B77", file: "statement-a.csv", row: 9) with { NotBooked = "pending", Neutral = true };
        var booked = pending with { File = "statement-b.csv", Row = 2, NotBooked = null, Neutral = false };
        var pendingAgain = pending with { File = "statement-c.csv", Row = 4 };

        var run = Run([Receivable("KL26-004512", 10_000m)], pending, booked, pendingAgain);

        Assert.Equal(
            [MatchStatus.Ignored, MatchStatus.Matched, MatchStatus.Duplicate],
            run.Results.Select(r => r.Status));
        Assert.Equal(pending, run.Results[2].DuplicateOf); // the same pending line in two exports is still one line
    }

    [Fact]
    public void Match_SameLineInTwoExports_LaterFileIsDuplicate()
    {
        var inA = Line(10_000m, "KL26-004512", bankRef: "B77", file: "statement-a.csv", row: 9);
        var inB = inA with { File = "statement-b.csv", Row = 2 };

        var forward = Run([Receivable("KL26-004512", 10_000m)], inB, inA);

        Assert.Equal(MatchStatus.Duplicate, forward.Results[0].Status);
        Assert.Equal(inA, forward.Results[0].DuplicateOf);
        Assert.Equal("same bank line as statement-a.csv row 9 (bank ref B77)", forward.Results[0].Explanation);
        Assert.Equal(MatchStatus.Matched, forward.Results[1].Status);
    }

    [Fact]
    public void Match_TwoIdenticalLinesInOneFile_BothCount()
    {
        var one = Line(5_000m, "KL26-000101", row: 2);
        var two = one with { Row = 3 };
        var copy = one with { File = "t.csv" };

        var run = Run([Receivable("KL26-000101", 10_000m)], one, two, copy);

        Assert.Equal(MatchStatus.Partial, run.Results[0].Status);
        Assert.Equal(MatchStatus.Matched, run.Results[1].Status);
        Assert.Equal(MatchStatus.Duplicate, run.Results[2].Status);
    }

    [Fact]
    public void Match_TwoFullPaymentsForOneReceivable_OneMatchedOtherSuggested()
    {
        var early = Line(10_000m, "KL26-004512", date: "2026-01-10", bankRef: "B1");
        var late = Line(10_000m, "KL26-004512", date: "2026-01-12", bankRef: "B2", row: 3);

        var run = Run([Receivable("KL26-004512", 10_000m)], late, early);

        Assert.Equal(MatchStatus.Suggested, run.Results[0].Status);
        Assert.Equal("reference-settled", run.Results[0].Rule);
        Assert.Equal(MatchStatus.Matched, run.Results[1].Status);
    }

    [Fact]
    public void Match_CurrencyDiffers_Suggested()
    {
        var result = Single([Receivable("KL26-004512", 10_000m, currency: "USD")], Line(10_000m, "KL26-004512"));

        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Equal(ExceptionKind.CurrencyMismatch, result.Exception);
    }

    [Fact]
    public void Match_LearnedPayerAccount_RecognisesCustomer()
    {
        var receivable = Receivable("KL26-004512", 10_000m, customer: "C042", name: "Different Legal Name");
        var index = ReceivableIndex.Build([receivable], [new PayerLink("6222-0000-1111-2222", "", "C042")]);

        var result = Matcher.Match([Line(10_000m, "goods", payer: "Some Trading Name")], index, Defaults).Results[0];

        Assert.Equal(MatchStatus.Suggested, result.Status);
        Assert.Contains("learned from confirmed matches", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_InvalidOptions_ThrowsNamingSetting()
    {
        var options = new MatchingOptions { TolerancePercent = -1, LateWindow = TimeSpan.FromHours(5) };

        var error = Assert.Throws<ArgumentException>(() => Matcher.Match([], ReceivableIndex.Build([]), options));

        Assert.Contains("TolerancePercent", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_ManyLinesCompeting_NeverAllocatesBeyondOpenAndIgnoresInputOrder()
    {
        var random = new Random(7);
        var receivables = Enumerable.Range(0, 40)
            .Select(i => Receivable($"KL26-{i:D6}", random.Next(1, 50) * 100m, customer: $"C{i % 5}", name: $"Customer {i % 5}"))
            .ToList();
        var lines = Enumerable.Range(0, 400).Select(i =>
        {
            var a = receivables[random.Next(receivables.Count)];
            var b = receivables[random.Next(receivables.Count)];
            var memo = random.Next(4) switch { 0 => a.ContractNo, 1 => $"{a.ContractNo} {b.ContractNo}", 2 => "payment", _ => a.ContractNo.ToLowerInvariant() };
            return Line(random.Next(1, 60) * 100m, memo, date: $"2026-01-{random.Next(1, 28):D2}", payer: $"Customer {random.Next(5)}", bankRef: $"B{i}", row: i + 2);
        }).ToList();

        var run = Run(receivables, [.. lines]);
        var shuffled = Run(receivables, [.. lines.OrderBy(_ => random.Next())]);

        var allocated = run.Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial)
            .SelectMany(r => r.Allocations).GroupBy(a => a.Receivable);
        Assert.All(allocated, g => Assert.True(g.Sum(a => a.Amount) <= g.Key.Amount, $"{g.Key.ContractNo} over-allocated"));
        var byRow = shuffled.Results.ToDictionary(r => r.Line.Row);
        Assert.All(run.Results, r => AssertSame(r, byRow[r.Line.Row]));
        Assert.Contains(run.Results, r => r.Status == MatchStatus.Matched);
        Assert.Contains(run.Results, r => r.Status == MatchStatus.Partial);
    }

    [Fact]
    public void Match_ContractNumberOnTwoCustomers_PayerDecidesOrSuggested()
    {
        var mine = Receivable("KL26-004512", 1_000m, customer: "C1", name: "Acme Medical Ltd");
        var theirs = Receivable("KL26-004512", 1_000m, customer: "C2", name: "Other Clinic");

        var byPayer = Run([theirs, mine], Line(1_000m, "KL26-004512"));
        var unknownPayer = Run([mine, theirs], Line(1_000m, "KL26-004512", payer: "Someone"));
        var unknownPayerReversed = Run([theirs, mine], Line(1_000m, "KL26-004512", payer: "Someone"));

        Assert.Equal(MatchStatus.Matched, byPayer.Results[0].Status);
        Assert.Same(mine, byPayer.Results[0].Allocations.Single().Receivable);
        Assert.Equal(MatchStatus.Suggested, unknownPayer.Results[0].Status);
        Assert.Equal(ExceptionKind.Ambiguous, unknownPayer.Results[0].Exception);
        Assert.Equal(["C1", "C2"], unknownPayer.Results[0].Allocations.Select(a => a.Receivable.CustomerId));
        AssertSame(unknownPayer.Results[0], unknownPayerReversed.Results[0]);
    }

    [Fact]
    public void Match_WordsAndNumberAcrossSpaces_NotAnUnknownContract()
    {
        var result = Single([Receivable("KL26-004512", 10_000m)], Line(500m, "Invoice 12 March", payer: "Nobody"));

        Assert.Equal(ExceptionKind.NoReference, result.Exception);
    }

    [Fact]
    public void Match_CombinedShortWithinTolerance_AllocatesEveryCent()
    {
        var a = Receivable("KL26-000101", 333.33m);
        var b = Receivable("KL26-000202", 333.33m);
        var c = Receivable("KL26-000303", 333.34m);

        var result = Single([a, b, c], Line(999.99m, "KL26-000101 KL26-000202 KL26-000303"));

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(999.99m, result.Allocations.Sum(x => x.Amount));
        Assert.All(result.Allocations, x => Assert.True(x.Amount <= x.Receivable.Amount));
    }

    [Theory]
    [InlineData("PO#2026-0458", "付款 PO#2026-0458")]
    [InlineData("PO#2026-0458", "PO 2026:0458")]
    [InlineData("HT2026/0458", "(HT2026.0458)")]
    public void Match_ReferenceWithPunctuationTheKeyDrops_Found(string contract, string memo)
    {
        var result = Single([Receivable(contract, 1_000m)], Line(1_000m, memo));

        Assert.Equal(MatchStatus.Matched, result.Status);
    }

    [Fact]
    public void Match_ReferencesListedWithCommas_EachFound()
    {
        var a = Receivable("KL26-000101", 5_000m);
        var b = Receivable("KL26-000202", 3_000m);

        var result = Single([a, b], Line(8_000m, "KL26-000101,KL26-000202"));

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal([a, b], result.Allocations.Select(x => x.Receivable));
    }
}
