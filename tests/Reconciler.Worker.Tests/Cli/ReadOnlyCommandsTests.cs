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
}
