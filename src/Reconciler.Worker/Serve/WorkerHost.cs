using System.Net;
using System.Net.Sockets;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Serve;

/// <summary>
/// The generic host of <c>reconciler serve</c>: a Hangfire server running the ledger jobs, the folder watcher, the
/// nightly run, and (when a port is set) the dashboard and <c>/health</c> on 127.0.0.1.
/// </summary>
internal static class WorkerHost
{
    /// <summary>The Hangfire queues, in the order a worker takes from them: imports first, so a folder of files is taken in before matching runs over all of it.</summary>
    public static readonly string[] Queues = ["import", "ledger", "default"];

    /// <summary>Builds the host; nothing runs until it is started.</summary>
    public static IHost Build(WorkerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var port = setup.Options.DashboardPort;
        if (port == 0)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Directory.GetCurrentDirectory() });
            Configure(builder, setup);
            return builder.Build();
        }

        CheckPortFree(port);
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory(), Args = [] });
        web.Configuration.Sources.Clear();
        web.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));

        // Loopback only, and only under loopback names (a page that rebinds its own name to 127.0.0.1 is refused);
        // dashboard commands carry an antiforgery token (Hangfire uses it when registered), so a page the user opens
        // elsewhere cannot post them with the user's cached credentials.
        web.Services.AddHostFiltering(o => o.AllowedHosts = ["127.0.0.1", "localhost", "[::1]"]);
        web.Services.AddAntiforgery();
        Configure(web, setup);
        var app = web.Build();
        MapDashboard(app, setup);
        return app;
    }

    /// <summary>The error for a dashboard port another program already listens on: a setting to change (or a program to stop).</summary>
    public static ConfigurationException PortInUse(int port, Exception cause) => new(
        $"Worker:DashboardPort {port} (--port): 127.0.0.1:{port} is already in use by another program (another reconciler serve?); "
        + "stop it, or give another port (0 for no dashboard and /health)",
        cause);

    /// <summary>
    /// Fails before anything starts when the port is taken, rather than after the folder watcher and the jobs have
    /// (Kestrel binds last); a program taking the port between this look and Kestrel's is caught where the host runs.
    /// </summary>
    private static void CheckPortFree(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw PortInUse(port, error);
        }
        finally
        {
            probe.Stop();
        }
    }

    private static void Configure(IHostApplicationBuilder builder, WorkerSetup setup)
    {
        var options = setup.Options;
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
                o.UseUtcTimestamp = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }

        var services = builder.Services;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        services.AddSingleton(setup);
        services.AddSingleton(setup.Clock);
        services.AddSingleton<LedgerAccess>();
        services.AddSingleton<ReceivablesSync>();
        services.AddSingleton<AlertChannelSet>();
        services.AddSingleton<FolderWatcher>();
        services.AddHostedService(s => s.GetRequiredService<FolderWatcher>());
        services.AddSingleton<HealthReport>();
        services.AddTransient<LedgerJobs>();
        services.AddHangfire((provider, c) =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseFilter(new QuarantineFailedImports(setup.Folder, provider.GetRequiredService<ILogger<QuarantineFailedImports>>()));
            UseStorage(c, setup);
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = options.Workers;
            o.Queues = Queues;
            o.ShutdownTimeout = options.ShutdownTimeout;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        services.AddHostedService<Schedules>();
    }

    private static void UseStorage(IGlobalConfiguration configuration, WorkerSetup setup)
    {
        if (!setup.SharedJobs)
        {
            configuration.UseInMemoryStorage();
            return;
        }

        switch (setup.Ledger.Provider)
        {
            case StorageProvider.Postgres:
                configuration.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(setup.Ledger.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) });
                break;
            case StorageProvider.SqlServer:
                configuration.UseSqlServerStorage(
                    () => new Microsoft.Data.SqlClient.SqlConnection(setup.Ledger.ConnectionString),
                    new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(1) });
                break;
            default:
                throw new InvalidOperationException($"jobs cannot be shared through a {setup.Ledger.Provider} ledger");
        }
    }

    private static void MapDashboard(WebApplication app, WorkerSetup setup)
    {
        var options = setup.Options;
        var protectedDashboard = !string.IsNullOrEmpty(options.DashboardUser);
        app.UseHostFiltering();
        if (protectedDashboard)
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
                    && !BasicCredentials.Match(context.Request.Headers.Authorization, options.DashboardUser!, options.DashboardPassword!))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"reconciler\", charset=\"UTF-8\"";
                    return;
                }

                await next(context).ConfigureAwait(false);
            });
        }

        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "Reconciler worker",
            IsReadOnlyFunc = _ => !protectedDashboard,
            DisplayStorageConnectionString = false,
        });
        app.MapGet("/health", async (HttpContext context, HealthReport health) =>
        {
            var report = await health.CheckAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/", () => Results.Redirect("/hangfire"));
    }
}
