using Reconciler.Rules;

namespace Reconciler.Worker.Alerts;

/// <summary>The audiences' names in the outbox and in configuration: <c>sales-owner</c>, <c>finance</c>, …</summary>
internal static class AlertAudiences
{
    /// <summary>Every audience's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Audience>().Select(Name)];

    /// <summary>The kebab-case name of <paramref name="audience"/>.</summary>
    public static string Name(Audience audience) => audience switch
    {
        Audience.SalesOwner => "sales-owner",
        Audience.Finance => "finance",
        Audience.FinanceManager => "finance-manager",
        Audience.SalesManager => "sales-manager",
        Audience.Named => "named",
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
    };
}
