namespace Reconciler.Worker.Alerts;

/// <summary>A way of delivering alerts: e-mail, a webhook, a folder of JSON lines.</summary>
internal interface IAlertChannel
{
    /// <summary>The channel's name as the outbox stores it: <c>email</c>, <c>file</c> or <c>webhook:NAME</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The parts in which <paramref name="message"/> is delivered, in order, each by one <see cref="SendAsync"/> (one
    /// mail, one post) and marked sent or failed on its own: the message itself, or for a digest larger than the
    /// channel takes at once (a chat message's limit), several smaller ones.
    /// </summary>
    IReadOnlyList<AlertMessage> Split(AlertMessage message);

    /// <summary>Delivers one message; throws, with a reason a person can act on, when it was not delivered.</summary>
    Task SendAsync(AlertMessage message, CancellationToken ct);
}
