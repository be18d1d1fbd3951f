using NRules.Fluent.Dsl;
using Reconciler.Domain;

namespace Reconciler.Rules.BuiltIn;

/// <summary>A short payment beyond tolerance on a receivable still open puts the customer on credit hold.</summary>
[Name(RuleNames.ShortPaymentCreditHold)]
[Description("a short payment beyond tolerance (Rules:HoldOnShortPayment): credit hold on the customer's next Rules:HoldOrders orders, released when the receivable is paid")]
public sealed class ShortPaymentCreditHoldRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        MatchException e = null!;
        When()
            .Match(() => s, x => x.HoldOnShortPayment && x.HoldOrders > 0)
            .Match(() => e, x => x.Kind == ExceptionKind.AmountShort && x.ReceivableOpen && x.Concern.ReceivableId != null && x.Concern.CustomerId != "");
        Then().Do(ctx => Decide.ShortPaymentHold(ctx, e, s));
    }
}
