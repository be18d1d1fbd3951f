using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class ContractKeyTests
{
    [Theory]
    [InlineData("KL26-004512", "KL26004512")]
    [InlineData("kl26 004512", "KL26004512")]
    [InlineData("ＫＬ２６－００４５１２", "KL26004512")]
    [InlineData("HT2026/0458", "HT20260458")]
    [InlineData("  so_26.118734 ", "SO26118734")]
    [InlineData("", "")]
    [InlineData("合同", "")]
    public void Normalize_WrittenVariants_GiveOneKey(string written, string expected)
    {
        Assert.Equal(expected, ContractKey.Normalize(written));
    }
}
