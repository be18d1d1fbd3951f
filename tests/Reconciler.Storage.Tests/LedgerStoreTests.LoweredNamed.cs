namespace Reconciler.Storage.Tests;

/// <summary><c>review confirm LINE RECEIVABLE…</c> on a line with a lowered receivable: every receivable named must be one of its lowered ones.</summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void Confirm_NamesALoweredReceivableAndOneThatIsNotLoweredOnTheLine_RefusedAndNothingChanged()
    {
        // Arrange: line B2601260004 holds HT2026/0458's lowered exception; KL26-004520 is another customer's contract.
        var (_, _, line) = LoweredBelowWhatWasPaid();
        var contents = Contents().Describe();

        // Act
        var refused = Assert.Throws<ReviewException>(() => NewStore().Confirm(line, ["HT2026/0458", "KL26-004520"], "finance.anna", null));

        // Assert: the contract named wrongly is said; nothing acknowledged.
        Assert.Contains("KL26-004520", refused.Message, StringComparison.Ordinal);
        Assert.Equal(contents, Contents().Describe());
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }

    [SkippableFact]
    public void Confirm_NamesOnlyAReceivableThatIsNotLoweredOnTheLine_RefusedNamingTheLoweredOne()
    {
        // Arrange
        var (_, _, line) = LoweredBelowWhatWasPaid();
        var contents = Contents().Describe();

        // Act
        var refused = Assert.Throws<ReviewException>(() => NewStore().Confirm(line, ["KL26-004520"], "finance.anna", null));

        // Assert: not "only a suggested line's candidates can be confirmed": the line's lowered receivable is named.
        Assert.Contains("KL26-004520", refused.Message, StringComparison.Ordinal);
        Assert.Contains("HT2026/0458", refused.Message, StringComparison.Ordinal);
        Assert.Equal(contents, Contents().Describe());
    }
}
