using Dapper;
using Reconciler.Domain;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>
/// A SQLite ledger that does not exist yet is built under a name of its own and put in place by one rename: until
/// then there is no ledger at its name, and a build that fails leaves nothing behind.
/// </summary>
public sealed class FreshLedgerTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private string LedgerPath => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_database.Location.ConnectionString).DataSource;

    private string BuildPath => LedgerPath + FreshLedger.BuildSuffix;

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Publish_BuiltLedger_InPlaceWholeInWalModeWithNothingLeftBeside()
    {
        // Arrange
        using var fresh = FreshLedger.TryStart(_database.Location)!;
        Assert.NotNull(fresh);
        fresh.Store.Migrate();
        fresh.Store.SyncReceivables([Receivable("K-1", 100m), Receivable("K-2", 250m)], "receivables.csv", "test");

        // Assert: nothing at the ledger's name while it is built, and the build keeps no journal.
        Assert.False(File.Exists(LedgerPath));
        using (var building = fresh.Store.Open())
        {
            Assert.Equal("off", building.ExecuteScalar<string>("PRAGMA journal_mode"));
        }

        // Act
        fresh.Publish();

        // Assert: the ledger is whole at its name, opens as any ledger (in WAL mode), and no build file is left.
        var store = new LedgerStore(_database.Location);
        Assert.Empty(store.Migrate());
        Assert.Equal(2, store.OpenByCurrency().Single().Receivables);
        using (var connection = _database.Open())
        {
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        }

        fresh.Dispose();
        Assert.False(File.Exists(BuildPath));
        Assert.True(File.Exists(LedgerPath));
    }

    [Fact]
    public void Dispose_BuildNotPublished_LeavesNoLedgerAndNoBuild()
    {
        // Arrange: a run that fails after writing (here: it stops before putting the ledger in place).
        var fresh = FreshLedger.TryStart(_database.Location)!;
        fresh.Store.Migrate();
        fresh.Store.SyncReceivables([Receivable("K-1", 100m)], "receivables.csv", "test");

        // Act
        fresh.Dispose();

        // Assert
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(LedgerPath)!));
    }

    [Fact]
    public void TryStart_LedgerExists_NoBuild()
    {
        // Arrange
        new LedgerStore(_database.Location).Migrate();

        // Act
        using var fresh = FreshLedger.TryStart(_database.Location);

        // Assert
        Assert.Null(fresh);
        Assert.False(File.Exists(BuildPath));
    }

    [Fact]
    public void TryStart_AnotherBuildUnderWay_NoSecondBuild()
    {
        // Arrange
        using var first = FreshLedger.TryStart(_database.Location)!;
        first.Store.Migrate();

        // Act
        using var second = FreshLedger.TryStart(_database.Location);

        // Assert: the second creates the ledger the usual way; the first's build is untouched.
        Assert.Null(second);
        Assert.Empty(first.Store.Migrate());
    }

    [Fact]
    public void Publish_LedgerCreatedMeanwhileByAnotherProcess_ConflictAndThatLedgerKept()
    {
        // Arrange: while this run builds, another (the worker, or a run that found the build locked) creates the ledger.
        var fresh = FreshLedger.TryStart(_database.Location)!;
        fresh.Store.Migrate();
        fresh.Store.SyncReceivables([Receivable("K-BUILT", 100m)], "mine.csv", "test");
        var other = new LedgerStore(_database.Location);
        other.Migrate();
        other.SyncReceivables([Receivable("K-OTHER", 300m)], "theirs.csv", "test");

        // Act
        var conflict = Assert.Throws<LedgerConflictException>(fresh.Publish);
        fresh.Dispose();

        // Assert: the other ledger is as its writer left it, and the build is gone.
        Assert.Contains("was created by another process while this run built it; nothing was saved, run again", conflict.Message, StringComparison.Ordinal);
        using var connection = _database.Open();
        Assert.Equal(["K-OTHER"], connection.Query<string>("SELECT contract_no FROM receivable"));
        Assert.False(File.Exists(BuildPath));
    }

    [Fact]
    public void TryStart_BuildLeftByAProcessThatDied_StartsAgainFromNothing()
    {
        // Arrange: a build file and a journal beside it, not locked by anyone (the process that wrote them is gone).
        Directory.CreateDirectory(Path.GetDirectoryName(LedgerPath)!);
        File.WriteAllBytes(BuildPath, [.. Enumerable.Repeat((byte)0x5A, 10_000)]);
        File.WriteAllBytes(BuildPath + "-journal", [1, 2, 3]);

        // Act
        using (var fresh = FreshLedger.TryStart(_database.Location)!)
        {
            fresh.Store.Migrate();
            fresh.Store.SyncReceivables([Receivable("K-1", 100m)], "receivables.csv", "test");
            fresh.Publish();
        }

        // Assert
        using var connection = _database.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        Assert.Equal(["K-1"], connection.Query<string>("SELECT contract_no FROM receivable"));
        Assert.False(File.Exists(BuildPath + "-journal"));
    }

    [Fact]
    public void TryStart_ServerDatabase_NoBuild()
    {
        Assert.Null(FreshLedger.TryStart(new StoreLocation(StorageProvider.Postgres, "Host=/nowhere;Database=x")));
    }

    private static Receivable Receivable(string contract, decimal amount) =>
        new(contract, "C1", "Alpha Ltd", amount, "CNY", new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 10), "owner@example.com");
}
