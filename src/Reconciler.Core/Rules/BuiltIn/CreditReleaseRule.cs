using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>A credit hold whose receivable is paid (matched or confirmed) or cancelled is released.</summary>
[Name(RuleNames.CreditRelease)]
[Description("a credit hold whose receivable is paid (matched or confirmed) or cancelled in the ERP: released, naming the receivable")]
public sealed class CreditReleaseRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        OpenCreditHold h = null!;
        When().Match(() => h, x => x.ReceivableStatus == "paid" || x.ReceivableStatus == "cancelled");
        Then().Do(ctx => Decide.Release(ctx, h));
    }
}
