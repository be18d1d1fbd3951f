using Hangfire;
using Reconciler.Storage;

namespace Reconciler.Worker.Serve;

/// <summary>What <c>/health</c> reports: the database, the watched folder, the receivables source, the last import and run, and the job counts.</summary>
internal sealed class HealthReport(WorkerSetup setup, LedgerAccess ledger, ReceivablesSync receivables, FolderWatcher watcher, JobStorage storage)
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks now; healthy when the database answers with the current schema and the folder is there.</summary>
    public async Task<HealthStatus> CheckAsync(CancellationToken ct)
    {
        var database = await DatabaseAsync(ct).ConfigureAwait(false);
        var folder = Folder();
        JobCounts? jobs = null;
        try
        {
            var stats = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), ct).WaitAsync(DatabaseTimeout, ct).ConfigureAwait(false);
            jobs = new JobCounts(stats.Enqueued, stats.Scheduled, stats.Processing, stats.Failed, stats.Succeeded, stats.Servers);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Reported as missing counts; the database entry says why.
        }

        return new HealthStatus(
            database.Ok && folder.Ok,
            database,
            folder,
            new ReceivablesState(setup.Reconcile.ReceivablesPath, setup.Reconcile.Erp?.Description, receivables.LastSync, receivables.LastError),
            jobs);
    }

    /// <summary>What /health says of a ledger at schema <paramref name="version"/>: null when it is this worker's.</summary>
    internal static string? SchemaProblem(int version) =>
        version == LedgerStore.LatestSchemaVersion ? null
        : version > LedgerStore.LatestSchemaVersion
            ? $"schema version {version}, newer than this worker knows ({LedgerStore.LatestSchemaVersion}): a newer release upgraded the ledger, and this worker's jobs are refused until it is upgraded too"
            : $"schema version {version}, this worker needs {LedgerStore.LatestSchemaVersion} (it migrates at its first job)";

    private async Task<DatabaseState> DatabaseAsync(CancellationToken ct)
    {
        var provider = setup.Ledger.Provider.ToString().ToLowerInvariant();
        try
        {
            var health = await Task.Run(() => ledger.Unmigrated.Health(), ct).WaitAsync(DatabaseTimeout, ct).ConfigureAwait(false);
            var current = health.SchemaVersion == LedgerStore.LatestSchemaVersion;
            return new DatabaseState(
                current,
                provider,
                health.SchemaVersion,
                SchemaProblem(health.SchemaVersion),
                health.LastFile is null ? null : new LastImport(health.LastFile, health.LastImportAt),
                health.LastRunId is null ? null : new LastRun(health.LastRunId.Value, health.LastRunAt));
        }
        catch (Exception error) when (error is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return new DatabaseState(false, provider, null, LogText.Mask(error.Message), null, null);
        }
    }

    private FolderState Folder()
    {
        var folder = setup.Folder;
        var ok = Directory.Exists(folder.Inbox) && Directory.Exists(folder.Processing) && Directory.Exists(folder.Archive) && Directory.Exists(folder.Failed);
        if (!ok)
        {
            return new FolderState(false, folder.Root, 0, 0, 0, watcher.LastScan, "the watched folder or one of inbox/, processing/, archive/, failed/ is missing");
        }

        var (inbox, processing, failed) = folder.Counts();
        return new FolderState(true, folder.Root, inbox, processing, failed, watcher.LastScan, null);
    }
}

/// <summary>The health check's answer.</summary>
internal sealed record HealthStatus(bool Healthy, DatabaseState Database, FolderState Folder, ReceivablesState Receivables, JobCounts? Jobs);

/// <summary>The ledger database: reachable with the current schema, and its last import and match run.</summary>
internal sealed record DatabaseState(bool Ok, string Provider, int? SchemaVersion, string? Error, LastImport? LastImport, LastRun? LastRun);

/// <summary>The statement file imported last.</summary>
internal sealed record LastImport(string File, string? At);

/// <summary>The last match run.</summary>
internal sealed record LastRun(long Id, string? FinishedAt);

/// <summary>The watched folder and what waits in it.</summary>
internal sealed record FolderState(bool Ok, string Path, int Inbox, int Processing, int Failed, DateTimeOffset? LastScan, string? Error);

/// <summary>The receivables source and its last sync by this worker.</summary>
internal sealed record ReceivablesState(string? File, string? Erp, DateTimeOffset? LastSync, string? Error);

/// <summary>Hangfire's job counts.</summary>
internal sealed record JobCounts(long Enqueued, long Scheduled, long Processing, long Failed, long Succeeded, long Servers);
