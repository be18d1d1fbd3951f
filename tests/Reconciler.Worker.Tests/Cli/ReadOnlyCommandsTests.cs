using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// The commands that only read a ledger (report, export, review list, rules test, alerts list, credit-holds list and export) never
/// change it, not even its schema: a ledger older than the program is refused (a command that writes upgrades it, as the
/// store's migration tests show); so is one newer than the program, by every command, with the same line and exit code.
/// A refused command writes no output file.
/// </summary>
public sealed class ReadOnlyCommandsTests : IDisposable
{
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();

    public void Dispose() => _ledger.Dispose();

    /// <summary>Stands for the output file of a command that writes one (see <see cref="Resolved"/>).</summary>
    private const string Out = "{out}";

    public static TheoryData<string[]> ReadOnlyCommands => new()
    {
        { ["review", "list"] },
        { ["rules", "test"] },
        { ["alerts", "list"] },
        { ["credit-holds", "list"] },
        { ["report", "--out", Out + ".xlsx"] },
        { ["export", "--what", "lines", "--out", Out + ".csv"] },
        { ["credit-holds", "export", "--out", Out + ".csv"] },
    };

    /// <summary><paramref name="command"/> with its output file (if any) in <paramref name="folder"/> (made here), and that file's path (null when none).</summary>
    private static (string[] Args, string? Output) Resolved(string[] command, string folder)
    {
        Directory.CreateDirectory(folder);
        var args = command.Select(a => a.Replace(Out, Path.Combine(folder, "out"), StringComparison.Ordinal)).ToArray();
        return (args, args.FirstOrDefault(a => a.StartsWith(folder, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void ReadOnlyCommand_LedgerWithAnOlderSchema_RefusedAndLeftAsItWas(string[] command)
    {
        // Arrange: the ledger says it is one version behind.
        var latest = LedgerStore.LatestSchemaVersion;
        _ledger.Execute("DELETE FROM schema_version WHERE version = @Latest", new { Latest = latest });

        var (args, output) = Resolved(command, _ledger.File("output"));

        // Act
        var run = _ledger.Run(args);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"has schema version {latest - 1}; this reconciler reads version {latest}", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.Equal(latest - 1, _ledger.Store().SchemaVersion());
        Assert.False(output is not null && File.Exists(output), "a refused command wrote its output");
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void ReadOnlyCommand_LedgerOfANewerRelease_RefusedAndLeftAsItWas(string[] command)
    {
        // Arrange: a newer release upgraded the ledger one version past this program.
        var latest = LedgerStore.LatestSchemaVersion;
        _ledger.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (@Next, 'a newer release', '2026-12-01T00:00:00.000Z')", new { Next = latest + 1 });

        var (args, output) = Resolved(command, _ledger.File("output"));

        // Act
        var run = _ledger.Run(args);

        // Assert: as a command that writes is refused (below).
        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Equal($"error: ledger: the ledger has schema version {latest + 1}, newer than this reconciler knows ({latest}): a newer release upgraded it; run that release (nothing was changed)", run.Error.Trim());
        Assert.Equal(latest + 1, _ledger.Store().SchemaVersion());
        Assert.False(output is not null && File.Exists(output), "a refused command wrote its output");
    }

    [Fact]
    public void WritingCommand_LedgerOfANewerRelease_RefusedBeforeItChangesAnything()
    {
        // Arrange: as above; a review step would otherwise write with this program's idea of the schema.
        var latest = LedgerStore.LatestSchemaVersion;
        _ledger.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (@Next, 'a newer release', '2026-12-01T00:00:00.000Z')", new { Next = latest + 1 });
        var auditRows = _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM audit_log");

        // Act
        var run = _ledger.Run("review", "reject", "1", "--by", "clerk");

        // Assert
        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Equal($"error: ledger: the ledger has schema version {latest + 1}, newer than this reconciler knows ({latest}): a newer release upgraded it; run that release (nothing was changed)", run.Error.Trim());
        Assert.Equal(auditRows, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM audit_log"));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void ReadOnlyCommand_EmptyLedgerFile_SaysThereIsNoLedgerAndLeavesTheFileEmpty(string[] command)
    {
        // Arrange: a zero-byte reconciler.db (touch DIR/reconciler.db), which SQLite would take for a new database.
        using var temp = new TempFolder();
        var data = temp.File("data");
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, StoreLocation.SqliteFileName);
        File.WriteAllBytes(file, []);

        var (args, _) = Resolved(command, temp.File("output"));

        // Act
        var run = CliRun.Of([.. args, "--data", data, "--config", ReconciledLedger.SamplesConfig]);

        // Assert: no ledger made or migrated; the file is as it was, with nothing beside it.
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal($"error: there is no ledger in {data} ({StoreLocation.SqliteFileName} is empty); reconcile --data {data} makes one", run.Error.Trim());
        Assert.Equal(0, new FileInfo(file).Length);
        Assert.Equal([file], Directory.GetFiles(data));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void ReadOnlyCommand_SqliteFileWithoutALedger_RefusedAndLeftAsItWas(string[] command)
    {
        // Arrange: a SQLite database that holds something else (no schema_version table).
        using var temp = new TempFolder();
        var data = temp.File("data");
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, StoreLocation.SqliteFileName);
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE notes (text TEXT)";
            create.ExecuteNonQuery();
        }

        var (args, _) = Resolved(command, temp.File("output"));

        // Act
        var run = CliRun.Of([.. args, "--data", data, "--config", ReconciledLedger.SamplesConfig]);

        // Assert: refused as no ledger, and no schema table (or any other) made in it.
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("the database holds no ledger's tables", run.Error, StringComparison.Ordinal);
        using var database = LedgerDatabase.SqliteFile(file);
        Assert.Equal(["notes"], database.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'"));
    }
}
