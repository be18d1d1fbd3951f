using System.Data.Common;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    private static readonly int[] AllVersions = [.. Schema.Migrations.Select(m => m.Version).Order()];

    [SkippableFact]
    public void Migrate_NewDatabase_AppliesEveryMigrationOnceAndRecordsIt()
    {
        var store = NewStore();
        Assert.Equal(0, store.SchemaVersion());

        var applied = store.Migrate();

        Assert.Equal(AllVersions, applied);
        Assert.Equal(AllVersions[^1], store.SchemaVersion());
        Assert.Equal(AllVersions, Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(0L, Scalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'"));
    }

    [SkippableFact]
    public void Migrate_AgainOnCurrentSchema_AppliesNothingAndChangesNoRow()
    {
        MigratedStore();
        var before = Contents();

        var applied = NewStore().Migrate();

        Assert.Empty(applied);
        Assert.Equal(AllVersions[^1], NewStore().SchemaVersion());
        Assert.Equal(AllVersions.Length, before.Rows("schema_version"));
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void Migrate_NextMigrationFailsHalfWay_LeavesNoTraceOfItAndApplyingItAgainSucceeds()
    {
        var store = MigratedStore();
        var dialect = SqlDialect.For(Database.Provider);
        var next = AllVersions[^1] + 1;
        var broken = new Migration(next, "probe", [
            "CREATE TABLE probe (id {id}, name {str:20} NOT NULL)",
            "INSERT INTO probe (name) VALUES ('first')",
            "INSERT INTO no_such_table (name) VALUES ('second')",
        ]);
        var before = Contents();

        using (var connection = store.Open())
        {
            Assert.ThrowsAny<DbException>(() => Migrator.Migrate(connection, dialect, Clock, [.. Schema.Migrations, broken]));
        }

        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.DoesNotContain("probe", Contents().Tables);
        Assert.Equal(AllVersions[^1], store.SchemaVersion());
        using (var connection = store.Open())
        {
            Assert.Equal([next], Migrator.Migrate(connection, dialect, Clock, [.. Schema.Migrations, broken with { Statements = broken.Statements.Take(2).ToList() }]));
        }

        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM probe"));
        Assert.Equal(next, store.SchemaVersion());
    }

    [SkippableFact]
    public async Task Migrate_ConcurrentCallsOnNewDatabase_AllSucceedAndEachVersionIsAppliedOnce()
    {
        const int Writers = 4;
        _ = Database;
        var stores = Enumerable.Range(0, Writers).Select(_ => NewStore()).ToList();
        using var start = new Barrier(Writers);

        var results = await Task.WhenAll(stores.Select(store => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return store.Migrate();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(AllVersions, results.SelectMany(applied => applied).Order());
        Assert.Equal(AllVersions, Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(AllVersions[^1], NewStore().SchemaVersion());
    }
}
