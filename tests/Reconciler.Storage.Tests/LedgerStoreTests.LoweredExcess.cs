using Reconciler.Domain;

namespace Reconciler.Storage.Tests;

/// <summary>A lowered receivable paid by two lines, the one not holding the exception undone: the excess said and kept is what is left.</summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void Confirm_AfterTheOtherLinePayingTheLoweredReceivableWasUnmatched_SaysTheExcessThatIsLeft()
    {
        // Arrange: HT2026/0458 (56,000.00) paid by 30,000.00 and 26,000.00, lowered to 20,000.00: 36,000.00 over, raised
        // on the second line; a person undoes the first: 26,000.00 paid, 6,000.00 over.
        var (_, second, first) = PaidByTwoLinesThenLowered();
        NewStore().Unmatch(first, "li.wei", "not this contract");
        Assert.Equal((26_000m, 0m, LedgerStore.PaidStatus), ReceivableRow("HT2026/0458"));

        // Act
        var outcome = NewStore().Confirm(second, null, "finance.anna", null);

        // Assert: 26,000.00 paid against 20,000.00 in the source is an excess of 6,000.00, not 36,000.00.
        var acknowledged = Assert.Single(outcome.Acknowledged);
        Assert.Equal(((decimal?)20_000m, 26_000m, 6_000m), (acknowledged.SourceAmount, acknowledged.Paid, acknowledged.Excess));
        Assert.Contains("excess of 6,000.00 CNY", outcome.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void SyncReceivables_SameLoweredAmountAfterAcknowledgingThenUnmatchingTheOtherLine_NeitherReportsNorReopens()
    {
        // Arrange: acknowledged (36,000.00 over), then the first line undone (6,000.00 over); the file unchanged.
        var (receivables, second, first) = PaidByTwoLinesThenLowered();
        NewStore().Confirm(second, null, "finance.anna", "kept as a credit");
        NewStore().Unmatch(first, "li.wei", "not this contract");

        // Act
        var again = NewStore().SyncReceivables(receivables, "receivables.csv", Actor);

        // Assert: the same amount as the last sync: nothing said, nothing re-opened (README: once per lowering).
        Assert.Empty(again.Lowered);
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }

    [SkippableFact]
    public void Unmatch_TheOtherLineSoThatWhatIsPaidNoLongerExceedsTheSource_ResolvesTheHoldersExceptionAndSaysSo()
    {
        // Arrange: lowered to 30,000.00 with 56,000.00 paid (26,000.00 over, raised on the second line); undoing the
        // first line's 30,000.00 leaves 26,000.00 paid, within the source's 30,000.00: nothing is over-paid any more.
        var (receivables, second, first) = PaidByTwoLinesThenLowered(30_000m);

        // Act
        var outcome = NewStore().Unmatch(first, "li.wei", "not this contract");

        // Assert: the receivable is back at its source's amount with 4,000.00 open; the second line's exception is resolved.
        Assert.Equal((30_000m, 4_000m, "open"), ReceivableRow("HT2026/0458"));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Contains(
            $"contract HT2026/0458 is no longer paid beyond its source's amount: the over-payment exception on line {second} is resolved",
            outcome.Message,
            StringComparison.Ordinal);
        Assert.Empty(NewStore().SyncReceivables(receivables, "receivables.csv", Actor).Lowered);
    }

    [SkippableFact]
    public void Unmatch_TheOtherLineWithTheReceivableStillOverPaid_LeavesTheHoldersExceptionOpen()
    {
        // Lowered to 20,000.00: after the first line is undone 26,000.00 is paid, still 6,000.00 over.
        var (_, _, first) = PaidByTwoLinesThenLowered();

        var outcome = NewStore().Unmatch(first, "li.wei", "not this contract");

        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.DoesNotContain("no longer paid beyond", outcome.Message, StringComparison.Ordinal);
    }

    // HT2026/0458 (56,000.00) paid by B2601260004 (30,000.00) and B2602260099 (26,000.00), then lowered (to 20,000.00
    // unless given) by the file: the lowered list, the second line (holding the exception) and the first.
    private (List<Receivable> Lowered, long Second, long First) PaidByTwoLinesThenLowered(decimal loweredTo = 20_000m)
    {
        var (store, receivables, installment) = FirstInstallmentReconciled();
        Import(store, SampleStatement.Of("installment-2.csv", installment with { BankRef = "B2602260099", Date = new DateOnly(2026, 2, 26), Amount = 26_000m }));
        Reconcile(store);
        var lowered = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = loweredTo } : r).ToList();
        var raised = Assert.Single(store.SyncReceivables(lowered, "receivables.csv", Actor).Lowered);
        var second = Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2602260099'");
        Assert.Equal(second, raised.LineId);
        return (lowered, second, Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2601260004'"));
    }
}
