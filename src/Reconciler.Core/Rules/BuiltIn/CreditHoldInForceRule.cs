using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>
/// What calls for a hold on a receivable (a <see cref="HoldCause"/>) opens one when none is in force for it, or else
/// keeps the one in force with the cause's key and reason (revised when they changed) and releases any other hold on
/// the same receivable: one hold per receivable, whatever order the payments came in.
/// </summary>
[Name(RuleNames.CreditHoldInForce)]
[Description("one credit hold per receivable: opened for its cause, or the hold in force kept with the reason the facts give now (a short payment after an overdue hold changes its reason; the hold keeps its id and orders)")]
public sealed class CreditHoldInForceRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        HoldCause c = null!;
        IEnumerable<OpenCreditHold> holds = null!;
        When()
            .Match(() => s)
            .Match(() => c)
            .Query(() => holds, q => q.Match<OpenCreditHold>(h => h.ReceivableStatus == "open" && h.Concern.ReceivableId == c.Concern.ReceivableId).Collect());
        Then().Do(ctx => Decide.InForce(ctx, c, holds, s));
    }
}
