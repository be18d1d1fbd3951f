using ClosedXML.Excel;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Reports;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconcile --data DIR --no-rules</c>: the match run is decided and saved as without the option, the rules and
/// alerts are left for later, and the run stays marked as awaiting them (the bookmark the worker follows).
/// </summary>
public class ReconcileNoRulesTests
{
    [Fact]
    public void Reconcile_NoRules_SavesTheRunSendsNothingAndLeavesTheRunAwaitingTheRules()
    {
        // Arrange: the samples with two receivables long overdue, which the rules would put on credit hold.
        using var ledger = new ReconciledLedger();
        var receivables = ReceivablesWithOverdue(ledger);
        using var withRules = ReconciledLedger.FromSamples(ReconciledLedger.OverdueUnpaid);

        // Act
        var run = Reconcile(ledger, receivables, "--no-rules");

        // Assert: the same results as a run with rules, one match run saved, no alert, no hold, the run awaiting the rules.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        Assert.Contains("rules and alerts not run (--no-rules): match run 1 waits for them", run.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(withRules.File("results.csv")), File.ReadAllBytes(ledger.File("results.csv")));
        Assert.Equal(1L, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM match_run"));
        Assert.Equal(0L, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Equal(0L, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM credit_hold"));
        Assert.Empty(ledger.AlertFiles());
        Assert.Equal(1L, ledger.Store().RunAwaitingRules());
        Assert.True(withRules.Database.Scalar<long>("SELECT COUNT(*) FROM credit_hold") > 0);
    }

    [Fact]
    public void Reconcile_WithRulesAfterANoRulesRun_DecidesWhatTheNoRulesRunLeft()
    {
        // Arrange
        using var ledger = new ReconciledLedger();
        var receivables = ReceivablesWithOverdue(ledger);
        using var withRules = ReconciledLedger.FromSamples(ReconciledLedger.OverdueUnpaid);
        Reconcile(ledger, receivables, "--no-rules");

        // Act: the same files again, rules on (nothing new to match).
        var again = Reconcile(ledger, receivables);

        // Assert: no second match run; the holds and alerts are those a run with rules made at once.
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Error + again.Output);
        Assert.Contains("nothing new since the last match run", again.Output, StringComparison.Ordinal);
        Assert.Equal(1L, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM match_run"));
        const string Holds = "SELECT c.name || ' ' || h.contract_no FROM credit_hold h JOIN customer c ON c.id = h.customer_id ORDER BY 1";
        Assert.NotEmpty(withRules.Database.Query<string>(Holds));
        Assert.Equal(withRules.Database.Query<string>(Holds), ledger.Database.Query<string>(Holds));
        Assert.Equal(
            withRules.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"),
            ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Null(ledger.Store().RunAwaitingRules());
    }

    [Fact]
    public void Reconcile_WithRules_MovesTheRulesBookmarkPastItsRun()
    {
        // Arrange
        using var ledger = new ReconciledLedger();
        var receivables = ReceivablesWithOverdue(ledger);

        // Act
        var run = Reconcile(ledger, receivables);

        // Assert: the rules decided after the run (holds saved), and the worker is not left to decide after it again.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        Assert.Equal(1L, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM match_run"));
        Assert.True(ledger.Database.Scalar<long>("SELECT COUNT(*) FROM credit_hold") > 0);
        Assert.Equal(1L, ledger.Database.Scalar<long>("SELECT value FROM ledger_state WHERE name = 'rules_after_run'"));
        Assert.Null(ledger.Store().RunAwaitingRules());
    }

    [Fact]
    public void Reconcile_NoRulesInMemory_RunsAsWithout()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of([
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--config", ReconciledLedger.SamplesConfig, "--out", temp.File("results.csv"), "--quiet", "--no-rules"]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        Assert.DoesNotContain("--no-rules", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("results.csv")));
    }

    [Fact]
    public void Reconcile_NoRulesWithAWorkbook_MarksPaymentCyclesByTheConfiguredThresholds()
    {
        // Arrange: thresholds far from the defaults (healthy up to 5.2 days, flagged above 9), so that a report made
        // with the defaults would mark the cycles differently.
        using var ledger = new ReconciledLedger();
        var config = ledger.File("tight.json");
        File.WriteAllText(config, File.ReadAllText(ReconciledLedger.SamplesConfig)
            .Replace("\"HealthyCycleDays\": 5.2", "\"HealthyCycleDays\": 0.5", StringComparison.Ordinal)
            .Replace("\"FlagCycleDays\": 9", "\"FlagCycleDays\": 1", StringComparison.Ordinal));
        Assert.Contains("\"FlagCycleDays\": 1,", File.ReadAllText(config), StringComparison.Ordinal);
        var report = ledger.File("report.xlsx");

        // Act
        var run = CliRun.Of([
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--statement", Repository.Samples("statement-b.csv"), "--config", config, "--out", report, "--quiet", "--data", ledger.Data, "--no-rules"]);

        // Assert: every cycle is marked by the configured thresholds, and at least one differently from the defaults.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        using var workbook = new XLWorkbook(report);
        var cycles = workbook.Worksheet(ReportSheets.PaymentCycle).RowsUsed().Skip(1)
            .Select(r => (Deviation: r.Cell(7).GetDouble(), State: r.Cell(8).GetString()))
            .ToList();
        Assert.NotEmpty(cycles);
        Assert.All(cycles, c => Assert.Equal(State(c.Deviation, 0.5, 1), c.State));
        Assert.Contains(cycles, c => State(c.Deviation, 5.2, 9) != c.State);

        static string State(double deviation, double healthy, double flag) => deviation <= healthy ? "healthy" : deviation > flag ? "flagged" : "watch";
    }

    private static string ReceivablesWithOverdue(ReconciledLedger ledger)
    {
        var path = ledger.File("receivables.csv");
        File.WriteAllText(path, string.Join('\n', ReconciledLedger.OverdueUnpaid.Prepend(File.ReadAllText(Repository.Samples("receivables.csv")).TrimEnd())) + "\n");
        return path;
    }

    private static CliRun Reconcile(ReconciledLedger ledger, string receivables, params string[] extra) => CliRun.Of([
        "reconcile", "--receivables", receivables, "--statement", Repository.Samples("statement-a.csv"), "--statement", Repository.Samples("statement-b.csv"),
        "--config", ReconciledLedger.SamplesConfig, "--out", ledger.File("results.csv"), "--quiet", "--data", ledger.Data, .. extra]);
}
