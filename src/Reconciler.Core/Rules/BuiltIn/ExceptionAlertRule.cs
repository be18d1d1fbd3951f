using NRules.Fluent.Dsl;

namespace Reconciler.Rules.BuiltIn;

/// <summary>Every exception alerts the customer's sales owner and finance, once per line and kind.</summary>
[Name(RuleNames.ExceptionAlert)]
[Description("every exception: one alert to the customer's sales owner and one to finance, once per line and kind")]
public sealed class ExceptionAlertRule : Rule
{
    /// <inheritdoc/>
    public override void Define()
    {
        MatchException e = null!;
        When().Match(() => e);
        Then().Do(ctx => Decide.ExceptionAlerts(ctx, e));
    }
}
