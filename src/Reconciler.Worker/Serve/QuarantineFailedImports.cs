using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Serve;

/// <summary>
/// When an import job has failed its last attempt (about an hour of retries), its file leaves <c>processing/</c> for
/// <c>failed/</c> with the last error, rather than sitting there unseen and blocking a new file of the same name.
/// </summary>
internal sealed partial class QuarantineFailedImports(WatchedFolder folder, ILogger<QuarantineFailedImports> log) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewState is not FailedState failed
            || context.BackgroundJob?.Job is not { } job
            || job.Type != typeof(LedgerJobs)
            || job.Method.Name != nameof(LedgerJobs.Import)
            || job.Args.Count == 0
            || job.Args[0] is not string name
            || !WatchedFolder.IsSafeName(name)
            || !File.Exists(folder.ProcessingPath(name)))
        {
            return;
        }

        var reason = $"the import failed at every attempt (the last: {failed.Exception?.GetType().Name}: {failed.Exception?.Message}). "
            + "If that was the database or the disk rather than the file, drop the file into inbox/ again once it is back.";
        try
        {
            var target = folder.Quarantine(name, reason);
            LogQuarantined(name, LogText.Mask(failed.Exception?.Message), Path.GetRelativePath(folder.Root, target));
        }
        catch (IOException error)
        {
            // Taken meanwhile (a worker restarted and imported it): nothing to move.
            LogNotMoved(name, error.Message);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "{File}: the import failed at every attempt ({Reason}); moved to {Target} with the reason beside it")]
    private partial void LogQuarantined(string file, string reason, string target);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "{File}: the import failed at every attempt, but the file could not be moved to failed/: {Reason}")]
    private partial void LogNotMoved(string file, string reason);
}
