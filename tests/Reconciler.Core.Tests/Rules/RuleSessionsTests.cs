using System.Text.Json;
using Reconciler.Domain;
using Reconciler.Rules;
using static Reconciler.Core.Tests.Rules.RuleFactsBuilder;

namespace Reconciler.Core.Tests.Rules;

/// <summary>
/// The rules run in sessions dealt by receivable (NRules tests a condition between two facts on every pair): what
/// they decide must be what one session over all the facts decides.
/// </summary>
public sealed class RuleSessionsTests
{
    private static readonly RuleEngine Engine = new(new RuleSettings { Today = default }, []);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(64)]
    public void Decide_ManyReceivablesDealtIntoSessions_DecidesWhatOneSessionDecides(int factsPerSession)
    {
        // Arrange: every joined case, on 420 receivables: overdue; two short payments; a hold revised; a hold released
        // as its receivable is paid; a hold lapsed; a cause released by hand before (with and without its receivable
        // known); lines about no receivable; and lines whose receivables were lowered below what they paid, one line
        // naming several receivables (dealt into different sessions), old enough to escalate.
        var facts = ManyReceivables(420);
        Assert.True(RuleEngine.Deal(facts, factsPerSession).Length >= 7);

        // Act
        var one = Engine.Decide(facts, Today, Now, int.MaxValue);
        var dealt = Engine.Decide(facts, Today, Now, factsPerSession);

        // Assert: the same decisions, in the same order; and the cases joined across facts did decide something.
        Assert.Equal(Json(one), Json(dealt));
        Assert.NotEmpty(one.Holds);
        Assert.NotEmpty(one.Releases);
        Assert.NotEmpty(one.Revisions);
        Assert.NotEmpty(one.Flags);
        Assert.Contains(one.Holds, h => h.Key.StartsWith("short:", StringComparison.Ordinal));
        Assert.Contains(one.Releases, r => r.HoldId >= 50_000); // the holds of causes released before

        // A line's lowered receivables share its escalation's key: the one kept names the lowest receivable.
        var escalation = Assert.Single(one.Escalations, e => e.Key.Contains($":{LoweredLine}:", StringComparison.Ordinal));
        Assert.Equal(1001L, escalation.Concern.ReceivableId);
    }

    /// <summary>The line whose exceptions name three lowered receivables (see <see cref="ManyReceivables"/>).</summary>
    private const long LoweredLine = 99_999;

    [Fact]
    public void Deal_FactsOfOneReceivableTogether_ReleasedHoldOfNoKnownReceivableInEverySession()
    {
        var facts = ManyReceivables(420);

        var sessions = RuleEngine.Deal(facts, 4);

        Assert.All(
            facts.Exceptions.Where(e => e.Concern.ReceivableId is not null).GroupBy(e => e.Concern.ReceivableId),
            same => Assert.Single(sessions, s => s.Exceptions.Any(e => e.Concern.ReceivableId == same.Key)));
        foreach (var overdue in facts.Overdue)
        {
            var session = Assert.Single(sessions, s => s.Overdue.Contains(overdue));
            Assert.Equal(
                facts.Exceptions.Count(e => e.Concern.ReceivableId == overdue.Concern.ReceivableId),
                session.Exceptions.Count(e => e.Concern.ReceivableId == overdue.Concern.ReceivableId));
            Assert.Equal(
                facts.Holds.Count(h => h.Concern.ReceivableId == overdue.Concern.ReceivableId),
                session.Holds.Count(h => h.Concern.ReceivableId == overdue.Concern.ReceivableId));
        }

        var unknown = Assert.Single(facts.ReleasedHolds, r => r.ReceivableId is null);
        Assert.All(sessions, s => Assert.Contains(unknown, s.ReleasedHolds));
        Assert.Equal(facts.Exceptions.Count, sessions.Sum(s => s.Exceptions.Count));
        Assert.Equal(facts.Cycles.Count, sessions.Sum(s => s.Cycles.Count));
        Assert.Single(RuleEngine.Deal(new RuleFacts { Overdue = [Overdue(11, 31)] }, 4));
    }

    private static RuleFacts ManyReceivables(int count)
    {
        var exceptions = new List<MatchException>();
        var overdue = new List<OverdueReceivable>();
        var holds = new List<OpenCreditHold>();
        var released = new List<ReleasedCreditHold>();
        for (long r = 1000; r < 1000 + count; r++)
        {
            var line = r * 10;
            switch (r % 7)
            {
                case 0:
                    overdue.Add(Overdue(r, 31));
                    break;
                case 1:
                    exceptions.Add(Short(r, line, Today.AddDays(-3)));
                    exceptions.Add(Short(r, line + 1, Today));
                    break;
                case 2:
                    overdue.Add(Overdue(r, 31, nothingPaid: false));
                    exceptions.Add(Short(r, line, Today));
                    holds.Add(HoldOn(r, 10_000 + r, "open", $"overdue:{r}", "an earlier reason"));
                    break;
                case 3:
                    holds.Add(HoldOn(r, 20_000 + r, "paid", $"overdue:{r}", "an earlier reason"));
                    break;
                case 4:
                    holds.Add(HoldOn(r, 30_000 + r, "open", $"overdue:{r}", "a cause gone since"));
                    break;
                case 5:
                    overdue.Add(Overdue(r, 31));
                    holds.Add(HoldOn(r, 50_000 + r, "open", $"short:{line}:{r}", "a short payment undone since"));
                    released.Add(new ReleasedCreditHold { HoldId = 40_000 + r, Key = $"overdue:{r}", ReceivableId = released.Count == 0 ? null : r, ReleasedAt = Now.AddDays(-3), ReleasedBy = "anna.berg" });
                    break;
                default:
                    exceptions.Add(Exception(line, ExceptionKind.NoReference, 1_200m, contract: "", receivable: null));
                    break;
            }
        }

        foreach (var receivable in new long[] { 1003, 1001, 1002 })
        {
            exceptions.Add(Exception(LoweredLine, ExceptionKind.ReceivableLowered, 60_000m, contract: "KL26-" + receivable, receivable: receivable, ageDays: 9));
        }

        return new RuleFacts
        {
            Exceptions = exceptions,
            Overdue = overdue,
            Holds = holds,
            ReleasedHolds = released,
            Cycles = [Cycle("C002", 10, 60, 5, 90), Cycle("C003", 30, 31, 29, 30)],
        };
    }

    private static MatchException Short(long receivable, long line, DateOnly paid) =>
        Exception(line, ExceptionKind.AmountShort, 9_000m, contract: "KL26-" + receivable, receivable: receivable) is var e
            ? e with { Concern = e.Concern with { OpenAmount = 3_000m, PaymentDate = paid } }
            : throw new InvalidOperationException();

    private static OpenCreditHold HoldOn(long receivable, long id, string status, string key, string reason) =>
        Hold(id, status, key: key, reason: reason) is var h
            ? h with { Concern = h.Concern with { ReceivableId = receivable, ContractNo = "KL26-" + receivable } }
            : throw new InvalidOperationException();

    private static string Json(RuleDecisions decisions) => JsonSerializer.Serialize(decisions);
}
