using Microsoft.Data.Sqlite;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Serve;

public sealed partial class ServeCommandTests
{
    [Fact]
    public Task Serve_KilledWhileDecidingRulesThenRestarted_DecidesAndSendsEveryAlertOnce() =>
        // The kill must land in a window of a few hundred milliseconds (after the match run is saved, before the rules
        // save anything); on a busy machine it can come too late.
        UntilTheKillLandsAsync("the rules", KillDuringRulesThenRestartAsync);

    /// <summary>One try: null when the kill interrupted the rules and the restarted worker's ledger was checked; else why not.</summary>
    private static async Task<string?> KillDuringRulesThenRestartAsync(int attempt)
    {
        // Arrange
        using var site = new ServeSite(receivables: 2000, seed: 16);
        var staged = site.Stage("statement-a.csv", File.ReadAllText(site.StatementA));
        var reference = Path.Combine(site.Path, "reference");
        var reconciled = CliRun.Of("reconcile", "--receivables", site.Receivables, "--statement", staged, "--data", reference, "--out", Path.Combine(reference, "results.csv"), "--quiet");
        Assert.True(reconciled.ExitCode == ExitCodes.Ok, reconciled.Error);
        string expected;
        using (var connection = OpenSqlite(Path.Combine(reference, "reconciler.db")))
        {
            expected = LedgerFacts.Summary(connection);
            Assert.True(LedgerFacts.Count(connection, "SELECT COUNT(*) FROM alert_outbox") > 0, "the inputs make no alert: nothing to lose");
        }

        // Act: kill -9 as soon as the match run is saved, while the rules decide on it (they save their alerts and then
        // move their bookmark, in that order; the kill must land before either).
        using (var first = ServeProcess.Start(site.Start(), $"first worker, attempt {attempt}"))
        {
            await first.WaitHealthyAsync();
            site.Drop("statement-a.csv");
            await first.WaitUntilAsync(() => first.Output.Contains("matching: match run", StringComparison.Ordinal), "the match run", TimeSpan.FromSeconds(60), poll: TimeSpan.FromMilliseconds(5));
            first.Kill();
            if (first.Output.Contains("] rules: ", StringComparison.Ordinal) || AlertCount(site.Ledger) != 0 || RulesBookmark(site.Ledger) != 0)
            {
                return first.Describe();
            }
        }

        using var second = ServeProcess.Start(site.Start(), $"restarted worker, attempt {attempt}");
        await second.WaitIdleAsync();

        // Assert: the ledger, alerts included, is what one reconcile makes.
        using var ledger = OpenSqlite(site.Ledger);
        Assert.Equal(expected, LedgerFacts.Summary(ledger));
        return null;
    }

    private static long RulesBookmark(string ledger)
    {
        using var connection = OpenSqlite(ledger);
        return LedgerFacts.Count(connection, "SELECT value FROM ledger_state WHERE name = 'rules_after_run'");
    }

    private static long AlertCount(string ledger)
    {
        using var connection = OpenSqlite(ledger);
        return LedgerFacts.Count(connection, "SELECT COUNT(*) FROM alert_outbox");
    }
}
