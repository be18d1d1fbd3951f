using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>
/// What calls for a hold on a receivable (a <see cref="HoldCause"/>) opens one when none is in force for it, or else
/// keeps the one in force with the cause's key and reason (revised when they changed) and releases any other hold on
/// the same receivable: one hold per receivable, whatever order the payments came in. A hold that would be revised to
/// a cause released before (a <see cref="ReleasedCreditHold"/> with the cause's key) is released instead, and the
/// sales owner and finance are told, as for any release.
/// </summary>
[Name(RuleNames.CreditHoldInForce)]
[Description("one credit hold per receivable: opened for its cause, or the hold in force kept with the reason the facts give now (a short payment after an overdue hold changes its reason; the hold keeps its id and orders); a hold that would take on a cause released before is released instead, as a cause released once is not held again")]
public sealed class CreditHoldInForceRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        HoldCause c = null!;
        IEnumerable<OpenCreditHold> holds = null!;
        IEnumerable<ReleasedCreditHold> released = null!;
        When()
            .Match(() => s)
            .Match(() => c)
            .Query(() => holds, q => q.Match<OpenCreditHold>(h => h.ReceivableStatus == "open" && h.Concern.ReceivableId == c.Concern.ReceivableId).Collect())
            .Query(() => released, q => q.Match<ReleasedCreditHold>(r => r.Key == c.Key).Collect());
        Then().Do(ctx => Decide.InForce(ctx, c, holds, released.FirstOrDefault(), s));
    }
}
