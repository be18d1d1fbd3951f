using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Tests.Watch;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("payer account 6222020000123456 unknown", "payer account ****3456 unknown")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00", "IBAN DE****3000")]
    [InlineData("row 14, column amount: \"12,3x\"", "row 14, column amount: \"12,3x\"")]
    [InlineData("contract KL26-004520 on 2026-03-02", "contract KL26-004520 on 2026-03-02")]
    [InlineData(null, "")]
    public void Mask_KeepsOnlyTheLastFourDigitsOfLongNumbers(string? text, string expected) =>
        Assert.Equal(expected, LogText.Mask(text));
}
