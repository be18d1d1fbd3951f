using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>What only the embedded SQLite ledger does: its page size, and checkpoints left to the run.</summary>
public sealed class SqliteLedgerTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Migrate_NewLedger_Has16KiBPages()
    {
        new LedgerStore(_database.Location).Migrate();

        using var connection = _database.Open();
        Assert.Equal(16384, connection.ExecuteScalar<long>("PRAGMA page_size"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public void BulkSettings_DeferredCheckpoints_OffDuringTheWriteAndBackAfter()
    {
        var dialect = SqlDialect.For(StorageProvider.Sqlite);
        dialect.DeferCheckpoints = true;
        using var connection = (SqliteConnection)_database.Open();

        using (BulkSettings.Apply(dialect, connection))
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
        }

        Assert.Equal(1000, connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
    }

    [Fact]
    public void BulkSettings_CheckpointsNotDeferred_AutomaticCheckpointKept()
    {
        var dialect = SqlDialect.For(StorageProvider.Sqlite);
        using var connection = (SqliteConnection)_database.Open();

        using (BulkSettings.Apply(dialect, connection))
        {
            Assert.Equal(1000, connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint"));
        }
    }

    [Fact]
    public void Checkpoint_AfterDeferredBulkWrites_EmptiesTheLogAndKeepsEveryRow()
    {
        var store = new LedgerStore(_database.Location) { DeferCheckpoints = true };
        store.Migrate();
        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", "tester");
        var statement = SampleFiles.StatementA();
        var imported = store.ImportStatement(statement.FileName, statement.Sha256, statement.Profile, statement.Lines, "tester");
        var log = new SqliteConnectionStringBuilder(_database.Location.ConnectionString).DataSource + "-wal";
        Assert.True(new FileInfo(log).Length > 0);

        store.Checkpoint();

        Assert.Equal(0, new FileInfo(log).Length);
        using var connection = _database.Open();
        Assert.Equal(imported.Lines.Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(SampleFiles.Receivables().Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM receivable"));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2026, 2, 28)]
    [InlineData(9999, 12, 31)]
    public void IsoText_AnyDay_AsTheFormatWritesIt(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Iso.Text(date));
        Assert.Equal(date, Iso.Day(Iso.Text(date).AsSpan()));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(9, 5, 7, 999)]
    [InlineData(23, 59, 59, 999)]
    public void IsoText_AnyTime_AsTheFormatWritesIt(int hour, int minute, int second, int millisecond)
    {
        var time = new TimeOnly(hour, minute, second, millisecond);

        Assert.Equal(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture), Iso.Text(time));
    }
}
