namespace Reconciler.Rules;

/// <summary>A decision to put an exception before the finance manager at once (never held for a digest).</summary>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="Key">What makes it the same escalation again (sent once per key).</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Reason">Why it escalates, with the threshold crossed.</param>
/// <param name="NextStep">What the finance manager should do next.</param>
/// <param name="Concern">The customer, contract, line and figures.</param>
public sealed record Escalation(string Rule, string Key, Severity Severity, string Reason, string NextStep, Concern Concern);
