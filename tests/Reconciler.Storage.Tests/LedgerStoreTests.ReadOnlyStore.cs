namespace Reconciler.Storage.Tests;

/// <summary>A store that only reads (<see cref="LedgerStore.ReadOnly"/>): its reads work, a write fails, on every provider.</summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void ReadOnly_AnOperationThatWrites_FailsAndTheLedgerIsUnchanged()
    {
        // Arrange
        MigratedStore();
        var contents = Contents().Describe();
        var store = LedgerStore.ReadOnly(Database.Location, Clock);

        // Act
        var refused = Record.Exception(() => store.Audit("li.wei", "note", "statement_line", "1", null, null, "written by a read-only store"));

        // Assert: reads work, the write failed, nothing was written.
        Assert.NotNull(refused);
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE actor = 'li.wei'"));
        Assert.Equal(contents, Contents().Describe());
        Assert.Equal(LedgerStore.LatestSchemaVersion, store.SchemaVersion());
        Assert.Empty(store.ListForReview(null));
    }

    [SkippableFact]
    public void ReadOnly_ATransactionsQueries_ReadOneSnapshotWhileAnotherWriterCommits()
    {
        // Arrange: a report or a list reads in several queries; a run that commits between two of them must not show.
        MigratedStore();
        var store = LedgerStore.ReadOnly(Database.Location, Clock);
        using var connection = store.Open();
        using var transaction = store.Begin(connection);
        const string Count = "SELECT COUNT(*) FROM audit_log WHERE actor = 'li.wei'";
        var before = Dapper.SqlMapper.ExecuteScalar<long>(connection, Count, transaction: transaction);

        // Act: another store writes and commits.
        new LedgerStore(Database.Location, Clock).Audit("li.wei", "note", "statement_line", "1", null, null, "committed meanwhile");
        var during = Dapper.SqlMapper.ExecuteScalar<long>(connection, Count, transaction: transaction);
        transaction.Commit();

        // Assert: the same snapshot throughout the transaction; the write is there after it.
        Assert.Equal(before, during);
        Assert.Equal(before + 1, Scalar<long>(Count));
    }

    [SkippableFact]
    public void ReadOnly_TheReadsOfTheReadOnlyCommands_Work()
    {
        // Arrange: a ledger with lines, receivables and a run.
        var (_, _, _) = LoweredBelowWhatWasPaid();
        var store = LedgerStore.ReadOnly(Database.Location, Clock);

        // Act / Assert: what review list, alerts list, credit-holds list, rules test, report and export read.
        Assert.NotNull(store.ListForReview("matched"));
        Assert.NotNull(store.ListAlerts(null));
        Assert.NotNull(store.ListCreditHolds(includeReleased: true));
        Assert.NotEmpty(store.LoadRuleFacts(new DateOnly(2026, 3, 1), 3).Exceptions);
        Assert.NotEmpty(store.ReportLines(ReportPeriod.All).ToList());
        Assert.NotNull(store.ReportCandidates(ReportPeriod.All));
        Assert.NotEmpty(store.ReportOpenReceivables().ToList());
        Assert.NotNull(store.ReportAlerts(ReportPeriod.All).ToList());
        Assert.NotNull(store.ReportSummary(ReportPeriod.All));
    }
}
