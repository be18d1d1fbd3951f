namespace Reconciler.Worker.Alerts;

/// <summary>A message that was not delivered in a dispatch.</summary>
/// <param name="Channel">The channel (<c>email</c>, <c>file</c>, <c>webhook:NAME</c>).</param>
/// <param name="Recipient">The recipient.</param>
/// <param name="AlertIds">The outbox ids of the alerts it carried.</param>
/// <param name="Reason">Why, as recorded in the outbox.</param>
/// <param name="GaveUp">How many of them reached the last attempt and are now <c>failed</c> (the others will be retried).</param>
internal sealed record DispatchFailure(string Channel, string Recipient, IReadOnlyList<long> AlertIds, string Reason, int GaveUp);
