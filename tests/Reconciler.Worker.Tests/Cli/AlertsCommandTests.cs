using System.Globalization;
using System.Text.Json;
using Reconciler.Storage;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler alerts list|send</c> run in process on a real SQLite ledger that <c>reconcile --data</c> built from
/// the samples (its alerts all sent through the file channel); <c>send</c> posts to a real HTTP listener on loopback.
/// What the commands print is checked against the outbox read directly.
/// </summary>
public sealed class AlertsCommandTests : IDisposable
{
    private const string Hook = "erp";
    private const string HookChannel = "webhook:" + Hook;
    private const string HookRecipient = "erp-team";

    private const string OutboxSql =
        """
        SELECT o.id AS Id, o.kind AS Kind, o.severity AS Severity, o.recipient AS Recipient, o.channel AS Channel, o.audience AS Audience,
            o.status AS Status, o.attempts AS Attempts, o.subject AS Subject, o.dedup_key AS DedupKey, o.contract_no AS ContractNo,
            o.customer_id AS CustomerId, o.line_id AS LineId, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef,
            o.last_error AS LastError, o.next_attempt_at AS NextAttemptAt, o.sent_at AS SentAt, o.created_at AS CreatedAt
        FROM alert_outbox o LEFT JOIN statement_line l ON l.id = o.line_id LEFT JOIN statement_file f ON f.id = l.file_id
        """;

    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();
    private readonly LoopbackHttp _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _ledger.Dispose();
    }

    [Fact]
    public void List_AfterReconcile_ShowsKindSeverityRecipientChannelStatusLineContractAndKeyNewestFirst()
    {
        // Arrange
        var outbox = Outbox();

        // Act
        var run = _ledger.Run("alerts", "list");

        // Assert: one entry per outbox row, newest first, each with what the outbox holds.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.NotEmpty(outbox);
        Assert.Equal($"{outbox.Count} alert(s)", Lines(run.Output)[0]);
        Assert.Equal(outbox.Select(a => a.Id), Headers(run.Output));
        foreach (var a in outbox)
        {
            var line = a.FileName is null ? "-" : $"{a.FileName} row {a.RowNumber} ref {a.BankRef}";
            Assert.Contains(
                $"#{a.Id} {a.Status} ({a.Attempts} failed attempt(s)) {a.Kind} {a.Severity} to {a.Recipient} via {a.Channel} [{a.Audience}]\n" +
                $"    {a.Subject}\n" +
                $"    line: {line}; contract: {Or(a.ContractNo)}; customer: {Or(a.CustomerId)}; key: {a.DedupKey}\n",
                run.Output,
                StringComparison.Ordinal);
        }

        // The short payment on statement-b.csv row 3: its line, contract and customer, sent through the file channel to
        // finance (the samples' Alerts:Finance).
        var shortPayment = Assert.Single(outbox, a => a.BankRef == "B2602030009" && a.DedupKey.StartsWith("exception:", StringComparison.Ordinal) && a.Audience == "finance");
        Assert.Contains(
            $"#{shortPayment.Id} sent (0 failed attempt(s)) alert high to finance@example.com via file [finance]\n",
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            $"    line: statement-b.csv row 3 ref B2602030009; contract: KL26-004530; customer: C0006; key: {shortPayment.DedupKey}\n",
            run.Output,
            StringComparison.Ordinal);

        // A payment tied to no customer: no contract, no customer.
        var unknown = Assert.Single(outbox, a => a.BankRef == "B2601290007" && a.Audience == "finance");
        Assert.Contains($"    line: statement-a.csv row 8 ref B2601290007; contract: -; customer: -; key: {unknown.DedupKey}\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_StatusFilter_ShowsOnlyThatStatusWithCountsMatchingTheOutbox()
    {
        // Arrange: besides the alerts the run sent, two pending for a webhook.
        var sentIds = _ledger.Database.Query<long>("SELECT id FROM alert_outbox WHERE status = 'sent' ORDER BY id DESC");
        Assert.Equal(sentIds.Count, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"));
        var pending = AddWebhookAlerts("a", "b");

        // Act
        var sent = _ledger.Run("alerts", "list", "--status", "sent");
        var waiting = _ledger.Run("alerts", "list", "--status", "pending");
        var failed = _ledger.Run("alerts", "list", "--status", "failed");
        var all = _ledger.Run("alerts", "list");

        // Assert
        Assert.Equal(
            (ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok),
            (sent.ExitCode, waiting.ExitCode, failed.ExitCode, all.ExitCode));
        Assert.Equal(2L, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox WHERE status = 'pending'"));
        Assert.Equal($"{sentIds.Count} alert(s) sent", Lines(sent.Output)[0]);
        Assert.Equal(sentIds, Headers(sent.Output));
        Assert.DoesNotContain(" pending (", sent.Output, StringComparison.Ordinal);
        Assert.Equal("2 alert(s) pending", Lines(waiting.Output)[0]);
        Assert.Equal(pending.OrderDescending(), Headers(waiting.Output));
        Assert.Contains($"#{pending[0]} pending (0 failed attempt(s)) alert high to {HookRecipient} via {HookChannel} [finance]", waiting.Output, StringComparison.Ordinal);
        Assert.Contains($"    line: statement-b.csv row 3 ref B2602030009; contract: KL26-004530; customer: C0006; key: test:a|{HookChannel}|{HookRecipient}", waiting.Output, StringComparison.Ordinal);
        Assert.Equal("0 alert(s) failed", failed.Output.Trim());
        Assert.Equal($"{sentIds.Count + 2} alert(s)", Lines(all.Output)[0]);
        Assert.Equal(pending.Concat(sentIds).OrderDescending(), Headers(all.Output));
    }

    [Fact]
    public void List_Json_ParsesWithEveryAlertItsLineContractAndDedupKey()
    {
        // Arrange
        var outbox = Outbox().ToDictionary(a => a.Id);

        // Act
        var filtered = _ledger.Run("alerts", "list", "--status", "sent", "--json");
        var unfiltered = _ledger.Run("alerts", "list", "--json");

        // Assert
        Assert.Equal(ExitCodes.Ok, filtered.ExitCode);
        using var json = JsonDocument.Parse(filtered.Output);
        Assert.Equal("sent", json.RootElement.GetProperty("status").GetString());
        var alerts = json.RootElement.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal(outbox.Keys.OrderDescending(), alerts.Select(a => a.GetProperty("id").GetInt64()));
        foreach (var a in alerts)
        {
            var row = outbox[a.GetProperty("id").GetInt64()];
            Assert.Equal(row.Kind, a.GetProperty("kind").GetString());
            Assert.Equal(row.Severity, a.GetProperty("severity").GetString());
            Assert.Equal(row.Recipient, a.GetProperty("recipient").GetString());
            Assert.Equal(row.Channel, a.GetProperty("channel").GetString());
            Assert.Equal(row.Audience, a.GetProperty("audience").GetString());
            Assert.Equal("sent", a.GetProperty("status").GetString());
            Assert.Equal(row.SentAt, a.GetProperty("sentAt").GetString());
            Assert.Equal(row.Subject, a.GetProperty("subject").GetString());
            Assert.Equal(row.DedupKey, a.GetProperty("dedupKey").GetString());
            Assert.Equal(row.ContractNo ?? "", a.GetProperty("contractNo").GetString());
            Assert.Equal(row.CustomerId ?? "", a.GetProperty("customerId").GetString());
            var line = a.GetProperty("line");
            if (row.LineId is null)
            {
                Assert.Equal(JsonValueKind.Null, line.ValueKind);
                continue;
            }

            Assert.Equal(row.LineId.Value, line.GetProperty("id").GetInt64());
            Assert.Equal(row.FileName, line.GetProperty("file").GetString());
            Assert.Equal(row.RowNumber, (int?)line.GetProperty("row").GetInt32());
            Assert.Equal(row.BankRef, line.GetProperty("bankRef").GetString());
        }

        var shortPayment = alerts.First(a => a.GetProperty("line") is { ValueKind: JsonValueKind.Object } l && l.GetProperty("bankRef").GetString() == "B2602030009");
        Assert.Equal("statement-b.csv", shortPayment.GetProperty("line").GetProperty("file").GetString());
        Assert.Equal(3, shortPayment.GetProperty("line").GetProperty("row").GetInt32());
        Assert.Equal("KL26-004530", shortPayment.GetProperty("contractNo").GetString());
        Assert.Equal(ExitCodes.Ok, unfiltered.ExitCode);
        using var all = JsonDocument.Parse(unfiltered.Output);
        Assert.Equal(JsonValueKind.Null, all.RootElement.GetProperty("status").ValueKind);
        Assert.Equal(outbox.Count, all.RootElement.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public void List_UnknownStatus_IsAUsageError()
    {
        var run = _ledger.Run("alerts", "list", "--status", "delivered");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("delivered", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(s)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ListAndSend_NoLedgerInTheFolder_ExitTwoWithoutMakingOne()
    {
        // Arrange: a data folder that reconcile never ran on.
        using var empty = new ReconciledLedger();
        Directory.CreateDirectory(empty.Data);

        // Act
        var list = empty.Run("alerts", "list");
        var send = empty.Run("alerts", "send");

        // Assert
        Assert.Equal(ExitCodes.BadInput, list.ExitCode);
        Assert.Equal($"error: there is no ledger in {empty.Data} (reconciler.db not found); reconcile --data {empty.Data} makes one", list.Error.Trim());
        Assert.Equal(ExitCodes.BadInput, send.ExitCode);
        Assert.Contains("there is no ledger in", send.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(empty.Data, StoreLocation.SqliteFileName)));
    }

    [Fact]
    public void Send_PendingWebhookAlerts_PostsEachOnceAndMarksThemSent()
    {
        // Arrange
        var ids = AddWebhookAlerts("a", "b");
        var config = WebhookConfig(maxAttempts: 5);
        var files = _ledger.AlertFiles();

        // Act
        var first = _ledger.RunWith(config, "alerts", "send");
        var second = _ledger.RunWith(config, "alerts", "send");

        // Assert: one post per alert, in the generic shape, to the webhook's path; both marked sent; nothing sent twice.
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error + first.Output);
        Assert.Equal("alerts sent: 2 in 2 messages; 0 to retry, 0 failed", first.Output.Trim());
        var requests = _http.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/erp"), (r.Method, r.Path)));
        Assert.All(requests, r => Assert.Equal(HookChannel, (string?)r.Json["channel"]));
        Assert.Equal(
            [$"test:a|{HookChannel}|{HookRecipient}", $"test:b|{HookChannel}|{HookRecipient}"],
            requests.Select(r => (string?)r.Json["alerts"]![0]!["dedupKey"]).Order(StringComparer.Ordinal));
        var rows = Outbox(ids);
        Assert.All(rows, r => Assert.Equal(("sent", 0, (string?)null), (r.Status, r.Attempts, r.LastError)));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.Equal(files, _ledger.AlertFiles());
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal("alerts sent: 0 in 0 messages; 0 to retry, 0 failed", second.Output.Trim());
        Assert.Equal(2, _http.Requests.Count);
    }

    [Fact]
    public void Send_WebhookAnswers500_KeepsThemPendingWithTheReasonUntilTheRetryIsDue()
    {
        // Arrange: the endpoint is down; the default 5 attempts, the first retry 1 minute later.
        var ids = AddWebhookAlerts("a", "b");
        var config = WebhookConfig(maxAttempts: 5);
        _http.Respond = _ => (500, "maintenance until 09:00");
        var before = TimeProvider.System.GetUtcNow();

        // Act 1
        var failing = _ledger.RunWith(config, "alerts", "send");

        // Assert: each attempt recorded with the status and the answer, the next one due a minute later. An alert that
        // will be retried is not a failure of the command: it exits 3 only for alerts given up (see the last-attempt test).
        Assert.Equal(ExitCodes.Ok, failing.ExitCode);
        Assert.StartsWith("alerts sent: 0 in 0 messages; 2 to retry, 0 failed\n", failing.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"  not sent (will retry): {HookChannel} to {HookRecipient}, 1 alert: {HookChannel}: {_http.Url.TrimEnd('/')} answered 500 Internal Server Error: maintenance until 09:00",
            failing.Output,
            StringComparison.Ordinal);
        Assert.Equal(2, _http.Requests.Count);
        foreach (var row in Outbox(ids))
        {
            Assert.Equal(("pending", 1), (row.Status, row.Attempts));
            Assert.Contains("answered 500 Internal Server Error: maintenance until 09:00", row.LastError, StringComparison.Ordinal);
            var next = DateTimeOffset.Parse(row.NextAttemptAt!, CultureInfo.InvariantCulture);
            Assert.InRange(next, before + TimeSpan.FromSeconds(59), TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(61));
        }

        var listed = _ledger.Run("alerts", "list", "--status", "pending");
        Assert.Contains("    last error: webhook:erp: ", listed.Output, StringComparison.Ordinal);
        Assert.Contains($"maintenance until 09:00 (next attempt {Outbox(ids)[0].NextAttemptAt})", listed.Output, StringComparison.Ordinal);

        // Act 2: the endpoint is back, but the retry is not due yet: nothing is sent.
        _http.Respond = _ => (200, "ok");
        var early = _ledger.RunWith(config, "alerts", "send");

        Assert.Equal(ExitCodes.Ok, early.ExitCode);
        Assert.Equal("alerts sent: 0 in 0 messages; 0 to retry, 0 failed", early.Output.Trim());
        Assert.Equal(2, _http.Requests.Count);
        Assert.All(Outbox(ids), r => Assert.Equal(("pending", 1), (r.Status, r.Attempts)));

        // Act 3: the retry time has come (moved into the past in the ledger): both are sent.
        Assert.Equal(2, _ledger.Execute("UPDATE alert_outbox SET next_attempt_at = created_at WHERE status = 'pending'"));
        var due = _ledger.RunWith(config, "alerts", "send");

        Assert.Equal(ExitCodes.Ok, due.ExitCode);
        Assert.Equal("alerts sent: 2 in 2 messages; 0 to retry, 0 failed", due.Output.Trim());
        Assert.Equal(4, _http.Requests.Count);
        Assert.All(Outbox(ids), r => Assert.Equal(("sent", 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public void Send_WebhookAnswers500AtTheLastAttempt_MarksThemFailedWithTheReasonAndExitsThree()
    {
        // Arrange: one attempt only.
        var ids = AddWebhookAlerts("a", "b");
        var config = WebhookConfig(maxAttempts: 1);
        _http.Respond = _ => (500, "maintenance until 09:00");

        // Act
        var run = _ledger.RunWith(config, "alerts", "send");

        // Assert
        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.StartsWith("alerts sent: 0 in 0 messages; 0 to retry, 2 failed\n", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  not sent (failed): {HookChannel} to {HookRecipient}, 1 alert: {HookChannel}: {_http.Url.TrimEnd('/')} answered 500 Internal Server Error", run.Output, StringComparison.Ordinal);
        foreach (var row in Outbox(ids))
        {
            Assert.Equal(("failed", 1, (string?)null, (string?)null), (row.Status, row.Attempts, row.NextAttemptAt, row.SentAt));
            Assert.Equal($"{HookChannel}: {_http.Url.TrimEnd('/')} answered 500 Internal Server Error: maintenance until 09:00", row.LastError);
        }

        var listed = _ledger.Run("alerts", "list", "--status", "failed");
        Assert.Equal("2 alert(s) failed", Lines(listed.Output)[0]);
        Assert.Contains($"#{ids[1]} failed (1 failed attempt(s)) alert high to {HookRecipient} via {HookChannel} [finance]", listed.Output, StringComparison.Ordinal);
        Assert.Contains($"    last error: {HookChannel}: {_http.Url.TrimEnd('/')} answered 500 Internal Server Error: maintenance until 09:00\n", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("/erp", listed.Output, StringComparison.Ordinal);

        // Act again: the endpoint is back; a failed alert is not tried again.
        _http.Respond = _ => (200, "ok");
        var again = _ledger.RunWith(config, "alerts", "send");

        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Equal("alerts sent: 0 in 0 messages; 0 to retry, 0 failed", again.Output.Trim());
        Assert.Equal(2, _http.Requests.Count);
        Assert.All(Outbox(ids), r => Assert.Equal("failed", r.Status));
    }

    [Fact]
    public void Retry_FailedAlertsAfterTheEndpointIsBack_PutBackAuditedAndSentByTheNextSend()
    {
        // Arrange: two alerts failed at their only attempt; a third still pending.
        var ids = AddWebhookAlerts("a", "b");
        var config = WebhookConfig(maxAttempts: 1);
        _http.Respond = _ => (500, "maintenance until 09:00");
        Assert.Equal(ExitCodes.OutputFailed, _ledger.RunWith(config, "alerts", "send").ExitCode);
        List<long> pending = [AddWebhookAlerts("c").Except(ids).Single()];
        _http.Respond = _ => (200, "ok");

        // Act: one named (and the pending one, which is left as it is), then the rest.
        var one = _ledger.RunWith(config, "alerts", "retry", ids[0].ToString(CultureInfo.InvariantCulture), pending[0].ToString(CultureInfo.InvariantCulture), "--by", "ops", "--note", "endpoint back");
        var rows = Outbox([ids[0], ids[1]]);
        var rest = _ledger.RunWith(config, "alerts", "retry", "--all-failed", "--by", "ops");
        var sent = _ledger.RunWith(config, "alerts", "send");

        // Assert
        Assert.Equal(ExitCodes.Ok, one.ExitCode);
        Assert.Equal($"1 failed alert(s) put back, due now: #{ids[0]}", one.Output.Trim());
        Assert.Contains($"not failed (or not in the outbox), left as they are: #{pending[0]}", one.Error, StringComparison.Ordinal);
        Assert.Equal([("pending", 0), ("failed", 1)], rows.Select(r => (r.Status, r.Attempts)));
        Assert.Equal($"1 failed alert(s) put back, due now: #{ids[1]}", rest.Output.Trim());
        Assert.Equal((ExitCodes.Ok, "alerts sent: 3 in 3 messages; 0 to retry, 0 failed"), (sent.ExitCode, sent.Output.Trim()));
        Assert.All(Outbox([.. ids, .. pending]), r => Assert.Equal("sent", r.Status));
        Assert.Equal(
            [("ops", "retry", "endpoint back"), ("ops", "retry", null)],
            _ledger.Database.Query<(string Actor, string Action, string? Note)>("SELECT actor, action, note FROM audit_log WHERE entity = 'alert_outbox' ORDER BY id"));
    }

    [Fact]
    public void Retry_NeitherIdsNorAllFailed_IsAUsageError()
    {
        var run = _ledger.Run("alerts", "retry", "--by", "ops");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--all-failed", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Puts pending alerts for the webhook in the outbox, as a rules run would; returns their ids, oldest first.</summary>
    private List<long> AddWebhookAlerts(params string[] keys)
    {
        var line = _ledger.Database.Scalar<long>(
            "SELECT l.id FROM statement_line l JOIN statement_file f ON f.id = l.file_id WHERE f.name = 'statement-b.csv' AND l.bank_ref = 'B2602030009' AND l.status <> 'duplicate'");
        var alerts = keys.Select(key => new NewAlert
        {
            DedupKey = $"test:{key}|{HookChannel}|{HookRecipient}",
            Kind = "alert",
            Rule = "test-rule",
            Audience = "finance",
            Channel = HookChannel,
            Recipient = HookRecipient,
            Severity = "high",
            Subject = $"[HIGH] Test alert {key}",
            Body = $"Test alert {key}: short payment on KL26-004530.",
            Payload = "{}",
            LineId = line,
            CustomerId = "C0006",
            ContractNo = "KL26-004530",
        }).ToList();
        var saved = _ledger.Store().SaveDecisions(alerts, [], [], "test-rules 1", "test");
        Assert.Equal(keys.Length, saved.AlertsAdded);
        return _ledger.Database.Query<long>("SELECT id FROM alert_outbox WHERE channel = @Channel ORDER BY id", new { Channel = HookChannel });
    }

    /// <summary>A configuration with the loopback webhook as the only channel (the file channel is then off).</summary>
    private string WebhookConfig(int maxAttempts) => _ledger.Config(new
    {
        Alerts = new
        {
            MaxAttempts = maxAttempts,
            Webhooks = new[] { new { Name = Hook, Url = _http.Url + "erp", Format = "generic", Timeout = "00:00:05" } },
        },
    });

    private List<OutboxRow> Outbox() => _ledger.Database.Query<OutboxRow>(OutboxSql + " ORDER BY o.id DESC");

    private List<OutboxRow> Outbox(List<long> ids) => _ledger.Database.Query<OutboxRow>(OutboxSql + " WHERE o.id IN @Ids ORDER BY o.id", new { Ids = ids });

    private static string[] Lines(string output) => output.Split('\n');

    /// <summary>The alert ids of the text listing, in order.</summary>
    private static List<long> Headers(string output) =>
        [.. Lines(output).Where(l => l.StartsWith('#')).Select(l => long.Parse(l[1..l.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture))];

    private static string Or(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    /// <summary>A row of <c>alert_outbox</c> with its line's file, row and bank reference, read directly.</summary>
    private sealed class OutboxRow
    {
        public long Id { get; init; }

        public string Kind { get; init; } = "";

        public string Severity { get; init; } = "";

        public string Recipient { get; init; } = "";

        public string Channel { get; init; } = "";

        public string Audience { get; init; } = "";

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public string Subject { get; init; } = "";

        public string DedupKey { get; init; } = "";

        public string? ContractNo { get; init; }

        public string? CustomerId { get; init; }

        public long? LineId { get; init; }

        public string? FileName { get; init; }

        public int? RowNumber { get; init; }

        public string? BankRef { get; init; }

        public string? LastError { get; init; }

        public string? NextAttemptAt { get; init; }

        public string? SentAt { get; init; }

        public string CreatedAt { get; init; } = "";
    }
}
