using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Worker.Configuration;

/// <summary>One rule declared in <c>Rules:Declared</c>: which exceptions alert whom, how urgently.</summary>
internal sealed class DeclaredRuleOptions
{
    /// <summary>The rule's name (unique; stamped on its alerts).</summary>
    public string Name { get; init; } = "";

    /// <summary>Exception kinds (e.g. <c>AmountShort</c>, <c>NoReference</c>); none for every kind.</summary>
    public string[] Kinds { get; init; } = [];

    /// <summary>The smallest payment it applies to.</summary>
    public decimal? MinAmount { get; init; }

    /// <summary>The largest payment it applies to.</summary>
    public decimal? MaxAmount { get; init; }

    /// <summary>Customer groups (of <c>Rules:CustomerGroups</c>); none for every customer.</summary>
    public string[] CustomerGroups { get; init; } = [];

    /// <summary>Currencies (ISO codes); none for every currency.</summary>
    public string[] Currencies { get; init; } = [];

    /// <summary>Audiences: <c>sales-owner</c>, <c>finance</c>, <c>finance-manager</c>, <c>sales-manager</c>.</summary>
    public string[] Audiences { get; init; } = [];

    /// <summary>Further addresses to alert.</summary>
    public string[] Addresses { get; init; } = [];

    /// <summary><c>info</c>, <c>warning</c>, <c>high</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = "warning";

    /// <summary>Send at once, even in digest mode.</summary>
    public bool Immediate { get; init; }

    /// <summary>The rule, adding a message to <paramref name="problems"/> for each value that is not one.</summary>
    public ThresholdRule ToRule(string path, List<string> problems)
    {
        var kinds = new List<ExceptionKind>();
        foreach (var kind in Kinds)
        {
            if (Enum.TryParse<ExceptionKind>(kind.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !kind.Any(char.IsDigit))
            {
                kinds.Add(parsed);
            }
            else
            {
                problems.Add($"{path}:Kinds: \"{kind}\" is not an exception kind; kinds: {string.Join(", ", Enum.GetNames<ExceptionKind>().Where(n => n != nameof(ExceptionKind.None)))}.");
            }
        }

        var audiences = new List<Audience>();
        foreach (var name in Audiences)
        {
            if (AudienceNames.Parse(name) is { } audience)
            {
                audiences.Add(audience);
            }
            else
            {
                problems.Add($"{path}:Audiences: \"{name}\" is not an audience; audiences: sales-owner, finance, finance-manager, sales-manager.");
            }
        }

        if (!Enum.TryParse<Severity>(Severity, ignoreCase: true, out var severity) || !Enum.IsDefined(severity) || Severity.Any(char.IsDigit))
        {
            problems.Add($"{path}:Severity: \"{Severity}\" is not a severity; severities: info, warning, high, critical.");
        }

        return new ThresholdRule
        {
            Name = Name.Trim(),
            Kinds = kinds,
            MinAmount = MinAmount,
            MaxAmount = MaxAmount,
            CustomerGroups = CustomerGroups,
            Currencies = Currencies,
            Audiences = audiences,
            Addresses = [.. Addresses.Select(a => a.Trim())],
            Severity = severity,
            Immediate = Immediate,
        };
    }
}
