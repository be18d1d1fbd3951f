using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Serve;

/// <summary>
/// When an import job has failed its last attempt (about an hour of retries), its file leaves <c>processing/</c> for
/// <c>failed/</c> with the last error, rather than sitting there unseen and blocking a new file of the same name. A file
/// that was imported and only could not be archived (<see cref="ArchiveMoveException"/>) is set aside there too, with a
/// reason saying its lines are in the ledger.
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

        if (failed.Exception is ArchiveMoveException moved)
        {
            SetAside(name, moved);
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

    /// <summary>
    /// A file imported (its lines are in the ledger) that archive/ would not take at any attempt: set aside in failed/ so
    /// that it blocks no new file of its name, with a reason that says nothing is missing.
    /// </summary>
    private void SetAside(string name, ArchiveMoveException moved)
    {
        var reason = $"not a failed import. {moved.Message} (at every attempt, about an hour). Nothing is missing: its lines are in "
            + "the ledger and are matched like any other; do not import it by other means. Once archive/ takes files again, move this "
            + "file there by hand, or drop it into inbox/ again: recognised by its SHA-256, it imports nothing and is archived.";
        try
        {
            var target = folder.SetAsideImported(name, reason);
            LogSetAside(name, moved.Lines, LogText.Mask(moved.InnerException?.Message), Path.GetRelativePath(folder.Root, target));
        }
        catch (IOException error)
        {
            LogNotSetAside(name, moved.Lines, LogText.Mask(moved.InnerException?.Message), LogText.Mask(error.Message));
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "{File}: the import failed at every attempt ({Reason}); moved to {Target} with the reason beside it")]
    private partial void LogQuarantined(string file, string reason, string target);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "{File}: imported {Lines} lines (in the ledger; not a failed import), but archive/ took it at no attempt ({Reason}); set aside in {Target} with the reason beside it")]
    private partial void LogSetAside(string file, int lines, string reason, string target);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "{File}: imported {Lines} lines (in the ledger; not a failed import), but archive/ took it at no attempt ({Reason}), nor failed/ ({FailedReason}); it stays in processing/")]
    private partial void LogNotSetAside(string file, int lines, string reason, string failedReason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "{File}: the import failed at every attempt, but the file could not be moved to failed/: {Reason}")]
    private partial void LogNotMoved(string file, string reason);
}
