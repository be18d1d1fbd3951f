using NRules.Fluent.Dsl;
using Reconciler.Domain;

namespace Reconciler.Rules.BuiltIn;

/// <summary>
/// A receivable overdue by more than the threshold with nothing paid on it calls for a credit hold on its customer
/// (unless a short payment on it does: that cause wins). The cause is inserted as a <see cref="HoldCause"/>; the
/// hold is opened, or the hold in force brought up to date, by <see cref="CreditHoldInForceRule"/>.
/// </summary>
[Name(RuleNames.OverdueCreditHold)]
[Description("a receivable more than Rules:OverdueDays past due with nothing paid and no payment waiting for review: credit hold on the customer's next Rules:HoldOrders orders, released when it is paid")]
[Priority(10)]
public sealed class OverdueCreditHoldRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        OverdueReceivable o = null!;
        When()
            .Match(() => s, x => x.HoldOrders > 0)
            .Match(() => o, x => x.NothingPaid && x.DaysOverdue > s.OverdueDays && x.Concern.ReceivableId != null)
            .Not<MatchException>(x => s.HoldOnShortPayment && x.Kind == ExceptionKind.AmountShort && x.ReceivableOpen
                && x.Concern.ReceivableId == o.Concern.ReceivableId && x.Concern.CustomerId != "");
        Then().Do(ctx => Decide.OverdueCause(ctx, o, s));
    }
}
