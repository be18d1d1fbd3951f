using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Serve;

/// <summary>
/// Watches the inbox: file-system events wake it, and a periodic scan backs them up (events can be lost). A file is
/// taken once its size and time have stayed the same for the settle time and it can be opened exclusively: it is
/// renamed into <c>processing/</c> and an import job is enqueued with its name. Folders, links, unsafe names and
/// files that are not statements are refused into <c>failed/</c>. At start, files left in <c>processing/</c> by a
/// worker that died are enqueued again, and a match and the rules are asked for (jobs kept in memory died with it).
/// </summary>
internal sealed partial class FolderWatcher(WorkerSetup setup, IBackgroundJobClient jobs, ILogger<FolderWatcher> log) : BackgroundService
{
    private readonly Dictionary<string, Observation> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>When the inbox was last scanned (UTC); null before the first scan.</summary>
    public DateTimeOffset? LastScan { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = setup.Folder;
        folder.Create();
        foreach (var name in folder.InProcessing())
        {
            LogResumed(name);
            jobs.Enqueue<LedgerJobs>(j => j.Import(name, CancellationToken.None));
        }

        // Jobs kept in memory died with the last process: ask for a match, and then for the rules of a match run that
        // process saved but never decided after (each job finds out for itself whether there is anything to do).
        var match = jobs.Enqueue<LedgerJobs>(j => j.Match(CancellationToken.None));
        jobs.ContinueJobWith<LedgerJobs>(match, j => j.Rules(false, CancellationToken.None));
        using var watcher = new FileSystemWatcher(folder.Inbox) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite };
        watcher.Created += (_, _) => Wake();
        watcher.Changed += (_, _) => Wake();
        watcher.Renamed += (_, _) => Wake();
        watcher.Error += (_, e) => LogWatcherError(e.GetException().Message);
        watcher.EnableRaisingEvents = true;
        LogWatching(folder.Root, setup.Options.ScanInterval.TotalSeconds, setup.Options.SettleTime.TotalSeconds);

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                next = Scan();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The folder itself failed (a network share gone) or the job storage did (a database blip): say so and
                // look again at the next scan; the watcher never stops while the worker runs.
                LogScanFailed(LogText.Mask(error.Message));
                next = setup.Options.ScanInterval;
            }

            try
            {
                await _wake.WaitAsync(next, stoppingToken).ConfigureAwait(false);
                while (_wake.CurrentCount > 0)
                {
                    await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>One pass over the inbox; returns how long to wait before the next (sooner when a file is settling).</summary>
    internal TimeSpan Scan()
    {
        var folder = setup.Folder;
        var now = setup.Clock.GetUtcNow();
        var settle = setup.Options.SettleTime;
        var next = setup.Options.ScanInterval;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(folder.Inbox).EnumerateFileSystemInfos())
        {
            try
            {
                next = Min(next, Look(entry, present, now, settle));
            }
            catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
            {
                // Gone since the folder was listed: another worker took (or refused) it. The rest of the inbox is still looked at.
            }
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(gone);
        }

        LastScan = now;
        return next < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : next;
    }

    /// <summary>Looks at one inbox entry: refuses it, notes its state, or takes it once settled; returns how soon to look again.</summary>
    private TimeSpan Look(FileSystemInfo entry, HashSet<string> present, DateTimeOffset now, TimeSpan settle)
    {
        var folder = setup.Folder;
        var next = setup.Options.ScanInterval;
        if (WatchedFolder.IsTemporary(entry.Name) && entry is FileInfo && entry.LinkTarget is null)
        {
            return next;
        }

        if (WatchedFolder.Refusal(entry) is { } reason)
        {
            var target = folder.Refuse(entry, reason);
            LogRefused(LogText.Mask(entry.Name), reason, Path.GetRelativePath(folder.Root, target));
            return next;
        }

        var file = (FileInfo)entry;
        present.Add(file.Name);
        var state = FileStamp.Of(file);
        if (!_seen.TryGetValue(file.Name, out var seen) || seen.State != state)
        {
            _seen[file.Name] = new Observation(state, now);
            return Min(next, settle);
        }

        var settledFor = now - seen.Since;
        if (settledFor < settle)
        {
            return Min(next, settle - settledFor);
        }

        if (!CanOpenAlone(file.FullName))
        {
            // Still open for writing by the program that drops it.
            return Min(next, settle);
        }

        if (folder.Take(file.Name))
        {
            _seen.Remove(file.Name);
            LogTaken(file.Name, file.Length);
            try
            {
                jobs.Enqueue<LedgerJobs>(j => j.Import(file.Name, CancellationToken.None));
            }
            catch
            {
                // No job holds it: give it back to the inbox for the next scan rather than leave it in processing/ unseen.
                File.Move(folder.ProcessingPath(file.Name), file.FullName, overwrite: false);
                throw;
            }
        }

        return next;
    }

    /// <summary>
    /// True when the file can be opened with no one else sharing it. A file this process may not read is taken all
    /// the same: the import quarantines it with the reason, rather than it waiting in the inbox unseen.
    /// </summary>
    internal static bool CanOpenAlone(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private readonly record struct Observation(FileStamp State, DateTimeOffset Since);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "watching {Folder} (scan every {Scan:0.#} s, files taken after {Settle:0.#} s unchanged)")]
    private partial void LogWatching(string folder, double scan, double settle);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{File}: taken for import ({Bytes} bytes)")]
    private partial void LogTaken(string file, long bytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{File}: refused: {Reason}; moved to {Target} with the reason beside it")]
    private partial void LogRefused(string file, string reason, string target);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{File}: left in processing/ by an earlier run; import enqueued again")]
    private partial void LogResumed(string file);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "file-system events lost ({Reason}); the periodic scan goes on")]
    private partial void LogWatcherError(string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "the inbox cannot be scanned: {Reason}")]
    private partial void LogScanFailed(string reason);
}
