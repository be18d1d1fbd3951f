namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SyncReceivables_StoredReceivableListedTwice_EachRowFollowedInOrderAndTheLaterWins()
    {
        // Arrange
        var store = MigratedStore();
        store.SyncReceivables([NewReceivable("KL26-100", 100m), NewReceivable("KL26-200", 50m)], "receivables.csv", Actor);

        // Act: KL26-100 listed twice (200, then 100 again), KL26-200 as stored, KL26-300 new.
        var sync = store.SyncReceivables(
            [NewReceivable("KL26-100", 200m), NewReceivable("KL26-200", 50m), NewReceivable("KL26-100", 100m), NewReceivable("KL26-300", 10m)],
            "receivables.csv",
            Actor);

        // Assert: two updates of KL26-100 (to 200, then back to 100), each audited; KL26-200 unchanged.
        Assert.Equal((1, 2, 1, 2L), (sync.Added, sync.Updated, sync.Unchanged, sync.Version));
        Assert.Equal((100m, 100m, LedgerStore.OpenStatus), ReceivableRow("KL26-100"));
        Assert.Equal((50m, 50m, LedgerStore.OpenStatus), ReceivableRow("KL26-200"));
        Assert.Equal((10m, 10m, LedgerStore.OpenStatus), ReceivableRow("KL26-300"));
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'receivable'"));
    }

    [SkippableFact]
    public void SyncReceivables_OneChangedAmongUnchanged_OnlyItIsWrittenAndTheVersionMoves()
    {
        // Arrange
        var store = MigratedStore();
        var receivables = SampleFiles.Receivables();
        store.SyncReceivables(receivables, "receivables.csv", Actor);
        var changed = receivables[3] with { DueDate = receivables[3].DueDate.AddDays(30) };

        // Act
        var sync = store.SyncReceivables([.. receivables.Take(3), changed, .. receivables.Skip(4)], "receivables.csv", Actor);

        // Assert
        Assert.Equal((0, 1, receivables.Count - 1, 2L), (sync.Added, sync.Updated, sync.Unchanged, sync.Version));
        Assert.Equal(
            LedgerStore.Day(changed.DueDate),
            Scalar<string>("SELECT due_date FROM receivable WHERE contract_no = @ContractNo AND customer_id = @CustomerId", new { changed.ContractNo, changed.CustomerId }));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'receivable'"));
    }
}
