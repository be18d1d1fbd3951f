using Reconciler.Storage.Erp;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    private const string AutoMatched = "B2601210001";   // 10,000.00 matched to KL26-004512 by the run

    [SkippableFact]
    public void Unmatch_ReceivableTheErpSaysIsPaid_StaysPaidWithItsOpenAmountBack()
    {
        // Arrange: the run paid KL26-004512; then the ERP says it is paid too.
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var receivable = SampleFiles.Receivables().Single(r => r.ContractNo == "KL26-004512");
        store.SyncErpReceivables([new ErpReceivable(receivable, ErpStatus.Paid, 2)], "erp", complete: false, Actor);
        Assert.Equal("paid", Scalar<string>("SELECT erp_status FROM receivable WHERE contract_no = 'KL26-004512'"));

        // Act: a reviewer undoes the bank line's allocation.
        store.Unmatch(LineId(AutoMatched), "li.wei", "wrong line");

        // Assert: the ERP knows of a payment the ledger does not: still paid, though the ledger's open amount is back.
        Assert.Equal((10_000m, 10_000m, LedgerStore.PaidStatus), ReceivableRow("KL26-004512"));
    }

    [SkippableFact]
    public void Unmatch_ReceivableOnlyTheLedgerPaid_IsOpenAgain()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        Assert.Equal(LedgerStore.PaidStatus, ReceivableRow("KL26-004512").Status);

        store.Unmatch(LineId(AutoMatched), "li.wei", "wrong line");

        Assert.Equal((10_000m, 10_000m, LedgerStore.OpenStatus), ReceivableRow("KL26-004512"));
        Assert.Null(Scalar<string?>("SELECT erp_status FROM receivable WHERE contract_no = 'KL26-004512'"));
    }

    [SkippableFact]
    public void SyncErpReceivables_StatusOpenThenPaid_KeepsWhatTheErpSaid()
    {
        var store = MigratedStore();
        var receivable = NewReceivable("KL26-009100", 1_000m);

        store.SyncErpReceivables([new ErpReceivable(receivable, ErpStatus.Open, 2)], "erp", complete: false, Actor);
        var open = Scalar<string>("SELECT erp_status FROM receivable WHERE contract_no = 'KL26-009100'");
        var second = store.SyncErpReceivables([new ErpReceivable(receivable, ErpStatus.Paid, 2)], "erp", complete: false, Actor);

        Assert.Equal(("open", "paid"), (open, Scalar<string>("SELECT erp_status FROM receivable WHERE contract_no = 'KL26-009100'")));
        Assert.Equal(1, second.Paid);
    }
}
