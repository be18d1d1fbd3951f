using System.Net;
using System.Net.Sockets;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_ThePortIsAlreadyInUse_ExitsWithTheConfigurationCodeInOneLineNamingTheSettingAndThePort()
    {
        // Arrange: another program listening on the port the worker is told to use; a file waiting in the inbox.
        using var site = new ServeSite(receivables: 20, seed: 6);
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        Directory.CreateDirectory(site.Inbox);
        File.Copy(site.StatementA, Path.Combine(site.Inbox, "statement-a.csv"));

        // Act
        using var worker = ServeProcess.Start(site.Start() with { Port = port });
        var code = await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert: exit 1 (the README's code for a setting to change), one line naming the setting and the port, no
        // stack trace, and nothing taken from the inbox by a worker that is not going to run.
        Assert.True(code == 1, $"exit code {code}\n{worker.Describe()}");
        var errors = worker.Output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(errors.Count == 1, $"expected one error line\n{worker.Describe()}");
        Assert.StartsWith($"error: configuration: Worker:DashboardPort {port} (--port): 127.0.0.1:{port} is already in use", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", worker.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site.Inbox, "statement-a.csv")), $"the inbox file was taken\n{worker.Describe()}");
    }
}
