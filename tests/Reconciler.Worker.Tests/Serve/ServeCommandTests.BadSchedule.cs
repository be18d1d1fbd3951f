namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_ANightlyCronHangfireCannotSchedule_ExitsWithTheConfigurationCodeNamingTheSetting()
    {
        // Arrange: five fields of cron characters (so it passes the first check), but minute 61 does not exist.
        using var site = new ServeSite(receivables: 20, seed: 5);
        var start = site.Start() with { Environment = new Dictionary<string, string> { ["RECONCILER_Worker__NightlyCron"] = "61 2 * * *" } };

        // Act
        using var worker = ServeProcess.Start(start);
        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert: exit 1 (bad configuration, as the README's table says), not 3 (an output that could not be written).
        Assert.True(code == 1, $"exit code {code}\n{worker.Describe()}");
        Assert.Contains("error: configuration: Worker:NightlyCron \"61 2 * * *\"", worker.Output, StringComparison.Ordinal);
    }
}
