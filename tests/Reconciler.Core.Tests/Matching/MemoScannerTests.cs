using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class MemoScannerTests
{
    [Theory]
    [InlineData("货款 ＨＴ－２０２６－００１２３ 付款")]              // full-width forms: folded as they are read
    [InlineData("Payment　for　ＫＬ２６ / 004512, thanks")]          // ideographic spaces between runs
    [InlineData("Zahlung Rechnung Nr. ＲＥ－2026－0042 für Müller")] // full-width beside a character NFKC changes
    [InlineData("① ＫＬ２６-00451 ﬁnal ｶﾌﾞｼｷ")]                       // compatibility forms: normalised first
    [InlineData("KL26-004512 plain ASCII")]
    public void Scan_AnyMemo_SameRunsAsScanningTheFoldedText(string memo)
    {
        var direct = new MemoScanner();
        var folded = new MemoScanner();

        direct.Scan(memo);
        folded.Scan(Text.FoldWidth(memo));

        Assert.Equal(folded.Chars.ToString(), direct.Chars.ToString());
        Assert.Equal(folded.RunCount, direct.RunCount);
        for (var run = 0; run < folded.RunCount; run++)
        {
            Assert.Equal(
                (folded.RunStart(run), folded.RunLength(run), folded.JoinsPrevious(run), folded.SpaceBefore(run)),
                (direct.RunStart(run), direct.RunLength(run), direct.JoinsPrevious(run), direct.SpaceBefore(run)));
        }

        Assert.True(direct.RunCount > 0);
    }

    [Fact]
    public void Scan_LongMemoAfterAShortOne_ForgetsTheFirstAndReadsAllOfTheSecond()
    {
        var scanner = new MemoScanner();
        scanner.Scan("Ａ１");
        var memo = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"ＫＬ{i:D4}"));

        scanner.Scan(memo);

        Assert.Equal(200, scanner.RunCount);
        Assert.Equal(string.Concat(Enumerable.Range(0, 200).Select(i => $"KL{i:D4}")), scanner.Chars.ToString());
    }
}
