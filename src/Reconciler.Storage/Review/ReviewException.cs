namespace Reconciler.Storage;

/// <summary>
/// A review operation was refused (unknown line or receivable, a line in the wrong state, an amount the line or a
/// receivable cannot take); nothing was saved. The message says what to do instead.
/// </summary>
public sealed class ReviewException : Exception
{
    public ReviewException()
    {
    }

    public ReviewException(string message)
        : base(message)
    {
    }

    public ReviewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
