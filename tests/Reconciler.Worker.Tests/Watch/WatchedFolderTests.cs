using Reconciler.Worker.Serve;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Watch;

public sealed class WatchedFolderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
    private readonly WatchedFolder _folder;

    public WatchedFolderTests()
    {
        _folder = new WatchedFolder(_temp.File("watch"), _clock);
        _folder.Create();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_MakesTheFourFolders()
    {
        Assert.Equal(["archive", "failed", "inbox", "processing"], Directory.GetDirectories(_folder.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Take_MovesTheFileIntoProcessing_AndASecondTakeFindsItGone()
    {
        File.WriteAllText(Path.Combine(_folder.Inbox, "a.csv"), "date,amount\n");

        Assert.True(_folder.Take("a.csv"));
        Assert.False(_folder.Take("a.csv"));

        Assert.False(File.Exists(Path.Combine(_folder.Inbox, "a.csv")));
        Assert.Equal("date,amount\n", File.ReadAllText(_folder.ProcessingPath("a.csv")));
        Assert.Equal(["a.csv"], _folder.InProcessing());
    }

    [Fact]
    public void Take_ANameStillInProcessing_LeavesTheNewFileWaitingInTheInbox()
    {
        File.WriteAllText(_folder.ProcessingPath("a.csv"), "first");
        File.WriteAllText(Path.Combine(_folder.Inbox, "a.csv"), "second");

        Assert.False(_folder.Take("a.csv"));

        Assert.Equal("first", File.ReadAllText(_folder.ProcessingPath("a.csv")));
        Assert.Equal("second", File.ReadAllText(Path.Combine(_folder.Inbox, "a.csv")));
    }

    [Fact]
    public void ArchiveDone_GoesToTodaysFolder_AndASecondFileOfTheSameNameGetsANumber()
    {
        File.WriteAllText(_folder.ProcessingPath("a.csv"), "first");
        var first = _folder.ArchiveDone("a.csv");
        File.WriteAllText(_folder.ProcessingPath("a.csv"), "second");
        var second = _folder.ArchiveDone("a.csv");

        Assert.Equal(Path.Combine(_folder.Archive, "2026-03-02", "a.csv"), first);
        Assert.Equal(Path.Combine(_folder.Archive, "2026-03-02", "a (2).csv"), second);
        Assert.Equal("second", File.ReadAllText(second));
        Assert.Empty(_folder.InProcessing());
        Assert.True(_folder.IsDone("a.csv"));
    }

    [Fact]
    public void Quarantine_MovesTheFileToFailed_WithTheReasonBesideIt()
    {
        File.WriteAllText(_folder.ProcessingPath("bad.csv"), "x");

        var target = _folder.Quarantine("bad.csv", "bad.csv, row 3, column amount: \"12,3x\" is not an amount");

        Assert.Equal(Path.Combine(_folder.Failed, "bad.csv"), target);
        var error = File.ReadAllText(target + ".error.txt");
        Assert.Contains("file: bad.csv", error, StringComparison.Ordinal);
        Assert.Contains("reason: bad.csv, row 3, column amount: \"12,3x\" is not an amount", error, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 08:30:00 UTC", error, StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), _folder.Counts());
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Quarantine_OnAFullDisk_LeavesNoEmptyReasonFiles_AndOnceThereIsRoomTheFileGetsItsOwnName()
    {
        // A small file system of its own (a tmpfs), filled up: the reason cannot be written.
        var disk = _temp.File("disk");
        Directory.CreateDirectory(disk);
        Skip.IfNot(Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk), "needs a tmpfs of its own (root, allowed to mount): skipped");
        try
        {
            var folder = new WatchedFolder(Path.Combine(disk, "watch"), _clock);
            folder.Create();
            File.WriteAllText(folder.ProcessingPath("bad.csv"), "date,amount\n");
            var filler = Path.Combine(disk, "filler");
            try
            {
                using var fill = new FileStream(filler, FileMode.CreateNew);
                var block = new byte[4096];
                while (true)
                {
                    fill.Write(block);
                    fill.Flush(flushToDisk: true);
                }
            }
            catch (IOException)
            {
                // Full.
            }

            Assert.Throws<IOException>(() => folder.Quarantine("bad.csv", "bad.csv, row 2, column amount: \"1x\" is not an amount"));
            var leftAfterFailure = Directory.GetFileSystemEntries(folder.Failed).Select(Path.GetFileName).ToList();
            File.Delete(filler);
            var target = folder.Quarantine("bad.csv", "bad.csv, row 2, column amount: \"1x\" is not an amount");

            Assert.Empty(leftAfterFailure);
            Assert.Equal(Path.Combine(folder.Failed, "bad.csv"), target);
            Assert.Contains("column amount", File.ReadAllText(target + ".error.txt"), StringComparison.Ordinal);
            Assert.Equal(["bad.csv", "bad.csv.error.txt"], Directory.GetFileSystemEntries(folder.Failed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Run("umount", "-l", disk);
        }
    }

    private static bool Run(string program, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var process = System.Diagnostics.Process.Start(info)!;
            return process.WaitForExit(10_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("notes.txt", "not a statement file")]
    [InlineData("a\\..\\..\\evil.csv", "not a plain file name")]
    [InlineData("a:b.csv", "not a plain file name")]
    public void Refusal_OfAFileThatIsNoStatement_SaysWhy(string name, string expected)
    {
        var path = Path.Combine(_folder.Inbox, name);
        File.WriteAllText(path, "x");

        Assert.Contains(expected, WatchedFolder.Refusal(new FileInfo(path)), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_AFolderAndALink_MovesThemToFailedWithoutFollowingTheLink()
    {
        var outside = _temp.File("outside.csv");
        File.WriteAllText(outside, "date,amount\n");
        var link = new FileInfo(Path.Combine(_folder.Inbox, "link.csv"));
        File.CreateSymbolicLink(link.FullName, outside);
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Inbox, "march"));
        File.WriteAllText(Path.Combine(folder.FullName, "x.csv"), "x");
        var statement = new FileInfo(Path.Combine(_folder.Inbox, "good.csv"));
        File.WriteAllText(statement.FullName, "date,amount\n");

        Assert.Contains("link", WatchedFolder.Refusal(new FileInfo(link.FullName)), StringComparison.Ordinal);
        Assert.Contains("folder", WatchedFolder.Refusal(folder), StringComparison.Ordinal);
        Assert.Null(WatchedFolder.Refusal(statement));
        _folder.Refuse(new FileInfo(link.FullName), "a link");
        _folder.Refuse(folder, "a folder");

        Assert.NotNull(new FileInfo(Path.Combine(_folder.Failed, "link.csv")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(_folder.Failed, "march", "x.csv")));
        Assert.True(File.Exists(outside));
        Assert.Equal(["good.csv"], Directory.GetFileSystemEntries(_folder.Inbox).Select(Path.GetFileName));
    }

    [Fact]
    public void Refuse_AnUnsafeName_IsKeptUnderASafeName()
    {
        var path = Path.Combine(_folder.Inbox, "a\\..\\b.csv");
        File.WriteAllText(path, "x");

        var target = _folder.Refuse(new FileInfo(path), "unsafe");

        Assert.Equal(Path.Combine(_folder.Failed, "a_.._b.csv"), target);
        Assert.True(File.Exists(target + ".error.txt"));
    }

    [Theory]
    [InlineData(".hidden.csv", true)]
    [InlineData("~$statement.xlsx", true)]
    [InlineData("statement.csv.part", true)]
    [InlineData("statement.csv.crdownload", true)]
    [InlineData("statement.csv", false)]
    public void IsTemporary_KnowsFilesStillBeingWritten(string name, bool temporary) =>
        Assert.Equal(temporary, WatchedFolder.IsTemporary(name));
}
