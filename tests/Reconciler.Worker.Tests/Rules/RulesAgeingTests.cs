using Microsoft.Data.Sqlite;
using Reconciler.Matching;
using Reconciler.Rules;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reconciliation;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Rules;

/// <summary>
/// Exceptions age on the run's clock, end to end: the samples reconciled on 2 March raise no escalation (no payment
/// reaches the escalation amount); the same run six days later escalates every exception still open, once.
/// </summary>
public sealed class RulesAgeingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void Reconcile_SixDaysLater_EscalatesEveryExceptionStillOpenOnce()
    {
        // Arrange
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
        var request = Request(clock);
        var store = new LedgerStore(request.Ledger!, clock);

        // Act 1: the first run, on 2 March.
        ReconcileJob.Run(request);

        // Assert: exceptions alerted, none escalated yet.
        var open = store.LoadRuleFacts(new DateOnly(2026, 3, 2), 3).Exceptions;
        Assert.Equal(7, open.Count);
        Assert.DoesNotContain(store.ListAlerts(null), a => a.Alert.Kind == "escalation");

        // Act 2: the same again six days later (nothing new to match; the rules still run).
        clock.Advance(TimeSpan.FromDays(6));
        var later = ReconcileJob.Run(request);

        // Assert: one escalation per open exception, to the finance manager's address, saying how old it is.
        var escalations = store.ListAlerts(null).Where(a => a.Alert.Kind == "escalation").ToList();
        Assert.Equal(open.Select(e => e.LineId).Order(), escalations.Select(a => a.Alert.LineId!.Value).Order());
        Assert.All(escalations, a => Assert.Equal(("finance-manager", "cfo@example.com", AlertStatus.Sent), (a.Alert.Audience, a.Alert.Recipient, a.Status)));
        Assert.All(escalations, a => Assert.Contains("unresolved for 6 days (more than 5 days) since 2026-03-02 08:30 UTC", a.Alert.Body, StringComparison.Ordinal));
        Assert.Contains(later.Notes, n => n.StartsWith("decided: ", StringComparison.Ordinal) && n.Contains("7 escalations", StringComparison.Ordinal));

        // Act 3 and assert: a day later, nothing is escalated again.
        clock.Advance(TimeSpan.FromDays(1));
        ReconcileJob.Run(request);
        Assert.Equal(escalations.Count, store.ListAlerts(null).Count(a => a.Alert.Kind == "escalation"));
    }

    private ReconcileRequest Request(TimeProvider clock)
    {
        var data = _temp.File("data");
        var alerts = new AlertsOptions { Finance = ["finance@example.com"], FinanceManager = ["cfo@example.com"], Folder = _temp.File("alerts") };
        return new ReconcileRequest(
            Repository.Samples("receivables.csv"),
            [Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv")],
            _temp.File("results.csv"),
            new MatchingOptions())
        {
            Ledger = StoreLocation.DataFolder(data),
            Rules = new RulesSetup(new RuleEngine(new RuleSettings { Today = default }, []), alerts, Path.Combine(data, "alerts")),
            Clock = clock,
        };
    }
}
