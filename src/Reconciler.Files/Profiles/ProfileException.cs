namespace Reconciler.Files;

/// <summary>A bank profile file cannot be used; the message names the file and the problems.</summary>
public sealed class ProfileException : Exception
{
    public ProfileException()
    {
    }

    public ProfileException(string message)
        : base(message)
    {
    }

    public ProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
