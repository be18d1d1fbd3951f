namespace Reconciler.Storage.Tests;

/// <summary>
/// A receivable its source lowered below what payments paid: a sync that gives the same lowered amount again neither
/// reports, audits nor re-opens it, unless the line that now pays it holds no exception for it.
/// </summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SyncReceivables_SameLoweredAmountAfterTheLastLineWasUnmatched_RaisesItOnTheLineStillPaying()
    {
        // Arrange: HT2026/0458 (56,000.00) paid by two lines of 30,000.00 and 26,000.00, lowered to 20,000.00: the
        // exception is on the line matched last; a person undoes that one, 30,000.00 paid stays above 20,000.00.
        var store = MigratedStore();
        var receivables = SampleFiles.Receivables();
        store.SyncReceivables(receivables, "receivables.csv", Actor);
        var first = SampleFiles.StatementA().Lines.Single(l => l.BankRef == "B2601260004");
        Import(store, SampleStatement.Of("installment-1.csv", first));
        Reconcile(store);
        Import(store, SampleStatement.Of("installment-2.csv", first with { BankRef = "B2602260099", Date = new DateOnly(2026, 2, 26), Amount = 26_000m }));
        Reconcile(store);
        Assert.Equal((56_000m, 0m, LedgerStore.PaidStatus), ReceivableRow("HT2026/0458"));
        var lowered = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = 20_000m } : r).ToList();
        var raised = Assert.Single(store.SyncReceivables(lowered, "receivables.csv", Actor).Lowered);
        var second = Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2602260099'");
        Assert.Equal(second, raised.LineId);
        store.Unmatch(second, "li.wei", "not this contract");

        // Act
        var again = NewStore().SyncReceivables(lowered, "receivables.csv", Actor);

        // Assert: the excess that is left (10,000.00) is a new exception, on the line that still pays it.
        var firstLine = Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2601260004'");
        Assert.Equal((firstLine, 30_000m), (Assert.Single(again.Lowered).LineId, again.Lowered[0].Allocated));
        Assert.Equal(
            [(firstLine, 100_000_000L)],
            Query<(long, long)>("SELECT line_id, amount FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }
}
