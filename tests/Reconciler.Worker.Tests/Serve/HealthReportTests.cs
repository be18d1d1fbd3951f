using Reconciler.Storage;
using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Tests.Serve;

public sealed class HealthReportTests
{
    [Fact]
    public void SchemaProblem_ThisWorkersOlderAndNewerVersions_NoneMigratesAtFirstJobAndRefused()
    {
        var latest = LedgerStore.LatestSchemaVersion;

        Assert.Null(HealthReport.SchemaProblem(latest));
        Assert.Equal($"schema version {latest - 1}, this worker needs {latest} (it migrates at its first job)", HealthReport.SchemaProblem(latest - 1));
        Assert.Equal(
            $"schema version {latest + 1}, newer than this worker knows ({latest}): a newer release upgraded the ledger, and this worker's jobs are refused until it is upgraded too",
            HealthReport.SchemaProblem(latest + 1));
    }
}
