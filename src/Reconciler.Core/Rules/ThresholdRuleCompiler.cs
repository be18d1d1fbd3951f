using System.Globalization;
using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Reconciler.Domain;

namespace Reconciler.Rules;

/// <summary>
/// Turns rules declared in configuration (<see cref="ThresholdRule"/>) into NRules rule definitions: one pattern
/// over <see cref="MatchException"/> whose condition is the rule's filter, and an action that inserts its alerts.
/// </summary>
public static class ThresholdRuleCompiler
{
    /// <summary>Checks the declared rules; one message per problem, naming the rule and the setting.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ThresholdRule> rules, string path)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var builtIn = typeof(RuleNames).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}:{i}");
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add($"{at}:Name is required.");
            }
            else if (!names.Add(rule.Name))
            {
                problems.Add($"{at}:Name \"{rule.Name}\" is used by another rule; names must be unique.");
            }
            else if (builtIn.Contains(rule.Name))
            {
                problems.Add($"{at}:Name \"{rule.Name}\" is the name of a built-in rule.");
            }
            else if (rule.Name.Any(c => char.IsWhiteSpace(c) || c is ':' or '|'))
            {
                problems.Add($"{at}:Name \"{rule.Name}\" may not contain spaces, ':' or '|'.");
            }

            if (rule.MinAmount is { } min && rule.MaxAmount is { } max && min > max)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{at}: MinAmount ({min}) is above MaxAmount ({max})."));
            }

            if (rule.MinAmount < 0 || rule.MaxAmount < 0)
            {
                problems.Add($"{at}: MinAmount and MaxAmount may not be negative.");
            }

            if (rule.Kinds.Contains(ExceptionKind.None))
            {
                problems.Add($"{at}:Kinds may not contain None.");
            }

            foreach (var currency in rule.Currencies.Where(c => c.Length != 3 || !c.All(char.IsAsciiLetterUpper)))
            {
                problems.Add($"{at}:Currencies: \"{currency}\" is not an upper-case ISO 4217 code.");
            }

            if (rule.Audiences.Count == 0 && rule.Addresses.Count == 0)
            {
                problems.Add($"{at}: say whom to alert: Audiences (sales-owner, finance, finance-manager, sales-manager) or Addresses.");
            }

            if (rule.Audiences.Contains(Audience.Named))
            {
                problems.Add($"{at}:Audiences: put addresses in Addresses rather than the audience \"named\".");
            }

            foreach (var address in rule.Addresses.Where(a => string.IsNullOrWhiteSpace(a)))
            {
                problems.Add($"{at}:Addresses: an address is empty.");
            }
        }

        return problems;
    }

    /// <summary>The NRules definition of one declared rule.</summary>
    public static IRuleDefinition Compile(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var builder = new RuleBuilder();
        builder.Name(rule.Name);
        builder.Description(Describe(rule));
        builder.Tag("configuration");
        var pattern = builder.LeftHandSide().Pattern(typeof(MatchException), "e");
        var e = pattern.Declaration.ToParameterExpression();
        pattern.Condition(Expression.Lambda(
            Expression.Call(typeof(ThresholdRuleCompiler).GetMethod(nameof(Matches))!, Expression.Constant(rule), e),
            e));
        var ctx = Expression.Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Expression.Lambda(
            Expression.Call(typeof(Decide).GetMethod(nameof(Decide.Threshold))!, ctx, e, Expression.Constant(rule)),
            ctx,
            e));
        return builder.Build();
    }

    /// <summary>Whether <paramref name="rule"/>'s filter takes <paramref name="e"/>.</summary>
    public static bool Matches(ThresholdRule rule, MatchException e)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        return (rule.Kinds.Count == 0 || rule.Kinds.Contains(e.Kind))
            && (rule.MinAmount is not { } min || e.Amount >= min)
            && (rule.MaxAmount is not { } max || e.Amount <= max)
            && (rule.Currencies.Count == 0 || rule.Currencies.Contains(e.Currency, StringComparer.Ordinal))
            && (rule.CustomerGroups.Count == 0 || rule.CustomerGroups.Contains(e.CustomerGroup, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The rule in one line, with its filter and whom it alerts.</summary>
    public static string Describe(ThresholdRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>
        {
            rule.Kinds.Count == 0 ? "every exception" : "exceptions " + string.Join(", ", rule.Kinds),
        };
        if (rule.MinAmount is { } min)
        {
            parts.Add(string.Create(inv, $"amount ≥ {min:#,##0.##}"));
        }

        if (rule.MaxAmount is { } max)
        {
            parts.Add(string.Create(inv, $"amount ≤ {max:#,##0.##}"));
        }

        if (rule.Currencies.Count > 0)
        {
            parts.Add("in " + string.Join(", ", rule.Currencies));
        }

        if (rule.CustomerGroups.Count > 0)
        {
            parts.Add("customer group " + string.Join(", ", rule.CustomerGroups));
        }

        var whom = rule.Audiences.Select(a => a.ToName()).Concat(rule.Addresses);
        return $"{string.Join(", ", parts)}: {rule.Severity.ToName()} alert to {string.Join(", ", whom)}{(rule.Immediate ? " at once" : "")}";
    }
}
