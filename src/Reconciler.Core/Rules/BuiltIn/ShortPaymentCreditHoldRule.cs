using NRules.Fluent.Dsl;
using Reconciler.Domain;

namespace Reconciler.Rules.BuiltIn;

/// <summary>
/// A short payment beyond tolerance on a receivable still open calls for a credit hold on the customer; of several
/// on one receivable, the latest (see <see cref="HoldCause.IsLater"/>) names the hold. Inserted as a
/// <see cref="HoldCause"/> for <see cref="CreditHoldInForceRule"/>.
/// </summary>
[Name(RuleNames.ShortPaymentCreditHold)]
[Description("a short payment beyond tolerance (Rules:HoldOnShortPayment): credit hold on the customer's next Rules:HoldOrders orders, released when the receivable is paid")]
[Priority(10)]
public sealed class ShortPaymentCreditHoldRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        MatchException e = null!;
        When()
            .Match(() => s, x => x.HoldOnShortPayment && x.HoldOrders > 0)
            .Match(() => e, x => x.Kind == ExceptionKind.AmountShort && x.ReceivableOpen && x.Concern.ReceivableId != null && x.Concern.CustomerId != "")
            .Not<MatchException>(x => x.Kind == ExceptionKind.AmountShort && x.ReceivableOpen && x.Concern.CustomerId != ""
                && x.Concern.ReceivableId == e.Concern.ReceivableId && HoldCause.IsLater(x, e));
        Then().Do(ctx => Decide.ShortPaymentCause(ctx, e));
    }
}
