namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Whether an output file can be written where it was asked for, and why not, in words an operator can act on
/// (the operating system's own message names a temporary file the operator never asked for).
/// </summary>
internal static class OutputFile
{
    /// <summary>
    /// Checks before a run that <paramref name="path"/> can be written: its folder exists or can be made, and takes a
    /// new file (one is created and removed again), and the path is no folder. Folders the check had to make are
    /// removed again (the run makes them when it writes), so a run that fails later leaves none behind.
    /// </summary>
    /// <exception cref="OutputUnwritableException">It cannot; the message names the file and why.</exception>
    public static void CheckWritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new OutputUnwritableException($"{full} cannot be written: it is a folder; name a file in it");
        }

        var made = MissingFolders(Path.GetDirectoryName(full)!);
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
        finally
        {
            RemoveEmpty(made);
        }
    }

    // The folders from the first missing ancestor of `directory` down to it, innermost first.
    private static List<string> MissingFolders(string directory)
    {
        var missing = new List<string>();
        for (var folder = directory; !string.IsNullOrEmpty(folder) && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Add(folder);
        }

        return missing;
    }

    // Removes the folders the check made, innermost first; one that is no longer empty (another writer used it) stays.
    private static void RemoveEmpty(List<string> made)
    {
        foreach (var folder in made)
        {
            try
            {
                Directory.Delete(folder, recursive: false);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return; // not empty, or not ours to remove: the folders above it stay too
            }
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
