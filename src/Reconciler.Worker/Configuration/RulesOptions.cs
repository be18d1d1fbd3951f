using System.Globalization;
using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Rules</c> configuration section: the thresholds of the built-in rules, customer groups, and rules finance
/// declares without a rebuild (<c>Declared</c>).
/// </summary>
internal sealed class RulesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Rules";

    private static readonly RuleSettings Defaults = new() { Today = default };

    /// <summary>An exception whose payment is at least this amount escalates to the finance manager.</summary>
    public decimal EscalationAmount { get; init; } = Defaults.EscalationAmount;

    /// <summary>The escalation amount per currency (ISO code → amount); other currencies use <see cref="EscalationAmount"/>.</summary>
    public Dictionary<string, decimal> EscalationAmounts { get; init; } = new(StringComparer.Ordinal);

    /// <summary>An exception unresolved for more than this many days escalates to the finance manager.</summary>
    public int EscalateAfterDays { get; init; } = Defaults.EscalateAfterDays;

    /// <summary>A receivable overdue by more than this many days with nothing paid puts its customer on credit hold.</summary>
    public int OverdueDays { get; init; } = Defaults.OverdueDays;

    /// <summary>How many of the customer's next orders a credit hold covers.</summary>
    public int HoldOrders { get; init; } = Defaults.HoldOrders;

    /// <summary>Whether a short payment beyond tolerance puts the customer on credit hold.</summary>
    public bool HoldOnShortPayment { get; init; } = Defaults.HoldOnShortPayment;

    /// <summary>How many of a customer's last paid receivables its payment cycle looks at.</summary>
    public int CycleReceivables { get; init; } = Defaults.CycleReceivables;

    /// <summary>Standard deviation of days-to-pay at or below which a customer is healthy, in days.</summary>
    public double HealthyCycleDays { get; init; } = Defaults.HealthyCycleDays;

    /// <summary>Standard deviation of days-to-pay above which the customer is flagged to the sales manager, in days.</summary>
    public double FlagCycleDays { get; init; } = Defaults.FlagCycleDays;

    /// <summary>Customer groups: group name → the customer ids in it.</summary>
    public Dictionary<string, string[]> CustomerGroups { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rules declared in configuration.</summary>
    public DeclaredRuleOptions[] Declared { get; init; } = [];

    /// <summary>The thresholds as the rules see them (the day is set per run).</summary>
    public RuleSettings ToSettings()
    {
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (group, customers) in CustomerGroups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var customer in customers)
            {
                groups.TryAdd(customer, group);
            }
        }

        return new RuleSettings
        {
            Today = default,
            EscalationAmount = EscalationAmount,
            EscalationAmounts = new Dictionary<string, decimal>(EscalationAmounts, StringComparer.Ordinal),
            EscalateAfterDays = EscalateAfterDays,
            OverdueDays = OverdueDays,
            HoldOrders = HoldOrders,
            HoldOnShortPayment = HoldOnShortPayment,
            CycleReceivables = CycleReceivables,
            HealthyCycleDays = HealthyCycleDays,
            FlagCycleDays = FlagCycleDays,
            CustomerGroups = groups,
        };
    }

    /// <summary>The declared rules; call after <see cref="Validate"/> found nothing.</summary>
    public IReadOnlyList<ThresholdRule> ToRules() => [.. Declared.Select((d, i) => d.ToRule(Path(i), []))];

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        void AtLeast(string name, double value, double min)
        {
            if (value < min)
            {
                problems.Add(string.Create(inv, $"{Section}:{name} must be {min} or more; it is {value}."));
            }
        }

        AtLeast(nameof(EscalationAmount), (double)EscalationAmount, 0);
        foreach (var (currency, amount) in EscalationAmounts)
        {
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                problems.Add($"{Section}:{nameof(EscalationAmounts)}: \"{currency}\" is not an upper-case ISO 4217 code.");
            }

            if (amount < 0)
            {
                problems.Add(string.Create(inv, $"{Section}:{nameof(EscalationAmounts)}:{currency} must be 0 or more; it is {amount}."));
            }
        }

        AtLeast(nameof(EscalateAfterDays), EscalateAfterDays, 0);
        AtLeast(nameof(OverdueDays), OverdueDays, 0);
        AtLeast(nameof(HoldOrders), HoldOrders, 0);
        AtLeast(nameof(CycleReceivables), CycleReceivables, 2);
        AtLeast(nameof(HealthyCycleDays), HealthyCycleDays, 0);
        if (FlagCycleDays < HealthyCycleDays)
        {
            problems.Add(string.Create(inv, $"{Section}:{nameof(FlagCycleDays)} ({FlagCycleDays}) must not be below {Section}:{nameof(HealthyCycleDays)} ({HealthyCycleDays})."));
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (group, customers) in CustomerGroups)
        {
            foreach (var customer in customers ?? [])
            {
                if (seen.TryGetValue(customer, out var other) && !string.Equals(other, group, StringComparison.Ordinal))
                {
                    problems.Add($"{Section}:{nameof(CustomerGroups)}: customer {customer} is in both {other} and {group}; a customer is in one group.");
                }

                seen[customer] = group;
            }
        }

        var rules = new List<ThresholdRule>();
        for (var i = 0; i < Declared.Length; i++)
        {
            rules.Add(Declared[i].ToRule(Path(i), problems));
            foreach (var group in Declared[i].CustomerGroups.Where(g => !CustomerGroups.ContainsKey(g)))
            {
                problems.Add($"{Path(i)}:CustomerGroups: \"{group}\" is not a group of {Section}:{nameof(CustomerGroups)}.");
            }
        }

        problems.AddRange(ThresholdRuleCompiler.Validate(rules, $"{Section}:{nameof(Declared)}"));
        return problems;
    }

    private static string Path(int i) => string.Create(CultureInfo.InvariantCulture, $"{Section}:{nameof(Declared)}:{i}");
}
