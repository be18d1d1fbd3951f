using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>A receivable overdue by more than the threshold with nothing paid on it puts its customer on credit hold.</summary>
[Name(RuleNames.OverdueCreditHold)]
[Description("a receivable more than Rules:OverdueDays past due with nothing paid and no payment waiting for review: credit hold on the customer's next Rules:HoldOrders orders, released when it is paid")]
public sealed class OverdueCreditHoldRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        OverdueReceivable o = null!;
        When()
            .Match(() => s, x => x.HoldOrders > 0)
            .Match(() => o, x => x.NothingPaid && !x.PaymentPending && x.DaysOverdue > s.OverdueDays && x.Concern.ReceivableId != null);
        Then().Do(ctx => Decide.OverdueHold(ctx, o, s));
    }
}
