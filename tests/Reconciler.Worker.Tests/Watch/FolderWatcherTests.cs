using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Serve;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Watch;

public sealed class FolderWatcherTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ManualClock _clock = new();
    private readonly RecordingJobClient _jobs = new();
    private readonly WatchedFolder _folder;
    private readonly FolderWatcher _watcher;

    public FolderWatcherTests()
    {
        var setup = ServeCommand.Setup(null, _temp.File("data"), _temp.File("watch"), Path.Combine(Repository.Root, "samples", "receivables.csv"), 0);
        _folder = new WatchedFolder(_temp.File("watch"), _clock);
        _folder.Create();
        setup = setup with { Folder = _folder, Reconcile = setup.Reconcile with { Clock = _clock } };
        _watcher = new FolderWatcher(setup, _jobs, NullLogger<FolderWatcher>.Instance);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _temp.Dispose();
    }

    private string Drop(string name, string text)
    {
        var path = Path.Combine(_folder.Inbox, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Scan_AFileUnchangedForTheSettleTime_IsTakenAndItsImportEnqueued()
    {
        Drop("a.csv", "date,amount\n");

        var wait = _watcher.Scan();
        Assert.Empty(_jobs.Jobs);
        Assert.Equal(TimeSpan.FromSeconds(2), wait);

        _clock.Advance(TimeSpan.FromSeconds(2));
        _watcher.Scan();

        Assert.Equal(["Import(a.csv)"], _jobs.Calls);
        Assert.Equal(["a.csv"], _folder.InProcessing());
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Inbox));
    }

    [Fact]
    public void Scan_AFileThatGrewSinceTheLastScan_WaitsAgain()
    {
        var path = Drop("a.csv", "date,amount\n");
        _watcher.Scan();
        _clock.Advance(TimeSpan.FromSeconds(2));
        File.AppendAllText(path, "2026-03-02,10.00\n");

        _watcher.Scan();
        Assert.Empty(_jobs.Jobs);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _watcher.Scan();
        Assert.Empty(_jobs.Jobs);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _watcher.Scan();

        Assert.Equal(["Import(a.csv)"], _jobs.Calls);
        Assert.Equal("date,amount\n2026-03-02,10.00\n", File.ReadAllText(_folder.ProcessingPath("a.csv")));
    }

    [Fact]
    public void Scan_AFileHeldOpenExclusivelyByItsWriter_IsNotTaken()
    {
        var path = Drop("a.csv", "date,amount\n");
        _watcher.Scan();
        _clock.Advance(TimeSpan.FromSeconds(5));
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            _watcher.Scan();
            Assert.Empty(_jobs.Jobs);
        }

        _watcher.Scan();
        Assert.Equal(["Import(a.csv)"], _jobs.Calls);
    }

    [Fact]
    public void Scan_RefusesWhatIsNoStatement_AndIgnoresTemporaryFiles()
    {
        Drop("notes.txt", "hello");
        Drop("~$statement.xlsx", "lock");
        Drop("b.csv.part", "half");
        Directory.CreateDirectory(Path.Combine(_folder.Inbox, "march"));

        _watcher.Scan();
        _clock.Advance(TimeSpan.FromSeconds(10));
        _watcher.Scan();

        Assert.Empty(_jobs.Jobs);
        Assert.True(File.Exists(Path.Combine(_folder.Failed, "notes.txt.error.txt")));
        Assert.True(Directory.Exists(Path.Combine(_folder.Failed, "march")));
        Assert.Equal(["b.csv.part", "~$statement.xlsx"], Directory.GetFileSystemEntries(_folder.Inbox).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
