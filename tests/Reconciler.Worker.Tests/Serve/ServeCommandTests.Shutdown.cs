using System.Diagnostics;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_SigtermWhileIdle_ExitsZeroWithinTheShutdownTimeoutLeavingNothingInProcessing()
    {
        // Arrange: a worker that has done some work and is idle.
        using var site = new ServeSite(receivables: 200, seed: 15);
        site.Stage("statement-a.csv", File.ReadAllText(site.StatementA));
        using var worker = ServeProcess.Start(site.Start());
        await worker.WaitHealthyAsync();
        site.Drop("statement-a.csv");
        await worker.WaitUntilAsync(() => site.Archived().Contains("statement-a.csv"), "statement-a.csv to be archived");
        await worker.WaitIdleAsync();

        // Act
        var clock = Stopwatch.StartNew();
        worker.Terminate();
        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert: ShutdownTimeout is 10 s in the site's configuration.
        log.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(code == 0, $"exit code {code}\n{worker.Describe()}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed.TotalSeconds:0.0} s to stop\n{worker.Describe()}");
        Assert.Empty(site.InProcessing());
        Assert.DoesNotContain(" fail: ", worker.Output, StringComparison.Ordinal);
    }
}
