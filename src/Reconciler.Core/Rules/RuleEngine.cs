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
/// factory (create one engine per process); <see cref="Decide"/> runs it over a run's facts, in sessions dealt by
/// receivable. The rules only insert decisions; whoever calls this persists and sends them.
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
    /// Runs the rules over <paramref name="facts"/> as of <paramref name="today"/> (the local day: overdue days) and
    /// <paramref name="now"/> (ages of exceptions) and returns what they decided, each kind in a stable order and each
    /// key once.
    /// </summary>
    /// <remarks>
    /// <para>NRules tests a condition between two facts on every pair of them (it has no hash join): the rules that
    /// look for another fact of the same receivable (a later short payment, a short payment beside an overdue
    /// receivable, the hold in force, a cause still there) cost the product of the two counts. On a ledger of 100k
    /// receivables that was 28k overdue receivables times 19k exceptions, most of 17–25 s; at a million, hours.</para>
    /// <para>Every such condition asks for the same receivable (by its id, or by a hold key that names it), so the
    /// facts are dealt into sessions by receivable (<see cref="Deal"/>), a few hundred facts each: each pair the rules
    /// can join is in one session, and the pairs tested are the ones within each. A fact about no receivable is
    /// joined by no rule and goes to any one session; the thresholds, and a released hold whose receivable is not
    /// known, go to every one (no rule decides anything from those alone). The sessions run on all cores; their
    /// decisions are merged each key once (see <see cref="Once"/>) and sorted by key, as one session's were.</para>
    /// </remarks>
    public RuleDecisions Decide(RuleFacts facts, DateOnly today, DateTimeOffset now) => Decide(facts, today, now, FactsPerSession);

    /// <summary>As <see cref="Decide(RuleFacts, DateOnly, DateTimeOffset)"/>, with about <paramref name="factsPerSession"/> facts per session.</summary>
    internal RuleDecisions Decide(RuleFacts facts, DateOnly today, DateTimeOffset now, int factsPerSession)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentOutOfRangeException.ThrowIfLessThan(factsPerSession, 1);
        var settings = Thresholds with { Today = today, Now = now };
        var groups = settings.CustomerGroups;
        var sessions = Deal(
            facts with
            {
                Exceptions = [.. facts.Exceptions.Select(e => groups.TryGetValue(e.Concern.CustomerId, out var g) ? e with { CustomerGroup = g } : e)],
                Overdue = [.. facts.Overdue.Select(o => groups.TryGetValue(o.Concern.CustomerId, out var g) ? o with { CustomerGroup = g } : o)],
            },
            factsPerSession);
        var decided = new List<object>[sessions.Length];
        try
        {
            Parallel.For(0, sessions.Length, i =>
            {
                var session = _factory.CreateSession();
                session.Insert(settings);
                Insert(session, sessions[i].Exceptions);
                Insert(session, sessions[i].Overdue);
                Insert(session, sessions[i].Cycles);
                Insert(session, sessions[i].Holds);
                Insert(session, sessions[i].ReleasedHolds);
                session.Fire();
                decided[i] = [.. session.Query<Alert>(), .. session.Query<Escalation>(), .. session.Query<Flag>(), .. session.Query<CreditHold>(), .. session.Query<CreditRelease>(), .. session.Query<CreditHoldRevision>()];
            });
        }
        catch (AggregateException error) when (error.InnerExceptions.Count == 1)
        {
            // A rule's action failed in one session: its own error, as one session would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
            throw;
        }

        var all = decided.SelectMany(d => d).ToList();
        return new RuleDecisions
        {
            RuleSetVersion = Version,
            Alerts = Once(all.OfType<Alert>(), a => a.Key, a => a.Concern),
            Escalations = Once(all.OfType<Escalation>(), a => a.Key, a => a.Concern),
            Flags = Once(all.OfType<Flag>(), a => a.Key, a => a.Concern),
            Holds = Once(all.OfType<CreditHold>(), a => a.Key, a => a.Concern),
            Releases = [.. all.OfType<CreditRelease>().DistinctBy(a => a.HoldId).OrderBy(a => a.HoldId)],
            Revisions = [.. all.OfType<CreditHoldRevision>().DistinctBy(a => a.HoldId).OrderBy(a => a.HoldId)],
        };
    }

    /// <summary>
    /// Each key once, sorted by key. Where several decisions share a key (one per receivable of a line whose exceptions
    /// name several, which sessions dealt by receivable decide apart), the one about the lowest receivable id is kept,
    /// whichever session decided it: the same choice however the facts were dealt.
    /// </summary>
    private static T[] Once<T>(IEnumerable<T> decisions, Func<T, string> key, Func<T, Concern> concern) =>
        [.. decisions
            .OrderBy(key, StringComparer.Ordinal)
            .ThenBy(d => concern(d).ReceivableId ?? long.MinValue)
            .ThenBy(d => concern(d).ContractNo, StringComparer.Ordinal)
            .DistinctBy(key)];

    /// <summary>About how many facts one session takes (see <see cref="Decide"/>): few enough that the pairs tested within it cost little.</summary>
    internal const int FactsPerSession = 256;

    /// <summary>
    /// Deals the facts into sessions by receivable (see <see cref="Decide"/>): every fact about one receivable into the
    /// same session; a fact about none into the next session in turn; a released hold whose receivable is not known
    /// into every session. One session for fewer than <paramref name="factsPerSession"/> facts.
    /// </summary>
    internal static RuleFacts[] Deal(RuleFacts facts, int factsPerSession)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var count = facts.Exceptions.Count + facts.Overdue.Count + facts.Cycles.Count + facts.Holds.Count + facts.ReleasedHolds.Count;
        var parts = Math.Max(1, count / factsPerSession);
        if (parts == 1)
        {
            return [facts];
        }

        var turn = 0;
        int Of(long? receivableId) => receivableId is { } id ? (int)((ulong)id % (ulong)parts) : turn++ % parts;
        var exceptions = Lists<MatchException>(parts);
        var overdue = Lists<OverdueReceivable>(parts);
        var cycles = Lists<CustomerPaymentCycle>(parts);
        var holds = Lists<OpenCreditHold>(parts);
        var released = Lists<ReleasedCreditHold>(parts);
        foreach (var e in facts.Exceptions)
        {
            exceptions[Of(e.Concern.ReceivableId)].Add(e);
        }

        foreach (var o in facts.Overdue)
        {
            overdue[Of(o.Concern.ReceivableId)].Add(o);
        }

        foreach (var c in facts.Cycles)
        {
            cycles[Of(null)].Add(c);
        }

        foreach (var h in facts.Holds)
        {
            holds[Of(h.Concern.ReceivableId)].Add(h);
        }

        foreach (var r in facts.ReleasedHolds)
        {
            if (r.ReceivableId is { } id)
            {
                released[Of(id)].Add(r);
            }
            else
            {
                foreach (var list in released)
                {
                    list.Add(r);
                }
            }
        }

        var sessions = new RuleFacts[parts];
        for (var i = 0; i < parts; i++)
        {
            sessions[i] = new RuleFacts { Exceptions = exceptions[i], Overdue = overdue[i], Cycles = cycles[i], Holds = holds[i], ReleasedHolds = released[i] };
        }

        return sessions;
    }

    private static List<T>[] Lists<T>(int count)
    {
        var lists = new List<T>[count];
        for (var i = 0; i < count; i++)
        {
            lists[i] = [];
        }

        return lists;
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
