namespace Reconciler.Worker.Configuration;

/// <summary>The configuration is missing, unreadable or invalid; the message says which setting and why.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
