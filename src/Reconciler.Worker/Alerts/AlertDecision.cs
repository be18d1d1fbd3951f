using Reconciler.Rules;

namespace Reconciler.Worker.Alerts;

/// <summary>An alert, escalation or flag seen the same way: what the composer turns into outbox alerts.</summary>
/// <param name="Kind"><c>alert</c>, <c>escalation</c> or <c>flag</c>.</param>
/// <param name="Rule">The rule that decided.</param>
/// <param name="Key">The decision's key (sent once per key, channel and recipient).</param>
/// <param name="Audience">Who it is for.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Headline">What happened, in one line (an escalation's or flag's reason).</param>
/// <param name="NextStep">What to do next.</param>
/// <param name="Concern">The customer, contract, line and figures.</param>
/// <param name="Immediate">Sent at once even in digest mode.</param>
/// <param name="Address">For <see cref="Audience.Named"/>: the addresses the rule names (comma-separated).</param>
internal sealed record AlertDecision(
    string Kind,
    string Rule,
    string Key,
    Audience Audience,
    Severity Severity,
    string Headline,
    string NextStep,
    Concern Concern,
    bool Immediate,
    string Address)
{
    /// <summary>Every decision that is sent, in the session's order: alerts, escalations, flags. Holds and releases are not (the rules alert about them separately).</summary>
    public static IEnumerable<AlertDecision> From(RuleDecisions decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var a in decisions.Alerts)
        {
            yield return new("alert", a.Rule, a.Key, a.Audience, a.Severity, a.Headline, a.NextStep, a.Concern, a.Immediate, a.Address);
        }

        foreach (var e in decisions.Escalations)
        {
            yield return new("escalation", e.Rule, e.Key, Audience.FinanceManager, e.Severity, e.Reason, e.NextStep, e.Concern, Immediate: true, "");
        }

        foreach (var f in decisions.Flags)
        {
            yield return new("flag", f.Rule, f.Key, Audience.SalesManager, f.Severity, f.Reason, f.NextStep, f.Concern, Immediate: false, "");
        }
    }
}
