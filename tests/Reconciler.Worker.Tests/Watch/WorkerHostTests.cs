using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Tests.Watch;

/// <summary>The host in process, on a free loopback port: the health endpoint and the dashboard's access.</summary>
[Collection(HangfireGlobals.Name)]
public sealed class WorkerHostTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        HangfireGlobals.Reset();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private (IHost Host, int Port) Start(string? configJson = null)
    {
        var port = FreePort();
        string? config = null;
        if (configJson is not null)
        {
            config = _temp.File("reconciler.json");
            File.WriteAllText(config, configJson);
        }

        var setup = ServeCommand.Setup(config, _temp.File("data"), _temp.File("watch"), Path.Combine(Repository.Root, "samples", "receivables.csv"), port);
        setup.Folder.Create();
        var host = WorkerHost.Build(setup);
        host.StartAsync().WaitAsync(Bound).GetAwaiter().GetResult();
        return (host, port);
    }

    private static async Task Stop(IHost host)
    {
        await host.StopAsync().WaitAsync(Bound);
        host.Dispose();
    }

    [Fact]
    public async Task Health_ReportsTheLedgerTheFolderAndTheJobs()
    {
        var (host, port) = Start();
        try
        {
            File.Copy(Path.Combine(Repository.Root, "samples", "statement-a.csv"), _temp.File(Path.Combine("watch", "inbox", "statement-a.csv")));
            JsonElement health = default;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < Bound)
            {
                using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (response.StatusCode == HttpStatusCode.OK && health.GetProperty("database").GetProperty("lastRun").ValueKind == JsonValueKind.Object)
                {
                    break;
                }

                await Task.Delay(200);
            }

            Assert.True(health.GetProperty("healthy").GetBoolean());
            var database = health.GetProperty("database");
            Assert.Equal("sqlite", database.GetProperty("provider").GetString());
            Assert.Equal(Storage.LedgerStore.LatestSchemaVersion, database.GetProperty("schemaVersion").GetInt32());
            Assert.Equal("statement-a.csv", database.GetProperty("lastImport").GetProperty("file").GetString());
            Assert.Equal(1, database.GetProperty("lastRun").GetProperty("id").GetInt64());
            Assert.Equal(0, health.GetProperty("folder").GetProperty("inbox").GetInt32());
            Assert.Equal(1, health.GetProperty("jobs").GetProperty("servers").GetInt64());
        }
        finally
        {
            await Stop(host);
        }
    }

    [Fact]
    public async Task Health_WithTheFolderGone_Is503()
    {
        var (host, port) = Start();
        try
        {
            // The watcher creates the folders as it starts: remove one only after its first scan.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < Bound)
            {
                using var ready = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                var scanned = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("folder").GetProperty("lastScan");
                if (scanned.ValueKind == JsonValueKind.String)
                {
                    break;
                }

                await Task.Delay(100);
            }

            Directory.Delete(_temp.File(Path.Combine("watch", "failed")));

            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var folder = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("folder");
            Assert.False(folder.GetProperty("ok").GetBoolean());
            Assert.Contains("failed/", folder.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await Stop(host);
        }
    }

    [Fact]
    public async Task Dashboard_WithoutAUser_IsReadOnly()
    {
        var (host, port) = Start();
        try
        {
            using var page = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}/hangfire/recurring"));
            var html = await page.Content.ReadAsStringAsync();
            using var trigger = await _http.PostAsync(
                new Uri($"http://127.0.0.1:{port}/hangfire/recurring/trigger"),
                new FormUrlEncodedContent([new("jobs[]", Schedules.NightlyId)]));

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(Schedules.NightlyId, html, StringComparison.Ordinal);
            Assert.DoesNotContain("js-jobs-list-command", html, StringComparison.Ordinal);
            Assert.False(trigger.IsSuccessStatusCode, $"a read-only dashboard took a command: {trigger.StatusCode}");
        }
        finally
        {
            await Stop(host);
        }
    }

    [Fact]
    public async Task Dashboard_WithAUser_AsksForTheCredentialsAndTakesCommandsWithThem()
    {
        var (host, port) = Start("""{ "Worker": { "DashboardUser": "ops", "DashboardPassword": "s3cret" } }""");
        try
        {
            var uri = new Uri($"http://127.0.0.1:{port}/hangfire/recurring");
            using var anonymous = await _http.GetAsync(uri);
            using var wrong = new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = Basic("ops", "guess") } };
            using var wrongResponse = await _http.SendAsync(wrong);
            using var right = new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { Authorization = Basic("ops", "s3cret") } };
            using var rightResponse = await _http.SendAsync(right);
            var html = await rightResponse.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
            Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
            Assert.Contains("js-jobs-list-command", html, StringComparison.Ordinal);
        }
        finally
        {
            await Stop(host);
        }
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
