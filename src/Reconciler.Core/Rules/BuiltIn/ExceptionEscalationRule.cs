using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>An exception at or above the escalation amount, or unresolved for too long, escalates to the finance manager.</summary>
[Name(RuleNames.ExceptionEscalation)]
[Description("an exception of at least Rules:EscalationAmount, or unresolved for more than Rules:EscalateAfterDays: escalation to the finance manager")]
public sealed class ExceptionEscalationRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        MatchException e = null!;
        When()
            .Match(() => s)
            .Match(() => e, x => x.Amount >= s.EscalationAmount || s.Today.DayNumber - DateOnly.FromDateTime(x.FirstSeen.UtcDateTime).DayNumber > s.EscalateAfterDays);
        Then().Do(ctx => Decide.Escalate(ctx, e, s));
    }
}
