namespace Reconciler.Rules;

/// <summary>A decision to tell someone about something; sent after the session fires, never by the rule.</summary>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="Key">
/// What makes this alert the same alert again in a later run (for example <c>exception:LINE:KIND:sales-owner</c>):
/// the outbox sends an alert with a known key only once.
/// </param>
/// <param name="Audience">Who it is for.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Headline">What happened, in one line (the subject of an email).</param>
/// <param name="NextStep">What the reader should do next.</param>
/// <param name="Concern">The customer, contract, line and figures.</param>
public sealed record Alert(string Rule, string Key, Audience Audience, Severity Severity, string Headline, string NextStep, Concern Concern)
{
    /// <summary>For <see cref="Audience.Named"/>: the address (or addresses, comma-separated) the rule names.</summary>
    public string Address { get; init; } = "";

    /// <summary>Sent at once even in digest mode.</summary>
    public bool Immediate { get; init; }
}
