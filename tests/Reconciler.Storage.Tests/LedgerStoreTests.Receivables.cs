using Reconciler.Domain;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SyncReceivables_NewReceivables_AddsThemOpenWithTheirCustomers()
    {
        var store = MigratedStore();
        var receivables = SampleFiles.Receivables();

        var sync = store.SyncReceivables(receivables, "receivables.csv", Actor);

        Assert.Equal((receivables.Count, 0, 0, 1L), (sync.Added, sync.Updated, sync.Unchanged, sync.Version));
        Assert.Equal(receivables.Count, Scalar<int>("SELECT COUNT(*) FROM receivable WHERE open_amount = amount AND status = 'open'"));
        Assert.Equal(receivables.Select(r => r.CustomerId).Distinct().Count(), Scalar<int>("SELECT COUNT(*) FROM customer"));
        Assert.Equal((56_000m, 56_000m, LedgerStore.OpenStatus), ReceivableRow("HT2026/0458"));
        var snapshot = store.LoadForMatching();
        Assert.Equal(receivables.Select(r => (r.ContractNo, r.Amount)), snapshot.Receivables.Select(r => (r.ContractNo, r.Amount)));
        Assert.Equal(1L, snapshot.ReceivablesVersion);
    }

    [SkippableFact]
    public void SyncReceivables_SameReceivablesAgain_ChangesNothing()
    {
        var store = MigratedStore();
        var receivables = SampleFiles.Receivables();
        store.SyncReceivables(receivables, "receivables.csv", Actor);
        var before = Contents();

        var again = NewStore().SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);

        Assert.Equal((0, 0, receivables.Count, 1L), (again.Added, again.Updated, again.Unchanged, again.Version));
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(1, before.Rows("audit_log"));
    }

    [SkippableFact]
    public void SyncReceivables_AmountChangedAfterAnInstallment_OpenAmountIsNewAmountLessAllocated()
    {
        var (store, receivables, firstInstallment) = FirstInstallmentReconciled();
        Assert.Equal((56_000m, 26_000m, LedgerStore.OpenStatus), ReceivableRow("HT2026/0458"));
        var audits = Scalar<int>("SELECT COUNT(*) FROM audit_log");

        var changed = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = 60_000m } : r).ToList();
        var sync = store.SyncReceivables(changed, "receivables.csv", Actor);

        Assert.Equal((0, 1, receivables.Count - 1, 2L), (sync.Added, sync.Updated, sync.Unchanged, sync.Version));
        Assert.Equal((60_000m, 30_000m, LedgerStore.OpenStatus), ReceivableRow("HT2026/0458"));
        Assert.Equal(30_000m, Applied("HT2026/0458"));
        Assert.Equal(audits + 2, Scalar<int>("SELECT COUNT(*) FROM audit_log"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'receivable'"));
        Assert.Equal(30_000m, Assert.Single(store.LoadForMatching().Receivables, r => r.ContractNo == "HT2026/0458").Amount);
    }

    [SkippableFact]
    public void SyncReceivables_AmountLoweredBelowWhatIsAllocated_KeepsTheAllocationsReportsItAndRaisesAnException()
    {
        // Arrange: 30,000.00 of HT2026/0458 (56,000.00) paid and allocated; the file now says 20,000.00.
        var (store, receivables, _) = FirstInstallmentReconciled();
        var line = Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2601260004'");
        var changed = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = 20_000m, SourceRow = ("receivables.csv", 7) } : r).ToList();

        // Act
        var sync = store.SyncReceivables(changed, "receivables.csv", Actor);
        var again = NewStore().SyncReceivables(changed, "receivables.csv", Actor);

        // Assert: reported once, with where, what and how much (the same amount again is the same lowering, said
        // before); allocations kept, nothing open; one exception.
        var lowered = Assert.Single(sync.Lowered);
        Assert.Equal(("receivables.csv", 7, "HT2026/0458", "CNY", 20_000m, 30_000m, (long?)line), (lowered.Source, lowered.Row, lowered.ContractNo, lowered.Currency, lowered.NewAmount, lowered.Allocated, lowered.LineId));
        Assert.Empty(again.Lowered);
        Assert.Same(new ReceivableSync(0, 0, 0, 0).Lowered, again.Lowered);
        Assert.Equal((30_000m, 0m, LedgerStore.PaidStatus), ReceivableRow("HT2026/0458"));
        Assert.Equal(30_000m, Applied("HT2026/0458"));
        Assert.Equal(
            [(line, "ReceivableLowered", 100_000_000L)],
            Query<(long, string, long)>("SELECT line_id, kind, amount FROM match_exception WHERE resolved_at IS NULL AND kind = 'ReceivableLowered'"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'lowered' AND entity = 'receivable'"));
        var fact = Assert.Single(store.LoadRuleFacts(new DateOnly(2026, 3, 1), 6).Exceptions, e => e.Kind == ExceptionKind.ReceivableLowered);
        Assert.Equal((line, "HT2026/0458", 10_000m), (fact.LineId, fact.Concern.ContractNo, fact.Difference));
    }
}
