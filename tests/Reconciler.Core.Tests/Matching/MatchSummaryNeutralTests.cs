using Reconciler.Domain;
using Reconciler.Matching;
using static Reconciler.Core.Tests.Matching.Build;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// Lines the bank marks as neither money in nor money out are ignored with the debits, but their amounts are kept
/// apart: added to the debits' signed amounts they would make the sum mean nothing.
/// </summary>
public class MatchSummaryNeutralTests
{
    [Fact]
    public void Summary_DebitsAndNeutralLines_IgnoredAmountIsTheDebitsNeutralAmountApart()
    {
        StatementLine[] lines =
        [
            Line(-100m, "card payment", row: 2),
            Line(30m, "to own savings", row: 3) with { Neutral = true },
            Line(-0.5m, "fee", row: 4, currency: "EUR"),
            Line(12m, "refund between own accounts", row: 5, currency: "EUR") with { Neutral = true },
            Line(50m, "no reference", row: 6),
        ];

        var run = Matcher.Match(lines, ReceivableIndex.Build([Receivable("KL26-004512", 10_000m)]), new MatchingOptions());

        foreach (var summary in new[] { run.Summary, MatchSummary.Of(run.Results.ToList()) })
        {
            Assert.Equal(4, summary.Count(MatchStatus.Ignored));
            Assert.Equal(5, summary.Lines);
            Assert.Equal(2, summary.NeutralLines);
            Assert.Equal(-100m, summary.Amount(MatchStatus.Ignored, "CNY"));
            Assert.Equal(-0.5m, summary.Amount(MatchStatus.Ignored, "EUR"));
            Assert.Equal(30m, summary.NeutralAmount("CNY"));
            Assert.Equal(12m, summary.NeutralAmount("EUR"));
            Assert.Equal(0m, summary.NeutralAmount("USD"));
        }
    }

    [Fact]
    public void Summary_LinesTheBankHasNotBooked_KeptApartFromTheDebitsAndTheNeutralLines()
    {
        StatementLine[] lines =
        [
            Line(-100m, "card payment", row: 2),
            Line(30m, "to own savings", row: 3) with { Neutral = true },
            Line(-50m, "card payment, closed", row: 4) with { Neutral = true, NotBooked = "交易关闭" },
            Line(500m, "KL26-004512 pending", row: 5) with { Neutral = true, NotBooked = "pending" },
        ];

        var run = Matcher.Match(lines, ReceivableIndex.Build([Receivable("KL26-004512", 500m)]), new MatchingOptions());

        // Both ways of summing (from the kept figures, and from result objects) agree.
        foreach (var summary in new[] { run.Summary, MatchSummary.Of(run.Results.ToList()) })
        {
            Assert.Equal(4, summary.Count(MatchStatus.Ignored));
            Assert.Equal((1, 30m), (summary.NeutralLines, summary.NeutralAmount("CNY")));
            Assert.Equal((2, 450m), (summary.NotBookedLines, summary.NotBookedAmount("CNY")));
            Assert.Equal(-100m, summary.Amount(MatchStatus.Ignored, "CNY"));
            Assert.Equal(0, summary.Payments);
        }
    }
}
