using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler rules test --data DIR</c>, the dry run, in process on a real SQLite ledger that <c>reconcile --data</c>
/// built from the samples and two receivables long overdue (3 credit holds, the alerts sent through the file channel): it
/// shows what the rules would decide and saves and sends nothing: every table of the ledger, the alerts folder and a
/// loopback webhook are as before.
/// </summary>
public sealed class RulesTestCommandTests : IDisposable
{
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples(ReconciledLedger.OverdueUnpaid);
    private readonly LoopbackHttp _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _ledger.Dispose();
    }

    [Fact]
    public void Test_AfterReconcile_ListsTheWouldBeHoldsAndAlertsWithCountsAndSaysNothingIsSavedOrSent()
    {
        // Arrange: what the reconcile's own rules run decided and saved.
        var version = _ledger.Database.Query<string>("SELECT DISTINCT rule_set_version FROM credit_hold").Single();
        var holdKeys = _ledger.Database.Query<string>("SELECT hold_key FROM credit_hold");
        var decisionKeys = DecisionKeys();
        var messages = _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox");
        var contents = _ledger.Database.Contents();
        var files = _ledger.AlertFiles();

        // Act
        var run = _ledger.Run("rules", "test");

        // Assert: the same decisions again (the outbox and the holds' keys would keep them from repeating), listed one a line.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var lines = run.Output.Split('\n');
        Assert.Matches($"^dry run for [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}, rule set {Regex.Escape(version)}: nothing is saved or sent$", lines[0]);
        Assert.Equal($"facts: 7 open exceptions, 9 overdue receivables, 3 payment cycles, {holdKeys.Count} holds in force", lines[1]);
        Assert.Equal($"would decide: {decisionKeys.Count} alerts, 0 escalations, 0 flags, {holdKeys.Count} credit holds, 0 releases ({messages} messages)", lines[2]);
        Assert.Equal("new (not decided before): 0 alerts, 0 escalations, 0 flags, 0 credit holds, 0 releases (0 messages); the rest were decided and sent before and would not be again", lines[3]);
        Assert.Equal(3, holdKeys.Count);
        Assert.All(lines.Skip(4).Where(l => l.Length > 0), l => Assert.StartsWith("known ", l, StringComparison.Ordinal));
        lines = [.. lines.Select(Decision)];
        var holdLines = lines.Where(l => l.StartsWith("credit hold ", StringComparison.Ordinal)).ToList();
        Assert.Equal(holdKeys.Order(StringComparer.Ordinal), holdLines.Select(Key).Order(StringComparer.Ordinal));
        Assert.Contains(holdLines, l => l.StartsWith("credit hold overdue-credit-hold  C9001 (Lakeside Clinic), next 3 orders: contract KL26-009001 of 10,000.00 CNY was due on ", StringComparison.Ordinal));
        Assert.Contains(holdLines, l => l.StartsWith("credit hold short-payment-credit-hold  C0006 (Fabrikam Clinics Co.), next 3 orders: short payment of 27,000.00 CNY on contract KL26-004530", StringComparison.Ordinal));
        var alertLines = lines.Where(l => l.StartsWith("alert       ", StringComparison.Ordinal)).ToList();
        Assert.Equal(decisionKeys.Order(StringComparer.Ordinal), alertLines.Select(Key).Order(StringComparer.Ordinal));
        Assert.Contains(alertLines, l => l.StartsWith("alert       exception-alert  high  to finance: Short payment: Fabrikam Clinics Co., contract KL26-004530, 27,000.00 CNY  [exception:", StringComparison.Ordinal));

        // Nothing saved, nothing written to the file channel.
        Assert.Equal(contents, _ledger.Database.Contents());
        Assert.Equal(files, _ledger.AlertFiles());
    }

    [Fact]
    public void Test_DeclaredRuleNotRunYet_ShowsItsAlertButSavesAndSendsNothingUntilAReconcileDoes()
    {
        // Arrange: the samples' configuration plus a declared rule on over-payments the ledger has not seen, for a named
        // address that the loopback webhook and the file channel receive.
        var config = DeclaredRuleConfig();
        var decisions = DecisionKeys().Count;
        var holds = _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM credit_hold");
        var messages = _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox");
        var contents = _ledger.Database.Contents();
        var files = _ledger.AlertFiles();

        // Act
        var run = _ledger.RunWith(config, "rules", "test");

        // Assert: the new decision is listed (one alert more, two messages more: webhook and file) ...
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.EndsWith(": nothing is saved or sent", run.Output.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal($"would decide: {decisions + 1} alerts, 0 escalations, 0 flags, {holds} credit holds, 0 releases ({messages + 2} messages)", run.Output.Split('\n')[2]);
        Assert.StartsWith("new (not decided before): 1 alerts, 0 escalations, 0 flags, 0 credit holds, 0 releases (2 messages)", run.Output.Split('\n')[3], StringComparison.Ordinal);
        var line = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("new   alert       big-over", StringComparison.Ordinal));
        Assert.StartsWith(
            "new   alert       big-over  critical  to controller@example.com: Over-payment: 杭州仁和诊所, contract KL26-004533, 21,000.00 CNY  [rule:big-over:",
            line,
            StringComparison.Ordinal);

        // ... and nothing is saved, written or posted.
        Assert.Equal(contents, _ledger.Database.Contents());
        Assert.Equal(0L, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox WHERE dedup_key LIKE 'rule:big-over:%'"));
        Assert.Equal(files, _ledger.AlertFiles());
        Assert.Empty(_http.Requests);

        // Act again, for real: a reconcile with the same configuration saves and sends what the dry run showed, and only that.
        _ledger.ReconcileWith(config, _ledger.File("receivables.csv"), Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv"));

        Assert.Equal(messages + 2, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Equal(
            [("file", "sent"), ("webhook:ops", "sent")],
            _ledger.Database.Query<(string, string)>("SELECT channel, status FROM alert_outbox WHERE dedup_key LIKE 'rule:big-over:%' ORDER BY channel"));
        var request = Assert.Single(_http.Requests);
        Assert.StartsWith("rule:big-over:", (string?)request.Json["alerts"]![0]!["dedupKey"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Json_ParsesWithVersionFactsHoldsAndAlertsMatchingWhatTheRunSaved()
    {
        // Arrange
        var version = _ledger.Database.Query<string>("SELECT DISTINCT rule_set_version FROM credit_hold").Single();
        var holds = _ledger.Database.Query<(string Key, string Customer)>("SELECT hold_key, customer_id FROM credit_hold ORDER BY hold_key");
        var outboxKeys = _ledger.Database.Query<string>("SELECT dedup_key FROM alert_outbox ORDER BY dedup_key");
        var contents = _ledger.Database.Contents();
        var files = _ledger.AlertFiles();

        // Act
        var run = _ledger.Run("rules", "test", "--json");

        // Assert: the decisions and messages are the ones the reconcile's rules run saved; the ledger is unchanged.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("dryRun").GetBoolean());
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", root.GetProperty("today").GetString());
        Assert.Equal(version, root.GetProperty("ruleSetVersion").GetString());
        var facts = root.GetProperty("facts");
        Assert.Equal(
            (7, 9, 3, holds.Count),
            (facts.GetProperty("exceptions").GetInt32(), facts.GetProperty("overdue").GetInt32(), facts.GetProperty("cycles").GetInt32(), facts.GetProperty("holds").GetInt32()));
        Assert.Equal(
            holds,
            root.GetProperty("holds").EnumerateArray()
                .Select(h => (h.GetProperty("key").GetString()!, h.GetProperty("customerId").GetString()!))
                .OrderBy(h => h.Item1, StringComparer.Ordinal));
        Assert.All(root.GetProperty("holds").EnumerateArray(), h => Assert.Equal(3, h.GetProperty("orders").GetInt32()));
        Assert.Equal(
            DecisionKeys().Order(StringComparer.Ordinal),
            root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("key").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(
            outboxKeys,
            root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("dedupKey").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(0, root.GetProperty("escalations").GetArrayLength());
        Assert.Equal(0, root.GetProperty("releases").GetArrayLength());
        Assert.Equal(contents, _ledger.Database.Contents());
        Assert.Equal(files, _ledger.AlertFiles());
    }

    [Fact]
    public void Test_NoLedgerInTheFolder_ExitsTwoWithoutMakingOne()
    {
        using var empty = new ReconciledLedger();
        Directory.CreateDirectory(empty.Data);

        var run = empty.Run("rules", "test");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"there is no ledger in {empty.Data}", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(empty.Data));
    }

    /// <summary>The rules' decision keys behind the outbox's messages (a dedup key is <c>KEY|channel|recipient</c>).</summary>
    private List<string> DecisionKeys() =>
        [.. _ledger.Database.Query<string>("SELECT dedup_key FROM alert_outbox").Select(k => k[..k.IndexOf('|', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal)];

    /// <summary>The key a line of the text output ends with, in brackets.</summary>
    private static string Key(string line) => line[(line.LastIndexOf('[') + 1)..line.LastIndexOf(']')];

    /// <summary>
    /// The samples' configuration with one more declared rule, <c>big-over</c> (over-payments of 5,000 or more, critical,
    /// to controller@example.com), a webhook on the loopback listener for named addresses, and the file channel.
    /// </summary>
    private string DeclaredRuleConfig()
    {
        var config = JsonNode.Parse(File.ReadAllText(ReconciledLedger.SamplesConfig))!.AsObject();
        config["Rules"]!["Declared"]!.AsArray().Add(new JsonObject
        {
            ["Name"] = "big-over",
            ["Kinds"] = new JsonArray("AmountOver"),
            ["MinAmount"] = 5000,
            ["Addresses"] = new JsonArray("controller@example.com"),
            ["Severity"] = "critical",
        });
        config["Alerts"]!["FileChannel"] = true;
        config["Alerts"]!["Webhooks"] = new JsonArray(new JsonObject
        {
            ["Name"] = "ops",
            ["Url"] = _http.Url + "ops",
            ["Format"] = "generic",
            ["Audiences"] = new JsonArray("named"),
            ["Timeout"] = "00:00:05",
        });
        return _ledger.Config(config);
    }

    /// <summary>A decision line of the dry run without its "new"/"known" mark.</summary>
    private static string Decision(string line) =>
        line.StartsWith("new   ", StringComparison.Ordinal) || line.StartsWith("known ", StringComparison.Ordinal) ? line[6..] : line;
}
