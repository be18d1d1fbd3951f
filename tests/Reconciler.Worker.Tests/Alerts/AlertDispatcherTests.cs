using Reconciler.Rules;
using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>The dispatcher against a real ledger (a SQLite file in a temp folder) and real peers on loopback.</summary>
public sealed class AlertDispatcherTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ManualClock _clock = new();
    private readonly LedgerStore _store;

    public AlertDispatcherTests()
    {
        _store = new LedgerStore(StoreLocation.DataFolder(_temp.File("data")), _clock);
        _store.Migrate();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>A decision about no ledger line (the outbox refers to lines that exist).</summary>
    private static Alert Alert(Audience audience, string key, bool immediate = false) =>
        SampleDecisions.Alert(audience, key, SampleDecisions.ShortPayment() with { LineId = null, ReceivableId = null }, immediate);

    private static Escalation Escalation() => SampleDecisions.Escalation() with { Concern = SampleDecisions.ShortPayment() with { LineId = null, ReceivableId = null } };

    private Composition Save(RuleDecisions decisions, AlertsOptions options)
    {
        var composition = AlertComposer.Compose(decisions, options);
        _store.SaveDecisions(composition.Alerts, [], [], decisions.RuleSetVersion, "test");
        return composition;
    }

    [Fact]
    public async Task DispatchAsync_FileAndWebhook_AllSentAndMarked()
    {
        using var http = new LoopbackHttp();
        using var client = new HttpClient();
        var options = new AlertsOptions
        {
            Finance = ["finance@example.com"],
            FileChannel = true,
            Webhooks = [new WebhookOptions { Name = "ops", Url = http.Url }],
        };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a"), Alert(Audience.SalesOwner, "b") with { Headline = "Another short payment" }), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        var result = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);

        Assert.Equal((4, 4, 0, 0), (result.Sent, result.Messages, result.Retrying, result.FailedNow));
        Assert.Empty(result.Failures);
        Assert.Equal(2, http.Requests.Count);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_temp.File("alerts"), "alerts-2026-03-02.jsonl")).Length);
        Assert.All(_store.ListAlerts(null), a => Assert.Equal((AlertStatus.Sent, "2026-03-02T08:30:00.000Z"), (a.Status, a.SentAt)));

        var again = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);

        Assert.Equal(DispatchResult.Empty, again with { Failures = [] });
        Assert.Equal(2, http.Requests.Count);
        var composedAgain = AlertComposer.Compose(SampleDecisions.Decisions(Alert(Audience.Finance, "a"), Alert(Audience.SalesOwner, "b") with { Headline = "Another short payment" }), options);
        var savedAgain = _store.SaveDecisions(composedAgain.Alerts, [], [], "v8", "test");
        Assert.Equal((0, 4), (savedAgain.AlertsAdded, savedAgain.AlertsKnown));
        Assert.Empty(_store.ClaimDueAlerts(10, AlertDispatcher.Lease).Alerts);
    }

    [Fact]
    public async Task DispatchAsync_TwoDispatchersAtOnceSlowWebhook_EachAlertPostedOnce()
    {
        using var http = new LoopbackHttp
        {
            Respond = _ =>
            {
                Thread.Sleep(50);
                return (200, "ok");
            },
        };
        using var client = new HttpClient();
        var options = new AlertsOptions { Webhooks = [new WebhookOptions { Name = "ops", Url = http.Url }] };
        Save(SampleDecisions.Decisions([.. Enumerable.Range(0, 20).Select(i => Alert(Audience.Finance, $"k{i}") with { Headline = $"Short payment {i}" })]), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);
        var stores = new[] { _store, new LedgerStore(StoreLocation.DataFolder(_temp.File("data")), _clock) };
        using var start = new Barrier(stores.Length);

        var results = await Task.WhenAll(stores.Select(store => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return AlertDispatcher.DispatchAsync(store, channels, options, CancellationToken.None);
        })));

        var posted = http.Requests.Select(r => (long)Assert.Single(r.Json["alerts"]!.AsArray())!["id"]!).ToList();
        Assert.Equal(20, posted.Count);
        Assert.Equal(_store.ListAlerts(null).Select(a => a.Id).Order(), posted.Order());
        Assert.Equal((20, 0, 0), (results.Sum(r => r.Sent), results.Sum(r => r.Retrying), results.Sum(r => r.FailedNow)));
        Assert.All(_store.ListAlerts(null), a => Assert.Equal((AlertStatus.Sent, 0), (a.Status, a.Attempts)));
    }

    [Fact]
    public async Task DispatchAsync_DigestOfMoreAlertsThanABatch_OneDigestPerRecipient()
    {
        var options = new AlertsOptions { Digest = true, Folder = _temp.File("alerts") };
        var many = AlertDispatcher.BatchSize * 2 + 1;
        _store.SaveDecisions([.. Enumerable.Range(0, many).Select(i => Stub("file", i % 2 == 0 ? "finance" : "sales-owner", immediate: false))], [], [], "v7", "test");

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), clock: _clock), options, CancellationToken.None);

        Assert.Equal((many, 2, 0, 0), (result.Sent, result.Messages, result.Retrying, result.FailedNow));
        var lines = File.ReadAllLines(Path.Combine(_temp.File("alerts"), "alerts-2026-03-02.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal([("finance", AlertDispatcher.BatchSize + 1), ("sales-owner", AlertDispatcher.BatchSize)], lines.Select(l => ((string)l["recipient"]!, l["alerts"]!.AsArray().Count)));
    }

    [Fact]
    public async Task DispatchAsync_MoreAlertsThanADispatchClaims_SentInASecondRound()
    {
        var options = new AlertsOptions { Digest = true, Folder = _temp.File("alerts") };
        _store.SaveDecisions([.. Enumerable.Range(0, AlertDispatcher.MaxClaimed + 1).Select(_ => Stub("file", "finance", immediate: false))], [], [], "v7", "test");

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), clock: _clock), options, CancellationToken.None);

        Assert.Equal((AlertDispatcher.MaxClaimed + 1, 2), (result.Sent, result.Messages));
        Assert.Equal([AlertDispatcher.MaxClaimed, 1], File.ReadAllLines(Path.Combine(_temp.File("alerts"), "alerts-2026-03-02.jsonl")).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["alerts"]!.AsArray().Count));
        Assert.Empty(_store.ListAlerts(AlertStatus.Pending));
    }

    [Fact]
    public async Task DispatchAsync_Cancelled_ReleasesWhatItHadNotSentWithoutCountingAnAttempt()
    {
        using var cancel = new CancellationTokenSource();
        using var http = new LoopbackHttp
        {
            Respond = _ =>
            {
                cancel.Cancel();
                return (200, "ok");
            },
        };
        using var client = new HttpClient();
        var options = new AlertsOptions { Webhooks = [new WebhookOptions { Name = "ops", Url = http.Url }] };
        Save(SampleDecisions.Decisions([.. Enumerable.Range(0, 3).Select(i => Alert(Audience.Finance, $"k{i}") with { Headline = $"Short payment {i}" })]), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AlertDispatcher.DispatchAsync(_store, channels, options, cancel.Token));

        var alerts = _store.ListAlerts(null);
        Assert.DoesNotContain(alerts, a => a.Status == AlertStatus.Sending);
        Assert.All(alerts.Where(a => a.Status == AlertStatus.Pending), a => Assert.Equal((0, null), (a.Attempts, a.LastError)));
        Assert.True(alerts.Count(a => a.Status == AlertStatus.Pending) >= 2);
        var again = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        Assert.Equal(alerts.Count(a => a.Status == AlertStatus.Pending), again.Sent);
    }

    [Fact]
    public async Task DispatchAsync_Webhook500_RecordedWithReasonOthersStillSent()
    {
        using var http = new LoopbackHttp { Respond = _ => (500, "upstream exploded") };
        using var client = new HttpClient();
        var options = new AlertsOptions
        {
            FileChannel = true,
            Webhooks = [new WebhookOptions { Name = "ops", Url = http.Url + "hook" }],
        };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        var result = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);

        Assert.Equal((1, 1, 0), (result.Sent, result.Retrying, result.FailedNow));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("webhook:ops", "finance", 0), (failure.Channel, failure.Recipient, failure.GaveUp));
        Assert.Equal($"webhook:ops: {http.Url.TrimEnd('/')} answered 500 Internal Server Error: upstream exploded", failure.Reason);
        var stored = Assert.Single(_store.ListAlerts(AlertStatus.Pending));
        Assert.Equal((1, failure.Reason, "2026-03-02T08:31:00.000Z"), (stored.Attempts, stored.LastError, stored.NextAttemptAt));
        Assert.Single(_store.ListAlerts(AlertStatus.Sent));
        Assert.Contains("will retry", result.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_DigestInSeveralPostsSecondAnswers500_OnlyThatPartIsRetried()
    {
        var posts = 0;
        using var http = new LoopbackHttp { Respond = _ => Interlocked.Increment(ref posts) == 2 ? (500, "busy") : (200, """{"errcode":0,"errmsg":"ok"}""") };
        using var client = new HttpClient();
        var options = new AlertsOptions { Digest = true, Webhooks = [new WebhookOptions { Name = "group", Url = http.Url, Format = "wecom" }] };
        Save(SampleDecisions.Decisions([.. Enumerable.Range(0, 15).Select(i => Alert(Audience.Finance, $"k{i}") with { Headline = $"Short payment number {i:D2}" })]), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        var first = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        var firstPosts = http.Requests.Select(Numbers).ToList();
        _clock.Advance(options.RetryAfter);
        var retry = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);

        Assert.True(firstPosts.Count >= 3, $"{firstPosts.Count} posts");
        var failure = Assert.Single(first.Failures);
        Assert.Equal(firstPosts[1].Count, failure.AlertIds.Count);
        Assert.Equal((15 - firstPosts[1].Count, firstPosts.Count - 1, firstPosts[1].Count, 0), (first.Sent, first.Messages, first.Retrying, first.FailedNow));
        Assert.Equal(15, firstPosts.Sum(p => p.Count));
        Assert.Equal((firstPosts[1].Count, 1), (retry.Sent, retry.Messages));
        Assert.Equal(firstPosts[1], http.Requests.Select(Numbers).Last());
        Assert.Equal(firstPosts.Count + 1, http.Requests.Count);
        Assert.All(_store.ListAlerts(null), a => Assert.Equal(AlertStatus.Sent, a.Status));
        Assert.Equal(firstPosts[1].Count, _store.ListAlerts(null).Count(a => a.Attempts == 1));

        static List<string> Numbers(ReceivedRequest request) =>
            [.. System.Text.RegularExpressions.Regex.Matches((string)request.Json["markdown"]!["content"]!, @"Short payment number (\d\d)").Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public async Task DispatchAsync_WebhookNeverAnswers_OneTimeoutItsOtherMessagesFailWithItOthersSent()
    {
        const int Count = 5;
        using var silent = new SilentListener();
        using var client = new HttpClient();
        var timeout = TimeSpan.FromSeconds(1);
        var options = new AlertsOptions
        {
            FileChannel = true,
            Webhooks = [new WebhookOptions { Name = "dead", Url = silent.Url + "hook", Timeout = timeout }],
        };
        Save(SampleDecisions.Decisions([.. Enumerable.Range(0, Count).Select(i => Alert(Audience.Finance, $"k{i}") with { Headline = $"Short payment {i}" })]), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        var took = clock.Elapsed;

        Assert.True(took < timeout * 2.5, $"took {took}, {Count} messages at {timeout} each would be {timeout * Count}");
        Assert.Equal((Count, Count, Count, 0), (result.Sent, result.Messages, result.Retrying, result.FailedNow));
        var hooks = _store.ListAlerts(null).Where(a => a.Alert.Channel == "webhook:dead").OrderBy(a => a.Id).ToList();
        Assert.StartsWith("webhook:dead: no answer from ", hooks[0].LastError, StringComparison.Ordinal);
        Assert.All(hooks, a => Assert.Equal(
            (AlertStatus.Pending, 1, hooks[0].LastError, "2026-03-02T08:31:00.000Z"),
            (a.Status, a.Attempts, a.LastError, a.NextAttemptAt)));
        Assert.All(_store.ListAlerts(null).Where(a => a.Alert.Channel == "file"), a => Assert.Equal(AlertStatus.Sent, a.Status));
        Assert.Contains($"{Count} to retry, 0 failed", result.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_NoSmtpServer_OneConnectionRefusedTheOtherMailsFailWithIt()
    {
        var options = new AlertsOptions
        {
            Finance = ["a@example.com", "b@example.com", "c@example.com"],
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = SmtpServer.FreePort(), From = "r@example.com", Timeout = TimeSpan.FromSeconds(5) },
        };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), clock: _clock), options, CancellationToken.None);

        Assert.Equal((0, 3, 0), (result.Sent, result.Retrying, result.FailedNow));
        var alerts = _store.ListAlerts(null).OrderBy(a => a.Id).ToList();
        Assert.Equal([1, 1, 1], alerts.Select(a => a.Attempts));
        Assert.StartsWith("SMTP server 127.0.0.1:", alerts[0].LastError, StringComparison.Ordinal);
        Assert.All(alerts, a => Assert.Equal(alerts[0].LastError, a.LastError));
    }

    [Theory]
    [InlineData("webhook that never answers")]
    [InlineData("SMTP server that never answers")]
    [InlineData("no SMTP server")]
    public async Task DispatchAsync_DeadChannelSeveralAlerts_EachFailedOnlyAfterATryOfItsOwnOneTimeoutPerRound(string dead)
    {
        const int Count = 3;
        const int MaxAttempts = 3;
        using var silent = new SilentListener();
        using var client = new HttpClient();
        var timeout = TimeSpan.FromSeconds(1);
        var webhook = dead.StartsWith("webhook", StringComparison.Ordinal);
        var options = new AlertsOptions
        {
            MaxAttempts = MaxAttempts,
            RetryAfter = TimeSpan.FromMinutes(1),
            Finance = webhook ? [] : [.. Enumerable.Range(0, Count).Select(i => $"f{i}@example.com")],
            Smtp = webhook ? new SmtpOptions() : new SmtpOptions { Host = "127.0.0.1", Port = dead == "no SMTP server" ? SmtpServer.FreePort() : new Uri(silent.Url).Port, From = "r@example.com", Timeout = timeout },
            Webhooks = webhook ? [new WebhookOptions { Name = "dead", Url = silent.Url + "hook", Timeout = timeout }] : [],
        };
        Save(SampleDecisions.Decisions([.. Enumerable.Range(0, webhook ? Count : 1).Select(i => Alert(Audience.Finance, $"k{i}") with { Headline = $"Short payment {i}" })]), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);
        Assert.Equal(Count, _store.ListAlerts(AlertStatus.Pending).Count);

        // Act: dispatch rounds, each when every pending alert is due, until none is pending (at most the old N × MaxAttempts).
        var rounds = new List<(DispatchResult Result, TimeSpan Took)>();
        while (_store.ListAlerts(AlertStatus.Pending) is { Count: > 0 } pending && rounds.Count < Count * MaxAttempts)
        {
            var due = pending.Max(a => a.NextAttemptAt is { } next ? DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture) : _clock.GetUtcNow());
            _clock.Advance(due > _clock.GetUtcNow() ? due - _clock.GetUtcNow() : TimeSpan.Zero);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
            rounds.Add((result, watch.Elapsed));
        }

        // Assert: each round tries the channel once (one timeout); the others waiting on it count the attempt too, but
        // none is failed without a try of its own: after MaxAttempts rounds the first tried fails, then one per round.
        Assert.Equal(MaxAttempts + Count - 1, rounds.Count);
        Assert.All(rounds, r => Assert.True(r.Took < timeout * 2.5, $"a round took {r.Took}: more than one timeout of {timeout}"));
        Assert.All(rounds.Take(MaxAttempts - 1), r => Assert.Equal((0, Count, 0), (r.Result.Sent, r.Result.Retrying, r.Result.FailedNow)));
        Assert.Equal(
            Enumerable.Range(1, Count).Select(failedSoFar => (0, Count - failedSoFar, 1)),
            rounds.Skip(MaxAttempts - 1).Select(r => (r.Result.Sent, r.Result.Retrying, r.Result.FailedNow)));
        var failed = _store.ListAlerts(AlertStatus.Failed);
        Assert.Equal(Count, failed.Count);
        Assert.All(failed, a => Assert.Equal(MaxAttempts, a.Attempts));
        Assert.Single(failed.Select(a => a.LastError).Distinct());
        Assert.StartsWith(webhook ? "webhook:dead: no answer from " : "SMTP server 127.0.0.1:", failed[0].LastError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A send that timed out is recorded with the timeout said once: not followed by the cancellation that carried it
    /// out ("The operation was canceled", "A task was canceled") and what that did to the connection.
    /// </summary>
    [Theory]
    [InlineData("webhook")]
    [InlineData("email")]
    public async Task DispatchAsync_SendTimesOut_ReasonSaysTheTimeoutOnce(string channel)
    {
        using var silent = new SilentListener();
        using var client = new HttpClient();
        var port = new Uri(silent.Url).Port;
        var options = new AlertsOptions
        {
            Finance = channel == "email" ? ["f@example.com"] : [],
            Smtp = channel == "email" ? new SmtpOptions { Host = "127.0.0.1", Port = port, From = "r@example.com", Timeout = TimeSpan.FromSeconds(1) } : new SmtpOptions(),
            Webhooks = channel == "webhook" ? [new WebhookOptions { Name = "dead", Url = silent.Url + "hook", Timeout = TimeSpan.FromSeconds(1) }] : [],
        };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), client, _clock), options, CancellationToken.None);

        var stored = Assert.Single(_store.ListAlerts(AlertStatus.Pending)).LastError!;
        Assert.Equal(stored, Assert.Single(result.Failures).Reason);
        Assert.Equal(
            channel == "email" ? $"SMTP server 127.0.0.1:{port}: Operation timed out after 1000 milliseconds" : $"webhook:dead: no answer from http://127.0.0.1:{port} within 1 s",
            stored);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DispatchAsync_WebhookWithItsSecretInPathAndQueryFails_ReasonNamesOnlySchemeHostAndPort(bool listening)
    {
        using var http = new LoopbackHttp { Respond = _ => (500, "upstream exploded") };
        var origin = listening ? http.Url.TrimEnd('/') : $"http://127.0.0.1:{SmtpServer.FreePort()}";
        using var client = new HttpClient();
        var options = new AlertsOptions
        {
            Webhooks = [new WebhookOptions { Name = "ops", Url = origin + "/services/T0001/B0002/XXXXSECRETXXXX?key=QUERYSECRET", Format = "slack" }],
        };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), client, _clock), options, CancellationToken.None);

        var stored = Assert.Single(_store.ListAlerts(null)).LastError;
        Assert.StartsWith($"webhook:ops: {origin}{(listening ? " answered 500" : ": ")}", stored, StringComparison.Ordinal);
        foreach (var text in new[] { stored!, result.Summary() })
        {
            Assert.DoesNotContain("XXXXSECRETXXXX", text, StringComparison.Ordinal);
            Assert.DoesNotContain("QUERYSECRET", text, StringComparison.Ordinal);
            Assert.DoesNotContain("/services", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DispatchAsync_FailingUntilMaxAttempts_RetriedWithBackoffThenFailed()
    {
        using var http = new LoopbackHttp { Respond = _ => (500, "still down") };
        using var client = new HttpClient();
        var options = new AlertsOptions { MaxAttempts = 3, RetryAfter = TimeSpan.FromMinutes(1), Webhooks = [new WebhookOptions { Name = "ops", Url = http.Url }] };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);
        var channels = AlertChannels.Create(options, _temp.File("alerts"), client, _clock);

        var first = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        var tooEarly = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(119));
        var stillTooEarly = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var third = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        var after = await AlertDispatcher.DispatchAsync(_store, channels, options, CancellationToken.None);

        Assert.Equal((0, 1, 0), (first.Sent, first.Retrying, first.FailedNow));
        Assert.Equal(DispatchResult.Empty, tooEarly with { Failures = [] });
        Assert.Equal((0, 1, 0), (second.Sent, second.Retrying, second.FailedNow));
        Assert.Equal(DispatchResult.Empty, stillTooEarly with { Failures = [] });
        Assert.Equal((0, 0, 1), (third.Sent, third.Retrying, third.FailedNow));
        Assert.Equal(1, Assert.Single(third.Failures).GaveUp);
        Assert.Equal(DispatchResult.Empty, after with { Failures = [] });
        Assert.Equal(3, http.Requests.Count);
        var failed = Assert.Single(_store.ListAlerts(AlertStatus.Failed));
        Assert.Equal(3, failed.Attempts);
        Assert.Equal($"webhook:ops: {http.Url.TrimEnd('/')} answered 500 Internal Server Error: still down", failed.LastError);
        Assert.Contains("(failed)", third.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ChannelNotConfigured_FailureRecordedNotDropped()
    {
        var options = new AlertsOptions { Finance = ["finance@example.com"], Smtp = new SmtpOptions { Host = "mail", From = "r@example.com" } };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), options);
        var onlyFile = AlertChannels.Create(new AlertsOptions(), _temp.File("alerts"), clock: _clock);

        var result = await AlertDispatcher.DispatchAsync(_store, onlyFile, options, CancellationToken.None);

        Assert.Equal((0, 1), (result.Sent, result.Retrying));
        Assert.Equal("channel email is not configured (configured now: file); check the Alerts section", Assert.Single(result.Failures).Reason);
        Assert.Equal("channel email is not configured (configured now: file); check the Alerts section", Assert.Single(_store.ListAlerts(AlertStatus.Pending)).LastError);
    }

    [SkippableFact]
    public async Task DispatchAsync_Digest_OneMailPerRecipientImmediateOnesApart()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port, digest: true);
        var decisions = SampleDecisions.Decisions(
            Alert(Audience.Finance, "a"),
            Alert(Audience.Finance, "b") with { Severity = Severity.Warning },
            Alert(Audience.Finance, "c", immediate: true) with { Headline = "Credit frozen for Contoso Ltd" }) with
        {
            Escalations = [Escalation()],
        };
        Save(decisions, options);

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(options, _temp.File("alerts"), clock: _clock), options, CancellationToken.None);

        Assert.Equal((7, 5, 0, 0), (result.Sent, result.Messages, result.Retrying, result.FailedNow));
        var mails = server.WaitForMails(5);
        Assert.Equal(5, mails.Count);
        var byRecipient = mails.GroupBy(m => Assert.Single(m.Recipients)).ToDictionary(g => g.Key, g => g.Select(m => m.Message.Subject).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["ap@example.com", "cfo@example.com", "finance@example.com"], byRecipient.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["[HIGH] Credit frozen for Contoso Ltd", "[HIGH] Reconciler: 2 alerts (1 high, 1 warning)"], byRecipient["finance@example.com"]);
        Assert.Equal(byRecipient["finance@example.com"], byRecipient["ap@example.com"]);
        Assert.StartsWith("[CRITICAL] Escalation: Short payment", Assert.Single(byRecipient["cfo@example.com"]), StringComparison.Ordinal);
        Assert.All(_store.ListAlerts(null), a => Assert.Equal(AlertStatus.Sent, a.Status));
    }

    [SkippableFact]
    public async Task DispatchAsync_OneRecipientRefused_OthersDelivered()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port);
        var withRefused = new AlertsOptions { Finance = ["finance@example.com", "reject.me@example.com"], Smtp = options.Smtp };
        Save(SampleDecisions.Decisions(Alert(Audience.Finance, "a")), withRefused);

        var result = await AlertDispatcher.DispatchAsync(_store, AlertChannels.Create(withRefused, _temp.File("alerts"), clock: _clock), withRefused, CancellationToken.None);

        Assert.Equal((1, 1, 0), (result.Sent, result.Retrying, result.FailedNow));
        Assert.Equal(["finance@example.com"], Assert.Single(server.WaitForMails(1)).Recipients);
        var pending = Assert.Single(_store.ListAlerts(AlertStatus.Pending));
        Assert.Equal("reject.me@example.com", pending.Alert.Recipient);
        Assert.Contains("refused the mail for reject.me@example.com: 550", pending.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_Digest_PerChannelAndRecipientImmediateAlone()
    {
        var alerts = new[]
        {
            Outbox.From(Stub("email", "A@example.com", immediate: false), 1),
            Outbox.From(Stub("email", "a@example.com", immediate: false), 2),
            Outbox.From(Stub("email", "a@example.com", immediate: true), 3),
            Outbox.From(Stub("file", "a@example.com", immediate: false), 4),
            Outbox.From(Stub("email", "b@example.com", immediate: false), 5),
        };

        var digest = AlertDispatcher.Group(alerts, digest: true);
        var single = AlertDispatcher.Group(alerts, digest: false);

        Assert.Equal(["3", "1,2", "4", "5"], digest.Select(m => string.Join(',', m.Ids)));
        Assert.Equal(["1", "2", "3", "4", "5"], single.Select(m => string.Join(',', m.Ids)));
    }

    private static NewAlert Stub(string channel, string recipient, bool immediate) => new()
    {
        DedupKey = Guid.NewGuid().ToString(),
        Kind = "alert",
        Rule = "r",
        Audience = "finance",
        Channel = channel,
        Recipient = recipient,
        Severity = "info",
        Subject = "s",
        Body = "b",
        Payload = "{}",
        Immediate = immediate,
    };

    [Fact]
    public async Task DispatchAsync_LeaseRunsOutWhileSending_StopsBeforeSendingWhatAnotherDispatcherTook()
    {
        // Arrange: three alerts; the first send stalls past the lease, and meanwhile another dispatcher claims what
        // has run out (the ledger's clock is moved past the lease).
        var options = new AlertsOptions { Folder = _temp.File("alerts") };
        _store.SaveDecisions([.. Enumerable.Range(0, 3).Select(i => Stub("file", "finance", immediate: true))], [], [], "v7", "test");
        var lease = TimeSpan.FromMilliseconds(300);
        var thief = new LedgerStore(StoreLocation.DataFolder(_temp.File("data")), _clock);
        AlertClaim? stolen = null;
        var channel = new StallingChannel(() =>
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            stolen = thief.ClaimDueAlerts(10, TimeSpan.FromMinutes(30));
            Thread.Sleep(lease / 2);
        });

        // Act
        var result = await AlertDispatcher.DispatchAsync(_store, new Dictionary<string, IAlertChannel> { ["file"] = channel }, options, CancellationToken.None, lease);

        // Assert: the other dispatcher took all three (the one in flight too: it will send that one again, at least
        // once); this one stopped after the send in flight instead of sending the two others as well.
        Assert.Equal(1, channel.Sends);
        Assert.NotNull(stolen);
        Assert.Equal(3, stolen.Alerts.Count);
        Assert.Equal(1, result.Sent);
        Assert.All(_store.ListAlerts(null), a => Assert.Equal(AlertStatus.Sending, a.Status));
    }

    /// <summary>A channel whose first send runs <c>stall</c> (and then succeeds), counting sends.</summary>
    private sealed class StallingChannel(Action stall) : IAlertChannel
    {
        public string Name => "file";

        public int Sends { get; private set; }

        public IReadOnlyList<AlertMessage> Split(AlertMessage message) => [message];

        public Task SendAsync(AlertMessage message, CancellationToken ct)
        {
            if (Sends++ == 0)
            {
                stall();
            }

            return Task.CompletedTask;
        }
    }
}
