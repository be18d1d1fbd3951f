namespace Reconciler.Worker.Alerts;

/// <summary>
/// The cause of an <see cref="AlertDeliveryException"/> when the channel itself could not be reached (no connection,
/// or no answer within its timeout), as opposed to a peer that answered with a refusal: the dispatcher then stops
/// using the channel for the rest of its dispatch rather than wait a timeout for each further message.
/// </summary>
internal sealed class ChannelUnreachableException : Exception
{
    public ChannelUnreachableException()
    {
    }

    public ChannelUnreachableException(string message)
        : base(message)
    {
    }

    public ChannelUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether <paramref name="error"/> is a delivery failure because the channel could not be reached.</summary>
    public static bool Caused(Exception error) => error is AlertDeliveryException { InnerException: ChannelUnreachableException };

    /// <summary>An <see cref="AlertDeliveryException"/> saying <paramref name="message"/>, caused by <paramref name="cause"/> on a channel that could not be reached.</summary>
    public static AlertDeliveryException Delivery(string message, Exception cause) =>
        new(message, new ChannelUnreachableException("the channel could not be reached", cause));
}
