using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>A customer whose days-to-pay over its last paid receivables vary by more than the threshold is flagged to the sales manager.</summary>
[Name(RuleNames.PaymentCycleFlag)]
[Description("standard deviation of days-to-pay over a customer's last Rules:CycleReceivables paid receivables above Rules:FlagCycleDays (healthy at most Rules:HealthyCycleDays): flag to the sales manager")]
public sealed class PaymentCycleFlagRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        CustomerPaymentCycle c = null!;
        When()
            .Match(() => s)
            .Match(() => c, x => x.Paid.Count >= s.CycleReceivables && x.StandardDeviationDays > s.FlagCycleDays);
        Then().Do(ctx => Decide.CycleFlag(ctx, c, s));
    }
}
