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
    public void TakeRunForRules_GivesEachMatchRunOnce()
    {
        var (store, _, _) = SamplesImported();
        Assert.Null(store.TakeRunForRules());

        var (_, _, runId) = Reconcile(store);

        Assert.Equal(runId, store.TakeRunForRules());
        Assert.Null(store.TakeRunForRules());
        Assert.Null(NewStore().TakeRunForRules());
    }

    [SkippableFact]
    public void TakeRunForRules_TwoWorkersAtOnce_OnlyOneGetsTheRun()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var taken = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => NewStore().TakeRunForRules())
            .ToList();

        Assert.Single(taken, t => t is not null);
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
