using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reconciliation;
using Reconciler.Worker.Serve;

namespace Reconciler.Worker.Cli;

/// <summary><c>reconciler serve</c>: the worker — watched folder, Hangfire jobs, nightly run, dashboard.</summary>
internal static class ServeCommand
{
    /// <summary>The data folder when neither <c>--data</c> nor <c>Storage</c> names a ledger.</summary>
    public const string DefaultData = "data";

    /// <summary>The watched folder when neither <c>--watch</c> nor <c>Worker:WatchFolder</c> names one.</summary>
    public const string DefaultWatch = "watch";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file (JSON); default ./reconciler.json when present." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep the ledger in an embedded SQLite database in this folder (default ./data unless Storage names a database)." };
        var watch = new Option<DirectoryInfo?>("--watch") { Description = "The watched folder, holding inbox/, processing/, archive/ and failed/ (created if missing); default Worker:WatchFolder, else ./watch." };
        var receivables = new Option<FileInfo?>("--receivables") { Description = "The receivables file synced before matching when it changed, and nightly (default Worker:Receivables); optional with Receivables:Erp." };
        var port = new Option<int?>("--port") { Description = "The dashboard's and /health's port on 127.0.0.1 (default Worker:DashboardPort, 5080); 0 for none." };
        var command = new Command("serve", "Run the worker: import what is dropped into the watched folder, match, decide the rules, send alerts, and run nightly.")
        {
            config, data, watch, receivables, port,
        };

        command.SetAction(parsed =>
        {
            WorkerSetup setup;
            try
            {
                setup = Setup(
                    parsed.GetValue(config)?.FullName,
                    parsed.GetValue(data)?.FullName,
                    parsed.GetValue(watch)?.FullName,
                    parsed.GetValue(receivables)?.FullName,
                    parsed.GetValue(port));
            }
            catch (ConfigurationException problem)
            {
                error.WriteLine($"error: configuration: {problem.Message}");
                return ExitCodes.Usage;
            }
            catch (ProfileException problem)
            {
                error.WriteLine($"error: {problem.Message}");
                return ExitCodes.Usage;
            }

            output.WriteLine(Describe(setup));
            try
            {
                setup.Folder.Create();
                using var host = WorkerHost.Build(setup);
                host.Run();
                return ExitCodes.Ok;
            }
            catch (ConfigurationException problem)
            {
                // A setting only the starting host can check (the nightly cron, parsed by Hangfire).
                error.WriteLine($"error: configuration: {problem.Message}");
                return ExitCodes.Usage;
            }
            catch (IOException problem) when (problem.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Another program took the port after the look before starting (Kestrel binds after the other services).
                error.WriteLine($"error: configuration: {WorkerHost.PortInUse(setup.Options.DashboardPort, problem).Message}");
                return ExitCodes.Usage;
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine($"error: the worker stopped: {problem.Message}");
                return ExitCodes.OutputFailed;
            }
        });
        return command;
    }

    /// <summary>Reads and checks everything the worker needs; the flags override the configuration.</summary>
    internal static WorkerSetup Setup(string? configFile, string? dataFolder, string? watchFolder, string? receivablesFile, int? port)
    {
        var overrides = new Dictionary<string, string?>();
        if (watchFolder is not null)
        {
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.WatchFolder)}"] = watchFolder;
        }

        if (receivablesFile is not null)
        {
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.Receivables)}"] = receivablesFile;
        }

        if (port is { } p)
        {
            overrides[$"{WorkerOptions.Section}:{nameof(WorkerOptions.DashboardPort)}"] = p.ToString(CultureInfo.InvariantCulture);
        }

        var configuration = ReconcilerConfiguration.Load(configFile, overrides);
        var worker = ReconcilerConfiguration.Worker(configuration);
        var receivablesPath = string.IsNullOrWhiteSpace(worker.Receivables) ? null : Path.GetFullPath(worker.Receivables);
        var clock = TimeProvider.System;
        var request = ReconcileRequest.FromConfiguration(
            configuration,
            receivablesPath,
            [],
            "",
            null,
            () => StorageOptions.Location(configuration, dataFolder) ?? StoreLocation.DataFolder(Path.GetFullPath(DefaultData)),
            ledger => AlertsCommand.DefaultFolder(ledger!.Provider == StorageProvider.Sqlite ? LedgerFolder(ledger, dataFolder) : null)) with
        {
            Clock = clock,
            Actor = $"worker@{Environment.MachineName}",
        };
        var ledger = request.Ledger!;
        if (receivablesPath is null && request.Erp is null)
        {
            throw new ConfigurationException("the worker needs receivables: give --receivables FILE (or Worker:Receivables), or configure the ERP's query in Receivables:Erp");
        }

        var shared = worker.JobStorage switch
        {
            "memory" => false,
            "database" when ledger.Provider == StorageProvider.Sqlite => throw new ConfigurationException(
                "Worker:JobStorage \"database\" needs a server database (Storage:Provider postgres or sqlserver); with SQLite the jobs are kept in memory and the folder and ledger are rescanned at start"),
            "database" => true,
            _ => ledger.Provider != StorageProvider.Sqlite,
        };
        var watchRoot = Path.GetFullPath(string.IsNullOrWhiteSpace(worker.WatchFolder) ? DefaultWatch : worker.WatchFolder);
        return new WorkerSetup
        {
            Ledger = ledger,
            Reconcile = request,
            Folder = new WatchedFolder(watchRoot, clock),
            Options = worker,
            ReportsFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(worker.ReportsFolder) ? Path.Combine(watchRoot, "reports") : worker.ReportsFolder),
            SharedJobs = shared,
        };
    }

    private static string? LedgerFolder(StoreLocation ledger, string? dataFolder)
    {
        if (dataFolder is not null)
        {
            return dataFolder;
        }

        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ledger.ConnectionString).DataSource;
        return string.IsNullOrEmpty(file) ? null : Path.GetDirectoryName(Path.GetFullPath(file));
    }

    private static string Describe(WorkerSetup setup)
    {
        var options = setup.Options;
        var dashboard = options.DashboardPort == 0 ? "no dashboard" : string.Create(CultureInfo.InvariantCulture, $"dashboard http://127.0.0.1:{options.DashboardPort}/hangfire ({(string.IsNullOrEmpty(options.DashboardUser) ? "read-only" : "for " + options.DashboardUser)}), health http://127.0.0.1:{options.DashboardPort}/health");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"reconciler serve: watching {setup.Folder.Root}; ledger {setup.Ledger}; jobs kept {(setup.SharedJobs ? "in the ledger's database (shared by every worker)" : "in memory")}; {options.Workers} workers; {dashboard}");
    }
}
