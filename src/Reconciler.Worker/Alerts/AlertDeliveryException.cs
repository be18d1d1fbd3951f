namespace Reconciler.Worker.Alerts;

/// <summary>A channel could not deliver a message; the message says why (status, server's answer), for the outbox.</summary>
internal sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException()
    {
    }

    public AlertDeliveryException(string message)
        : base(message)
    {
    }

    public AlertDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
