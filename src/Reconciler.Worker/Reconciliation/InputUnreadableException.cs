namespace Reconciler.Worker.Reconciliation;

/// <summary>An input file exists but cannot be opened or read (permissions, a lock, a link loop).</summary>
public sealed class InputUnreadableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public InputUnreadableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InputUnreadableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InputUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
