namespace Reconciler.Worker.Serve;

/// <summary>A file's size and last write time: what tells the worker a file changed (still being written, or edited since it was last read).</summary>
internal readonly record struct FileStamp(long Length, DateTime WrittenUtc)
{
    /// <summary>The stamp of a file already looked at.</summary>
    public static FileStamp Of(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileStamp(file.Length, file.LastWriteTimeUtc);
    }

    /// <summary>The stamp of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileStamp? Of(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? Of(file) : null;
    }
}
