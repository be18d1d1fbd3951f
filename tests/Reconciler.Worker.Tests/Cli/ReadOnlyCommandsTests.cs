using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// The commands that only read a ledger (review list, rules test, alerts list, credit-holds list/export) never change
/// it, not even its schema: a ledger older than the program is refused (a command that writes upgrades it, as the store's
/// migration tests show).
/// </summary>
public sealed class ReadOnlyCommandsTests : IDisposable
{
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();

    public void Dispose() => _ledger.Dispose();

    public static TheoryData<string[]> ReadOnlyCommands => new()
    {
        { ["review", "list"] },
        { ["rules", "test"] },
        { ["alerts", "list"] },
        { ["credit-holds", "list"] },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyCommands))]
    public void ReadOnlyCommand_LedgerWithAnOlderSchema_RefusedAndLeftAsItWas(string[] command)
    {
        // Arrange: the ledger says it is one version behind.
        var latest = LedgerStore.LatestSchemaVersion;
        _ledger.Execute("DELETE FROM schema_version WHERE version = @Latest", new { Latest = latest });

        // Act
        var run = _ledger.Run(command);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"has schema version {latest - 1}; this reconciler reads version {latest}", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.Equal(latest - 1, _ledger.Store().SchemaVersion());
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

        // Act
        var run = CliRun.Of([.. command, "--data", data, "--config", ReconciledLedger.SamplesConfig]);

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

        // Act
        var run = CliRun.Of([.. command, "--data", data, "--config", ReconciledLedger.SamplesConfig]);

        // Assert: refused as no ledger, and no schema table (or any other) made in it.
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("the database holds no ledger's tables", run.Error, StringComparison.Ordinal);
        using var database = LedgerDatabase.SqliteFile(file);
        Assert.Equal(["notes"], database.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'"));
    }
}
