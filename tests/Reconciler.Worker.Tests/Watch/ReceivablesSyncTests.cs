using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Tests.Watch;

/// <summary>The worker's sync of the receivables file, against a real folder and a real SQLite ledger.</summary>
public sealed class ReceivablesSyncTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);
    private readonly TempFolder _temp = new();
    private readonly Alerts.ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static string Sample(string name) => Path.Combine(Repository.Root, "samples", name);

    private (ReceivablesSync Sync, LedgerAccess Ledger) Worker(string receivables, ILogger<ReceivablesSync>? log = null)
    {
        var setup = ServeCommand.Setup(null, _temp.File("data"), _temp.File("watch"), receivables, 0);
        setup = setup with { Reconcile = setup.Reconcile with { Clock = _clock }, Options = new WorkerOptions { SettleTime = Settle } };
        return (new ReceivablesSync(setup, log ?? NullLogger<ReceivablesSync>.Instance), new LedgerAccess(setup));
    }

    private string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_temp.File(Path.Combine("data", "reconciler.db"))};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    [Fact]
    public void SyncIfChanged_FileStillBeingWritten_WaitsUntilItHasSettled()
    {
        // Arrange: the ERP export writes the file in place; the worker looks while it is cut inside the last column of
        // the third row (an owner of anna.berg@example.com cut to "anna.b").
        var whole = File.ReadAllText(Sample("receivables.csv"));
        var cut = whole.IndexOf("anna.berg@example.com", StringComparison.Ordinal) + "anna.b".Length;
        var path = _temp.File("receivables.csv");
        File.WriteAllText(path, whole[..cut]);
        var (sync, ledger) = Worker(path);
        var store = ledger.Store();

        // Act: the worker sees the first half, then the rest as it is written, then nothing changes for the settle time.
        sync.SyncIfChanged(store, force: false);
        var whileHalf = Scalar("SELECT COUNT(*) FROM receivable");
        File.AppendAllText(path, whole[cut..]);
        sync.SyncIfChanged(store, force: true);
        var rightAfterTheRest = Scalar("SELECT COUNT(*) FROM receivable");
        _clock.Advance(Settle);
        sync.SyncIfChanged(store, force: false);

        // Assert: nothing was synced from the file while it was changing; once settled, all of it, owners whole.
        Assert.Equal("0", whileHalf);
        Assert.Equal("0", rightAfterTheRest);
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable"));
        Assert.Equal("anna.berg@example.com", Scalar("SELECT sales_owner FROM receivable WHERE contract_no = 'KL26-004520'"));
        Assert.Equal("0", Scalar("SELECT COUNT(*) FROM receivable WHERE sales_owner = 'anna.b'"));
        Assert.Null(sync.LastError);
    }

    [Fact]
    public void SyncIfChanged_FileLastWrittenLongerAgoThanTheSettleTime_IsSyncedAtTheFirstLook()
    {
        // Arrange: a file the ERP wrote before the worker started.
        var path = _temp.File("receivables.csv");
        File.Copy(Sample("receivables.csv"), path);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path) - Settle - Settle);
        var (sync, ledger) = Worker(path);

        // Act
        sync.SyncIfChanged(ledger.Store(), force: false);

        // Assert
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable"));
        Assert.NotNull(sync.LastSync);
    }

    [Fact]
    public void SyncIfChanged_FileCutShortAfterAFullSync_WithdrawsNothingTheFileNoLongerLists()
    {
        // Arrange: the whole file synced, then an export that stalls longer than the settle time half-way through.
        var whole = File.ReadAllText(Sample("receivables.csv"));
        var path = _temp.File("receivables.csv");
        File.WriteAllText(path, whole);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path) - Settle - Settle);
        var (sync, ledger) = Worker(path);
        var store = ledger.Store();
        sync.SyncIfChanged(store, force: false);
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable WHERE status = 'open'"));
        File.WriteAllText(path, whole[..(whole.IndexOf("anna.berg@example.com", StringComparison.Ordinal) + "anna.b".Length)]);

        // Act
        sync.SyncIfChanged(store, force: false);
        _clock.Advance(Settle);
        sync.SyncIfChanged(store, force: false);

        // Assert: the receivables the cut file no longer lists are kept as they were, open.
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable WHERE status = 'open'"));
    }

    [Fact]
    public void SyncIfChanged_FileWrittenAgainWhileBeingRead_SyncsNothingFromThatReadAndTheSettledFileLater()
    {
        // Arrange: an export that stalled longer than the settle time half-way through (cut inside the third row's
        // owner, "anna.b"), and carries on writing the rest while the worker reads the file.
        var (sync, store, log, reads) = WrittenAgainWhileRead("anna.berg@example.com", "anna.b".Length);

        // Act: the torn read; a look right after (the rest just written); a look once the file has settled.
        sync.SyncIfChanged(store, force: false);
        var afterTheTornRead = Scalar("SELECT COUNT(*) FROM receivable");
        var lastSyncAfterTheTornRead = sync.LastSync;
        sync.SyncIfChanged(store, force: false);
        var rightAfter = Scalar("SELECT COUNT(*) FROM receivable");
        _clock.Advance(Settle);
        sync.SyncIfChanged(store, force: false);

        // Assert: nothing from the torn read reached the ledger, one line said why; the settled file was synced whole.
        Assert.Equal("0", afterTheTornRead);
        Assert.Null(lastSyncAfterTheTornRead);
        Assert.Equal("0", rightAfter);
        var changed = Assert.Single(log.Lines, l => l.Contains("changed while being read", StringComparison.Ordinal));
        Assert.StartsWith("receivables file receivables.csv changed while being read", changed, StringComparison.Ordinal);
        Assert.Contains("synced again once unchanged for 60 s", changed, StringComparison.Ordinal);
        Assert.Equal(2, reads.Count);
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable"));
        Assert.Equal("anna.berg@example.com", Scalar("SELECT sales_owner FROM receivable WHERE contract_no = 'KL26-004520'"));
        Assert.Equal("0", Scalar("SELECT COUNT(*) FROM receivable WHERE sales_owner = 'anna.b'"));
        Assert.Null(sync.LastError);
        Assert.NotNull(sync.LastSync);
    }

    [Fact]
    public void SyncIfChanged_FileCutUnreadablyAndWrittenAgainWhileBeingRead_ReportsNoErrorAndSyncsTheSettledFile()
    {
        // Arrange: the worker reads the file while an export writing it again has got only part-way into its header.
        var (sync, store, log, _) = WrittenAgainWhileRead("amount", "am".Length);

        // Act
        sync.SyncIfChanged(store, force: false);
        var errorAfterTheTornRead = sync.LastError;
        _clock.Advance(Settle);
        sync.SyncIfChanged(store, force: false);

        // Assert: the cut header was not reported as a broken file (nothing for a clerk to fix); the settled file synced.
        Assert.Null(errorAfterTheTornRead);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("receivables not synced", StringComparison.Ordinal));
        Assert.Single(log.Lines, l => l.Contains("changed while being read", StringComparison.Ordinal));
        Assert.Equal("14", Scalar("SELECT COUNT(*) FROM receivable"));
        Assert.Null(sync.LastError);
    }

    /// <summary>
    /// A worker whose receivables file (the sample) is cut <paramref name="keep"/> characters into the first
    /// <paramref name="cutAt"/>, dated as settled (an export that stalled longer than the settle time), and gets the
    /// rest written during its first read; the reads are counted.
    /// </summary>
    private (ReceivablesSync Sync, Storage.LedgerStore Store, ListLogger<ReceivablesSync> Log, ReadCount Reads) WrittenAgainWhileRead(string cutAt, int keep)
    {
        var whole = File.ReadAllText(Sample("receivables.csv"));
        var cut = whole.IndexOf(cutAt, StringComparison.Ordinal) + keep;
        var path = _temp.File("receivables.csv");
        File.WriteAllText(path, whole[..cut]);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path) - Settle - Settle);
        var log = new ListLogger<ReceivablesSync>();
        var (sync, ledger) = Worker(path, log);
        var reads = new ReadCount();
        sync.AfterFileRead = p =>
        {
            if (reads.Count++ == 0)
            {
                File.AppendAllText(p, whole[cut..]);
            }
        };
        return (sync, ledger.Store(), log, reads);
    }

    /// <summary>How many times the worker read the file.</summary>
    private sealed class ReadCount
    {
        public int Count { get; set; }
    }
}
