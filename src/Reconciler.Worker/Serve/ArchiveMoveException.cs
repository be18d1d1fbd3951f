namespace Reconciler.Worker.Serve;

/// <summary>
/// A file whose lines are in the ledger (imported now, or found imported by its SHA-256) that could not be moved to
/// <c>archive/</c>: not a failed import. The job fails so that Hangfire retries the move; the retry finds the file
/// imported and only moves it.
/// </summary>
internal sealed class ArchiveMoveException(string name, int lines, Exception cause)
    : IOException($"{name}: imported {lines} lines (in the ledger); could not be moved to archive/: {cause.Message}", cause)
{
    /// <summary>The file's name in <c>processing/</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The lines the ledger holds from it.</summary>
    public int Lines { get; } = lines;
}
