namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void HasMatchWork_AgreesWithTheSnapshotThroughImportMatchAndNewReceivables()
    {
        var store = MigratedStore();
        Assert.False(store.HasMatchWork());

        var (imported, _, _) = SamplesImported();
        Assert.True(imported.HasMatchWork());
        Assert.Equal(imported.LoadForMatching().HasWork, imported.HasMatchWork());

        Reconcile(imported);
        Assert.False(imported.HasMatchWork());
        Assert.False(imported.LoadForMatching().HasWork);

        // A new receivable while unmatched and suggested lines wait: they are retried.
        imported.SyncReceivables([.. SampleFiles.Receivables(), NewReceivable("ZZ-NEW-1", 10m)], "receivables.csv", Actor);
        Assert.True(imported.HasMatchWork());
        Assert.True(imported.LoadForMatching().HasWork);
    }

    [SkippableFact]
    public void RunAwaitingRules_IsTheLatestRunUntilTheRulesDecidedAfterIt()
    {
        var (store, _, _) = SamplesImported();
        Assert.Null(store.RunAwaitingRules());

        var (_, _, runId) = Reconcile(store);

        Assert.Equal(runId, store.RunAwaitingRules());
        Assert.Equal(runId, NewStore().RunAwaitingRules());
        store.RulesDecidedAfter(runId);
        Assert.Null(store.RunAwaitingRules());
        store.RulesDecidedAfter(runId - 1);
        Assert.Null(store.RunAwaitingRules());
        Assert.Equal(runId, Scalar<long>("SELECT value FROM ledger_state WHERE name = 'rules_after_run'"));
    }

    [SkippableFact]
    public void Health_ReportsSchemaLastImportAndLastRun()
    {
        Assert.Equal(0, NewStore().Health().SchemaVersion);
        var (store, _, b) = SamplesImported();
        var before = store.Health();
        Assert.Equal(LedgerStore.LatestSchemaVersion, before.SchemaVersion);
        Assert.Null(before.LastRunId);

        var (_, _, runId) = Reconcile(store);

        var after = store.Health();
        Assert.Equal(Scalar<string>("SELECT name FROM statement_file WHERE id = @Id", new { Id = b.FileId }), after.LastFile);
        Assert.Equal(runId, after.LastRunId);
        Assert.NotNull(after.LastRunAt);
    }
}
