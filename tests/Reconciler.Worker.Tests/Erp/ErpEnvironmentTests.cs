using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Erp;

/// <summary>The ERP's connection string given as a secret should be: through the environment, not the file.</summary>
[Collection(nameof(ErpEnvironment))]
public class ErpEnvironmentTests
{
    private const string Variable = "RECONCILER_Receivables__Erp__ConnectionString";

    [Fact]
    public void Reconcile_ConnectionStringFromTheEnvironment_ReadsTheErp()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        var config = erp.Configuration(temp.File("reconciler.json"), withConnectionString: false);
        Environment.SetEnvironmentVariable(Variable, erp.ConnectionString);
        try
        {
            // Act
            var run = CliRun.Of([
                "reconcile", "--statement", Repository.Samples("statement-a.csv"), "--config", config,
                "--out", temp.File("results.csv"), "--quiet"]);

            // Assert
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            Assert.Contains("against 14 receivables", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public void Reconcile_ConnectionStringInNeitherPlace_UsageErrorNamesTheVariable()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        var config = erp.Configuration(temp.File("reconciler.json"), withConnectionString: false);

        // Act
        var run = CliRun.Of([
            "reconcile", "--statement", Repository.Samples("statement-a.csv"), "--config", config,
            "--out", temp.File("results.csv"), "--quiet"]);

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Receivables:Erp:ConnectionString is needed", run.Error, StringComparison.Ordinal);
        Assert.Contains(Variable, run.Error, StringComparison.Ordinal);
    }
}
