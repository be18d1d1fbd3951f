using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NRules;
using NRules.Fluent;
using NRules.RuleModel;
using Reconciler.Rules.BuiltIn;

namespace Reconciler.Rules;

/// <summary>
/// The rule set: the built-in rules and the ones declared in configuration, compiled once into one NRules session
/// factory (create one engine per process); <see cref="Decide"/> runs one session over a run's facts. The rules
/// only insert decisions; whoever calls this persists and sends them.
/// </summary>
public sealed class RuleEngine
{
    /// <summary>How many facts go into the session per batch.</summary>
    private const int Batch = 10_000;

    private static readonly Type[] BuiltInRules =
    [
        typeof(ExceptionAlertRule),
        typeof(ExceptionEscalationRule),
        typeof(OverdueCreditHoldRule),
        typeof(ShortPaymentCreditHoldRule),
        typeof(CreditReleaseRule),
        typeof(CreditHoldInForceRule),
        typeof(CreditHoldLapsedRule),
        typeof(PaymentCycleFlagRule),
    ];

    private readonly ISessionFactory _factory;

    /// <summary>Compiles the rule set.</summary>
    /// <param name="thresholds">The thresholds (its <see cref="RuleSettings.Today"/> is ignored: each run gives its own day).</param>
    /// <param name="declared">Rules declared in configuration; must be valid (see <see cref="ThresholdRuleCompiler.Validate"/>).</param>
    /// <exception cref="ArgumentException">A declared rule is not valid.</exception>
    public RuleEngine(RuleSettings thresholds, IReadOnlyList<ThresholdRule> declared)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(declared);
        if (ThresholdRuleCompiler.Validate(declared, "Rules:Declared") is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(declared));
        }

        Thresholds = thresholds with { Today = default, Now = default };
        Declared = declared;
        var repository = new RuleRepository();
        repository.Load(x => x.From(BuiltInRules).To("built-in"));
        var configured = new RuleSet("configuration");
        configured.Add(declared.Select(ThresholdRuleCompiler.Compile));
        repository.Add(configured);
        _factory = repository.Compile();
        Version = MakeVersion(Thresholds, declared);
        Rules =
        [
            .. repository.GetRuleSets().First(r => r.Name == "built-in").Rules.Select(r => new RuleDescription(r.Name, "built-in", WithValues(r.Description, Thresholds))),
            .. declared.Select(r => new RuleDescription(r.Name, "configuration", ThresholdRuleCompiler.Describe(r))),
        ];
    }

    /// <summary>The thresholds every run uses.</summary>
    public RuleSettings Thresholds { get; }

    /// <summary>The rules declared in configuration.</summary>
    public IReadOnlyList<ThresholdRule> Declared { get; }

    /// <summary>
    /// The rule-set version stamped on every decision: the rules' code version and a digest of the code (the IL of
    /// the rules' types), the thresholds and the declared rules, so a change of any is a new version.
    /// </summary>
    public string Version { get; }

    /// <summary>The active rules, built-in first, with their thresholds.</summary>
    public IReadOnlyList<RuleDescription> Rules { get; }

    /// <summary>
    /// Runs one session over <paramref name="facts"/> as of <paramref name="today"/> (the local day: overdue days)
    /// and <paramref name="now"/> (ages of exceptions) and returns what the rules decided, each kind in a stable
    /// order and each key once.
    /// </summary>
    public RuleDecisions Decide(RuleFacts facts, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var settings = Thresholds with { Today = today, Now = now };
        var session = _factory.CreateSession();
        session.Insert(settings);
        var groups = settings.CustomerGroups;
        Insert(session, facts.Exceptions.Select(e => groups.TryGetValue(e.Concern.CustomerId, out var g) ? e with { CustomerGroup = g } : e));
        Insert(session, facts.Overdue.Select(o => groups.TryGetValue(o.Concern.CustomerId, out var g) ? o with { CustomerGroup = g } : o));
        Insert(session, facts.Cycles);
        Insert(session, facts.Holds);
        Insert(session, facts.ReleasedHolds);
        session.Fire();
        return new RuleDecisions
        {
            RuleSetVersion = Version,
            Alerts = [.. session.Query<Alert>().DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal)],
            Escalations = [.. session.Query<Escalation>().DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal)],
            Flags = [.. session.Query<Flag>().DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal)],
            Holds = [.. session.Query<CreditHold>().DistinctBy(a => a.Key).OrderBy(a => a.Key, StringComparer.Ordinal)],
            Releases = [.. session.Query<CreditRelease>().DistinctBy(a => a.HoldId).OrderBy(a => a.HoldId)],
            Revisions = [.. session.Query<CreditHoldRevision>().DistinctBy(a => a.HoldId).OrderBy(a => a.HoldId)],
        };
    }

    private static void Insert<T>(ISession session, IEnumerable<T> facts)
        where T : notnull
    {
        foreach (var chunk in facts.Chunk(Batch))
        {
            session.TryInsertAll(chunk.Cast<object>());
        }
    }

    private static string MakeVersion(RuleSettings thresholds, IReadOnlyList<ThresholdRule> declared)
    {
        var code = typeof(RuleEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = code.IndexOf('+', StringComparison.Ordinal);
        code = plus < 0 ? code : code[..plus];
        var json = JsonSerializer.Serialize(new
        {
            code = CodeDigest(),
            thresholds = thresholds with
            {
                CustomerGroups = new SortedDictionary<string, string>(thresholds.CustomerGroups.ToDictionary(), StringComparer.Ordinal),
                EscalationAmounts = new SortedDictionary<string, decimal>(thresholds.EscalationAmounts.ToDictionary(), StringComparer.Ordinal),
            },
            declared,
        });
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12];
        return $"rules {code}+{digest}";
    }

    /// <summary>
    /// A digest of the rules' code: the IL of every method of the types in <c>Reconciler.Rules</c> (the rules, what
    /// their actions decide and the texts they write). A change to any of them is a new version; a rebuild of the same
    /// code in another folder is not (unlike the module's version id, which follows the PDB path); Debug and Release IL differ.
    /// </summary>
    private static string CodeDigest()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var types = typeof(RuleEngine).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Reconciler.Rules", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(type.FullName ?? type.Name));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).OrderBy(m => m.ToString(), StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(method.ToString() ?? ""));
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                {
                    hash.AppendData(il);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A built-in rule's description with each <c>Rules:Key</c> it names followed by its value; a key is matched whole,
    /// so <c>Rules:EscalationAmount</c> is not found inside <c>Rules:EscalationAmounts</c> (the amounts per currency,
    /// shown as <c>EUR 6000, USD 7000</c>, or <c>none</c>).
    /// </summary>
    private static string WithValues(string description, RuleSettings thresholds)
    {
        var result = description;
        foreach (var property in typeof(RuleSettings).GetProperties().Where(p => p.Name is not nameof(RuleSettings.Today) and not nameof(RuleSettings.Now)))
        {
            var shown = property.GetValue(thresholds) switch
            {
                IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : "false",
                IReadOnlyDictionary<string, decimal> { Count: 0 } => "none",
                IReadOnlyDictionary<string, decimal> amounts => string.Join(", ", amounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key} {a.Value}"))),
                _ => null,
            };
            if (shown is not null)
            {
                var token = "Rules:" + property.Name;
                var replacement = $"{token} (= {shown})";
                result = Regex.Replace(result, Regex.Escape(token) + "(?![A-Za-z0-9])", _ => replacement, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        return result;
    }
}
