namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Whether an output file can be written where it was asked for, and why not, in words an operator can act on
/// (the operating system's own message names a temporary file the operator never asked for).
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Checks before a run that <paramref name="path"/> can be written: its folder exists or can be made, and takes a
    /// new file (one is created and removed again), and the path is no folder.
    /// </summary>
    /// <exception cref="OutputUnwritableException">It cannot; the message names the file and why.</exception>
    public static void CheckWritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new OutputUnwritableException($"{full} cannot be written: it is a folder; name a file in it");
        }

        var directory = CreateFolder(full);
        var probe = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(full, error);
        }
    }

    /// <summary>Makes the folder of <paramref name="full"/> when it is missing; returns it.</summary>
    /// <exception cref="OutputUnwritableException">It cannot be made.</exception>
    public static string CreateFolder(string full)
    {
        var directory = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
            return directory;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new OutputUnwritableException($"{full} cannot be written: its folder {directory} cannot be created ({error.Message})", error);
        }
    }

    /// <summary>The exception for <paramref name="full"/> failing to be written with <paramref name="error"/>, saying why.</summary>
    public static OutputUnwritableException Unwritable(string full, Exception error)
    {
        var directory = Path.GetDirectoryName(full)!;
        var why = error switch
        {
            OutputUnwritableException => null,
            UnauthorizedAccessException => $"this user may not create or replace files in {directory}",
            DirectoryNotFoundException => $"the folder {directory} does not exist",
            // Creating a file where the system refuses files at all (/proc, /sys) says "file not found".
            FileNotFoundException => $"the folder {directory} does not take new files",
            _ when Directory.Exists(full) => "it is a folder; name a file in it",
            _ => error.Message,
        };
        return error as OutputUnwritableException ?? new OutputUnwritableException($"{full} cannot be written: {why}", error);
    }
}
