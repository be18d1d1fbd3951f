using System.Runtime.InteropServices;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// Appends bytes to a file (created when missing) in one <c>write(2)</c> on a descriptor opened with <c>O_APPEND</c>,
/// so that the kernel puts them at the end of the file as it is at that moment: writers in other processes appending
/// to the same file neither overwrite them nor are overwritten.
/// </summary>
/// <remarks>
/// .NET's <see cref="FileMode.Append"/> is not that: it writes at the end the file had when the stream was opened, so
/// a line another process appended in between is overwritten (tried on this machine: a file grown by 100 bytes through
/// another handle, then one byte written through a stream opened before, is 100 bytes with that byte at offset 0). Off
/// Linux the stream is used, one write a line, as before.
/// </remarks>
internal static partial class AppendOnly
{
    // <fcntl.h> on Linux (x86-64 and arm64 alike).
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Append = 0x400;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4; // EINTR

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> as described above.</summary>
    /// <exception cref="IOException">The file cannot be opened or written; the message says why.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Write(bytes);
            return;
        }

        int descriptor;
        do
        {
            descriptor = Open(path, WriteOnly | Create | Append | CloseOnExec, Convert.ToInt32("666", 8)); // less the umask, as .NET creates files
        }
        while (descriptor < 0 && Marshal.GetLastPInvokeError() == Interrupted);

        if (descriptor < 0)
        {
            throw Failure("cannot open", path);
        }

        var closed = false;
        try
        {
            // A regular file takes the whole line in one call. A short write (the disk filling up) is continued, and the
            // rest then most likely fails: the line is left torn at the file's end and the send fails, to be retried
            // whole.
            var done = 0;
            while (done < bytes.Length)
            {
                var written = WriteBytes(descriptor, bytes[done..], bytes.Length - done);
                if (written < 0 && Marshal.GetLastPInvokeError() == Interrupted)
                {
                    continue;
                }

                if (written <= 0)
                {
                    throw Failure("cannot write to", path);
                }

                done += (int)written;
            }

            // A file system that writes back on close (NFS) reports its failure here.
            closed = true;
            if (Close(descriptor) != 0)
            {
                throw Failure("cannot write to", path);
            }
        }
        finally
        {
            if (!closed)
            {
                _ = Close(descriptor);
            }
        }
    }

    private static IOException Failure(string what, string path)
    {
        var error = Marshal.GetLastPInvokeError();
        return new IOException($"{what} {path}: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteBytes(int descriptor, ReadOnlySpan<byte> bytes, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
