namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// An output file (results, report, export) cannot be written where it was asked for: its folder cannot be made or
/// takes no new files, it is a folder, the disk is full. The message names the file and why; nothing was written.
/// </summary>
public sealed class OutputUnwritableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public OutputUnwritableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OutputUnwritableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OutputUnwritableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
