namespace Reconciler.Rules;

/// <summary>The audiences' names in keys, files and configuration: <c>sales-owner</c>, <c>finance</c>, …</summary>
public static class AudienceNames
{
    /// <summary>Every audience's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Audience>().Select(ToName)];

    /// <summary>The kebab-case name of <paramref name="audience"/>.</summary>
    public static string ToName(this Audience audience) => audience switch
    {
        Audience.SalesOwner => "sales-owner",
        Audience.Finance => "finance",
        Audience.FinanceManager => "finance-manager",
        Audience.SalesManager => "sales-manager",
        Audience.Named => "named",
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
    };

    /// <summary>The audience named <paramref name="name"/> (kebab-case or the enum's name, any case); null when none is.</summary>
    public static Audience? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var audience in Enum.GetValues<Audience>())
        {
            if (string.Equals(name, audience.ToName(), StringComparison.OrdinalIgnoreCase) || string.Equals(name, audience.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return audience;
            }
        }

        return null;
    }
}
