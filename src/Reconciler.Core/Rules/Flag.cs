namespace Reconciler.Rules;

/// <summary>A decision to point a customer out to the sales manager (for example unstable payment cycles).</summary>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="Key">What makes it the same flag again (sent once per key).</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Reason">Why, with the figures.</param>
/// <param name="NextStep">What the sales manager should do next.</param>
/// <param name="Concern">The customer (and the last receivable that showed it).</param>
public sealed record Flag(string Rule, string Key, Severity Severity, string Reason, string NextStep, Concern Concern);
