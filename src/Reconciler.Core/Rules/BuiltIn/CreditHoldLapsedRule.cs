using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>
/// A hold in force whose receivable is still open but no longer calls for a hold (a part payment came on a receivable
/// held as "nothing paid", a short payment was undone) is released, saying why.
/// </summary>
[Name(RuleNames.CreditHoldLapsed)]
[Description("a credit hold whose receivable is still open but no longer meets a hold rule (something was paid on an overdue receivable held for nothing paid, a short payment was undone): released, saying why")]
public sealed class CreditHoldLapsedRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        RuleSettings s = null!;
        OpenCreditHold h = null!;
        When()
            .Match(() => s)
            .Match(() => h, x => x.ReceivableStatus == "open" && x.Concern.ReceivableId != null)
            .Not<HoldCause>(c => c.Concern.ReceivableId == h.Concern.ReceivableId);
        Then().Do(ctx => Decide.Lapsed(ctx, h, s));
    }
}
