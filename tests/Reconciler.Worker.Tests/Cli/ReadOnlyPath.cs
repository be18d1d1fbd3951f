namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// A file or folder made read-only for the test, and writable again when disposed: its write permissions taken away,
/// or, for root (whom permissions do not stop), the immutable attribute set with <c>chattr +i</c>; the test is skipped
/// where neither can be done.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyPath : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode? _mode;

    private ReadOnlyPath(string path, UnixFileMode? mode)
    {
        _path = path;
        _mode = mode;
    }

    public static ReadOnlyPath Of(string path)
    {
        Skip.If(OperatingSystem.IsWindows(), "read-only files are tested on Linux and macOS");
        if (Environment.UserName != "root")
        {
            var mode = File.GetUnixFileMode(path);
            File.SetUnixFileMode(path, mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            return new ReadOnlyPath(path, mode);
        }

        Skip.IfNot(Chattr("+i", path), $"running as root, and chattr +i {path} failed: a read-only file cannot be made here");
        return new ReadOnlyPath(path, null);
    }

    public void Dispose()
    {
        if (_mode is { } mode)
        {
            File.SetUnixFileMode(_path, mode);
        }
        else
        {
            Chattr("-i", _path);
        }
    }

    private static bool Chattr(string change, string path)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
