using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// The commands that only read a ledger leave its SQLite file as they found it, byte for byte and in its journal mode
/// (WAL, as reconcile makes it, or rollback journal, as an older tool or the sqlite3 shell may leave it), list what is
/// committed while another connection holds a write transaction, and read a ledger they may not write.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ReadOnlyLedgerFileTests : IDisposable
{
    // Reconciled with receivables long overdue: its rules run fills the outbox and the credit holds, so every listing has rows.
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples(ReconciledLedger.OverdueUnpaid);

    public static TheoryData<string, string> CommandsAndJournalModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in Commands.Keys)
        {
            data.Add(command, "wal");
            data.Add(command, "delete");
        }

        return data;
    }

    /// <summary>The read-only commands by name; <c>{out}</c> stands for a file outside the data folder.</summary>
    private static Dictionary<string, string[]> Commands { get; } = new(StringComparer.Ordinal)
    {
        ["review list"] = ["review", "list"],
        ["rules test"] = ["rules", "test"],
        ["alerts list"] = ["alerts", "list"],
        ["credit-holds list"] = ["credit-holds", "list", "--all"],
        ["credit-holds export"] = ["credit-holds", "export", "--all", "--out", "{out}.csv"],
        ["report"] = ["report", "--out", "{out}.xlsx"],
        ["export lines"] = ["export", "--what", "lines", "--out", "{out}.csv"],
        ["export holds"] = ["export", "--what", "holds", "--out", "{out}.csv"],
    };

    private string File => Path.Combine(_ledger.Data, StoreLocation.SqliteFileName);

    public void Dispose() => _ledger.Dispose();

    [Theory]
    [MemberData(nameof(CommandsAndJournalModes))]
    public void ReadOnlyCommand_LedgerInEitherJournalMode_ListsAndLeavesTheFileAsItWas(string command, string journalMode)
    {
        // Arrange: what the command lists on the ledger as reconcile left it; then the ledger in the journal mode.
        var expected = Listing(command);
        SetJournalMode(File, journalMode);
        var before = Hash(File);

        // Act
        var listed = Listing(command);
        SqliteConnection.ClearAllPools(); // every connection of the command closed, as when its process ends

        // Assert
        Assert.Equal(expected, listed);
        Assert.Equal(before, Hash(File));
        Assert.Equal(journalMode, JournalMode(File));
        Assert.False(System.IO.File.Exists(File + "-journal"));
    }

    [Theory]
    [MemberData(nameof(CommandsAndJournalModes))]
    public void ReadOnlyCommand_AnotherConnectionHoldsAWriteTransaction_ListsWhatIsCommittedWithoutWaiting(string command, string journalMode)
    {
        // Arrange: another connection has begun writing (its change not committed) when the command runs.
        var expected = Listing(command);
        SetJournalMode(File, journalMode);
        var before = Hash(File);
        using var writer = new SqliteConnection($"Data Source={File};Pooling=False");
        writer.Open();
        Execute(writer, "BEGIN IMMEDIATE; DELETE FROM credit_hold; DELETE FROM alert_outbox; DELETE FROM match_exception;");

        // Act
        var started = System.Diagnostics.Stopwatch.StartNew();
        var listed = Listing(command);
        var elapsed = started.Elapsed;
        Execute(writer, "ROLLBACK");
        SqliteConnection.ClearAllPools();

        // Assert: the committed rows, read at once (not after a busy timeout); the file as it was.
        Assert.Equal(expected, listed);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"the command took {elapsed}");
        Assert.Equal(before, Hash(File));
        Assert.Equal(journalMode, JournalMode(File));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommandNames))]
    public void ReadOnlyCommand_WalLeftByAWriterThatDied_ReadsItAndLeavesFileAndWalAsTheyWere(string command)
    {
        // Arrange: a committed change (every credit hold released) still in the WAL, not yet in the file, as a writer
        // that died before its checkpoint leaves it: the ledger's file and WAL copied while the writer is open.
        var released = _ledger.File("released");
        Directory.CreateDirectory(released);
        var copy = Path.Combine(released, StoreLocation.SqliteFileName);
        using (var writer = new SqliteConnection($"Data Source={File};Pooling=False"))
        {
            writer.Open();
            Execute(writer, "PRAGMA wal_autocheckpoint=0; UPDATE credit_hold SET released_at = '2026-04-01T00:00:00.000Z', released_by = 'test', release_reason = 'paid' WHERE released_at IS NULL");
            System.IO.File.Copy(File, copy);
            System.IO.File.Copy(File + "-wal", copy + "-wal");
        }

        SqliteConnection.ClearAllPools();
        var expected = Listing(command); // the ledger the writer left behind it, checkpointed
        var (file, wal) = (Hash(copy), Hash(copy + "-wal"));

        // Act
        var listed = Listing(command, released);
        SqliteConnection.ClearAllPools();

        // Assert: the released holds are listed (read from the WAL), and neither file changed.
        Assert.Equal(expected.Replace(_ledger.Data, "{data}", StringComparison.Ordinal), listed.Replace(released, "{data}", StringComparison.Ordinal));
        Assert.Equal(file, Hash(copy));
        Assert.Equal(wal, Hash(copy + "-wal"));
    }

    public static TheoryData<string> ReadOnlyCommandNames() => [.. Commands.Keys];

    [SkippableTheory]
    [InlineData("wal")]
    [InlineData("delete")]
    public void ReadOnlyCommand_LedgerFileThatMayNotBeWritten_Lists(string journalMode)
    {
        // Arrange
        var expected = Listing("review list");
        SetJournalMode(File, journalMode);
        var before = Hash(File);

        // Act
        string listed;
        using (ReadOnlyPath.Of(File))
        {
            listed = Listing("review list");
            SqliteConnection.ClearAllPools();
        }

        // Assert
        Assert.Equal(expected, listed);
        Assert.Equal(before, Hash(File));
    }

    [SkippableFact]
    public void ReadOnlyCommand_RollbackJournalLedgerInAFolderThatMayNotBeWritten_Lists()
    {
        // Arrange
        var expected = Listing("review list");
        SetJournalMode(File, "delete");
        var before = Hash(File);

        // Act
        string listed;
        using (ReadOnlyPath.Of(_ledger.Data))
        {
            listed = Listing("review list");
            SqliteConnection.ClearAllPools();
        }

        // Assert
        Assert.Equal(expected, listed);
        Assert.Equal(before, Hash(File));
    }

    [SkippableFact]
    public void ReadOnlyCommand_WalLedgerInAFolderThatMayNotBeWritten_RefusedInOneLineNamingTheFile()
    {
        // Arrange: a WAL ledger without its -shm and -wal (its writer closed), in a folder the command may not write,
        // where SQLite cannot make the -shm it needs to read it.
        SqliteConnection.ClearAllPools(); // reconcile's connections closed: the -shm and -wal gone with them
        var before = Hash(File);
        Assert.False(System.IO.File.Exists(File + "-shm"));

        // Act
        CliRun run;
        using (ReadOnlyPath.Of(_ledger.Data))
        {
            run = _ledger.Run("review", "list");
            SqliteConnection.ClearAllPools();
        }

        // Assert: one line, the file named, what to check; no stack trace.
        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: ledger: {File} cannot be opened for reading (", line, StringComparison.Ordinal);
        Assert.Contains("its folder may be written or holds its reconciler.db-wal and reconciler.db-shm files", line, StringComparison.Ordinal);
        Assert.Equal(before, Hash(File));
    }

    /// <summary>What <paramref name="command"/> printed, with the file it wrote (a CSV's rows, a report's sheets), its out path as <c>{out}</c> and timings left out.</summary>
    private string Listing(string command, string? data = null)
    {
        var output = _ledger.File("out-" + Guid.NewGuid().ToString("N"));
        string[] args = [.. Commands[command].Select(a => a.Replace("{out}", output, StringComparison.Ordinal))];
        var run = CliRun.Of([.. args, "--data", data ?? _ledger.Data, "--config", ReconciledLedger.SamplesConfig]);
        Assert.True(run.ExitCode == ExitCodes.Ok, $"{command}: exit code {run.ExitCode}: {run.Error}{run.Output}");
        var written = args.FirstOrDefault(a => a.StartsWith(output, StringComparison.Ordinal));
        var text = Timings().Replace(run.Output, "… s").Replace(output, "{out}", StringComparison.Ordinal);
        if (written is not null && written.EndsWith(".csv", StringComparison.Ordinal))
        {
            text += "\n" + System.IO.File.ReadAllText(written);
        }

        Assert.True(text.Split('\n').Length > 2, $"{command} listed nothing: {text}");
        return text;
    }

    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex Timings();

    private static void SetJournalMode(string file, string mode)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode={mode}");
    }

    private static string JournalMode(string file)
    {
        // The header says it: bytes 18 and 19 are 1 for a rollback journal, 2 for WAL.
        var header = new byte[20];
        using (var stream = System.IO.File.OpenRead(file))
        {
            stream.ReadExactly(header);
        }

        return (header[18], header[19]) switch
        {
            (2, 2) => "wal",
            (1, 1) => "delete",
            var other => $"unknown {other}",
        };
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(file)));
}
