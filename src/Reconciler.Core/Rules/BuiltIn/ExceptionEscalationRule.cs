using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>An exception at or above the escalation amount, or unresolved for too long, escalates to the finance manager.</summary>
[Name(RuleNames.ExceptionEscalation)]
[Description("an exception of at least Rules:EscalationAmount (or its currency's Rules:EscalationAmounts), or unresolved for more than Rules:EscalateAfterDays: escalation to the finance manager")]
public sealed class ExceptionEscalationRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        MatchException e = null!;
        When()
            .Match(() => s)
            .Match(() => e, x => x.Amount >= s.EscalationThreshold(x.Currency) || s.AgeInDays(x.FirstSeen) > s.EscalateAfterDays);
        Then().Do(ctx => Decide.Escalate(ctx, e, s));
    }
}
