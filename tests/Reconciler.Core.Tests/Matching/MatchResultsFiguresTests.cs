using Reconciler.Domain;
using Reconciler.Matching;
using static Reconciler.Core.Tests.Matching.Build;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// A match to one receivable is kept as compact figures (whole numbers with their scales, the confidence in
/// thousandths) and built back into a result when read: the amounts, scales included, and the confidence come back
/// exactly, and figures that would not are kept as the result itself.
/// </summary>
public class MatchResultsFiguresTests
{
    [Theory]
    [InlineData("10000.00", "-12.50", 0.957)]
    [InlineData("10000", "0", 1.0)]
    [InlineData("0.0001", "-0.0001", 0.9)]
    [InlineData("12345678901234.5678", "-3", 0.0)]
    [InlineData("922337203685477.5807", "1", 0.5)]          // a whole number of 2^63 - 1
    [InlineData("922337203685477.5808", "1", 0.5)]          // 2^63: kept as the result
    [InlineData("79228162514264337593543950335", "1", 0.5)] // decimal.MaxValue: kept as the result
    [InlineData("500.00", "-0.00", 0.5)]                    // a negative zero: kept as the result
    [InlineData("500.00", "1.5", 0.12345)]                  // a confidence not in thousandths: kept as the result
    [InlineData("500.00", "1.5", 0.1 + 0.2)]                // 0.30000000000000004, not 0.3
    public void MatchedToOne_ReadBack_SameFiguresAndScales(string amountText, string differenceText, double confidence)
    {
        var amount = decimal.Parse(amountText, System.Globalization.CultureInfo.InvariantCulture);
        var difference = decimal.Parse(differenceText, System.Globalization.CultureInfo.InvariantCulture);
        var receivable = Receivable("KL26-004512", 10_000m);
        var lines = new[] { Line(10_000m, "KL26-004512") };
        var results = new MatchResults(lines, [receivable], new MatchExplainer(new MatchingOptions()));

        results.SetMatchedToOne(0, 0, amount, difference, confidence);
        var result = results[0];

        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.Equal(confidence, result.Confidence);
        Assert.Equal(confidence, results.Confidence(0));
        Assert.Equal(decimal.GetBits(difference), decimal.GetBits(result.Difference));
        var allocation = Assert.Single(result.Allocations);
        Assert.Same(receivable, allocation.Receivable);
        Assert.Equal(decimal.GetBits(amount), decimal.GetBits(allocation.Amount));
        Assert.Equal(amount, results.Summarize().Allocated("CNY"));
    }
}
