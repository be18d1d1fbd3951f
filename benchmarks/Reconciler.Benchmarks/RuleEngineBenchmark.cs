using BenchmarkDotNet.Attributes;
using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Benchmarks;

/// <summary>
/// One rules session over a run's facts: exceptions of every kind (a tenth of them large or old enough to escalate,
/// a tenth short payments that put a customer on hold), overdue receivables and open holds. The baseline builds the
/// two dual-channel alerts per exception in a plain loop, the least any rules step must do; the engine is compiled
/// once, outside the measurement, as the worker does once per process.
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmark
{
    private static readonly ExceptionKind[] Kinds = [.. Enum.GetValues<ExceptionKind>().Where(k => k != ExceptionKind.None)];
    private static readonly DateOnly Today = new(2026, 11, 27);
    private readonly RuleEngine _engine = new(new RuleSettings { Today = default }, []);
    private RuleFacts _facts = new();

    [Params(10_000, 100_000)]
    public int Exceptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _facts = new RuleFacts
        {
            Exceptions = [.. Enumerable.Range(1, Exceptions).Select(i => new MatchException
            {
                LineId = i,
                Kind = i % 10 == 0 ? ExceptionKind.AmountShort : Kinds[random.Next(Kinds.Length)],
                FirstSeen = new DateTimeOffset(Today.AddDays(-random.Next(0, 8)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                ReceivableOpen = true,
                Concern = Concern(i, random.Next(10, 60_000)),
            })],
            Overdue = [.. Enumerable.Range(1, Exceptions / 10).Select(i => new OverdueReceivable
            {
                DaysOverdue = random.Next(1, 120),
                NothingPaid = i % 2 == 0,
                Concern = Concern(1_000_000 + i, 12_000),
            })],
            Holds = [.. Enumerable.Range(1, Exceptions / 100).Select(i => new OpenCreditHold
            {
                HoldId = i,
                Key = "overdue:" + i,
                ReceivableStatus = i % 2 == 0 ? "paid" : "open",
                Concern = Concern(2_000_000 + i, 5_000),
            })],
        };
    }

    [Benchmark(Baseline = true)]
    public int PlainLoopDualAlerts()
    {
        var alerts = new List<Alert>(_facts.Exceptions.Count * 2);
        foreach (var e in _facts.Exceptions)
        {
            alerts.Add(new Alert("loop", "exception:" + e.LineId + ":finance", Audience.Finance, Severity.Warning, e.Kind.ToString(), "", e.Concern));
            alerts.Add(new Alert("loop", "exception:" + e.LineId + ":sales-owner", Audience.SalesOwner, Severity.Warning, e.Kind.ToString(), "", e.Concern));
        }

        return alerts.Count;
    }

    [Benchmark]
    public int RuleSession()
    {
        var decisions = _engine.Decide(_facts, Today, new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        return decisions.Alerts.Count + decisions.Escalations.Count + decisions.Holds.Count + decisions.Releases.Count;
    }

    private static Concern Concern(long id, decimal amount) => new()
    {
        CustomerId = "C" + (id % 5_000),
        CustomerName = "Customer " + (id % 5_000),
        SalesOwner = "owner" + (id % 20) + "@example.com",
        ContractNo = "KL26-" + id,
        ReceivableId = id,
        LineId = id,
        File = "bank.csv",
        Row = (int)(id % 100_000),
        Amount = amount,
        Currency = "CNY",
        OpenAmount = amount * 1.1m,
        Explanation = "explanation",
    };
}
