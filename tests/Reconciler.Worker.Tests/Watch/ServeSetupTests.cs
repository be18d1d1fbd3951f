using Reconciler.Storage;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Watch;

public sealed class ServeSetupTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _receivables = Path.Combine(Repository.Root, "samples", "receivables.csv");

    public void Dispose() => _temp.Dispose();

    private string Config(string json)
    {
        var path = _temp.File("reconciler.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Setup_FlagsOverrideTheWorkerSection()
    {
        var config = Config("""{ "Worker": { "WatchFolder": "/nowhere", "Receivables": "/nowhere.csv", "DashboardPort": 6000, "NightlyCron": "30 1 * * *", "TimeZone": "Asia/Shanghai" } }""");

        var setup = ServeCommand.Setup(config, _temp.File("data"), _temp.File("watch"), _receivables, 0);

        Assert.Equal(_temp.File("watch"), setup.Folder.Root);
        Assert.Equal(_receivables, setup.Reconcile.ReceivablesPath);
        Assert.Equal(0, setup.Options.DashboardPort);
        Assert.Equal("30 1 * * *", setup.Options.NightlyCron);
        Assert.Equal(StorageProvider.Sqlite, setup.Ledger.Provider);
        Assert.False(setup.SharedJobs);
        Assert.Equal(Path.Combine(_temp.File("watch"), "reports"), setup.ReportsFolder);
    }

    [Fact]
    public void Setup_APostgresLedger_SharesTheJobsThroughIt()
    {
        var config = Config("""{ "Storage": { "Provider": "postgres", "ConnectionString": "Host=localhost;Database=ledger" } }""");

        var setup = ServeCommand.Setup(config, null, _temp.File("watch"), _receivables, 0);

        Assert.True(setup.SharedJobs);
        Assert.Equal(StorageProvider.Postgres, setup.Ledger.Provider);
    }

    [Theory]
    [InlineData("""{ "Worker": { "NightlyCron": "every night" } }""", "Worker:NightlyCron \"every night\" is not a cron expression")]
    [InlineData("""{ "Worker": { "TimeZone": "Mars/Olympus" } }""", "Worker:TimeZone \"Mars/Olympus\" is not a time zone")]
    [InlineData("""{ "Worker": { "Workers": 0 } }""", "Worker:Workers 0 must be between 1 and 64")]
    [InlineData("""{ "Worker": { "DashboardUser": "ops" } }""", "Worker:DashboardUser and Worker:DashboardPassword go together")]
    [InlineData("""{ "Worker": { "JobStorage": "database" } }""", "Worker:JobStorage \"database\" needs a server database")]
    [InlineData("""{ "Worker": { "Watch": "x" } }""", "Worker:Watch is not a setting")]
    public void Setup_BadWorkerSettings_AreRefusedNamingTheKey(string json, string expected)
    {
        var config = Config(json);

        var error = Assert.Throws<ConfigurationException>(() => ServeCommand.Setup(config, _temp.File("data"), _temp.File("watch"), _receivables, 0));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setup_WithoutReceivables_SaysWhereToGiveThem()
    {
        var error = Assert.Throws<ConfigurationException>(() => ServeCommand.Setup(null, _temp.File("data"), _temp.File("watch"), null, 0));

        Assert.Contains("--receivables", error.Message, StringComparison.Ordinal);
    }
}
