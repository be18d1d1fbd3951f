using System.Globalization;
using Dapper;
using Reconciler.Rules;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    private protected const string RuleSet = "rules-test-1";

    /// <summary>A claim's lease as the dispatcher takes it.</summary>
    private protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    [SkippableFact]
    public void SaveDecisions_SameAlertsTwice_AddsThemOnceAndTheSecondTimeCountsThemKnown()
    {
        var (store, _, _) = SamplesImported();
        var alerts = Enumerable.Range(1, 3).Select(i => NewAlert($"exception:{i}:NoReference:finance")).ToList();

        var first = store.SaveDecisions(alerts, [], [], RuleSet, "rules");
        var before = Contents();
        var second = NewStore().SaveDecisions(alerts, [], [], "rules-test-2", "rules");

        Assert.Equal(new DecisionsSaved(3, 0, 0, 0, 0), first);
        Assert.Equal(new DecisionsSaved(0, 3, 0, 0, 0), second);
        Assert.Equal(before.Describe(), Contents().Describe());
        var stored = store.ListAlerts(null);
        Assert.Equal(["exception:3:NoReference:finance", "exception:2:NoReference:finance", "exception:1:NoReference:finance"], stored.Select(a => a.Alert.DedupKey));
        Assert.All(stored, a => Assert.Equal((AlertStatus.Pending, 0, null, null, RuleSet, null), (a.Status, a.Attempts, a.NextAttemptAt, a.LastError, a.RuleSetVersion, a.SentAt)));
        Assert.Equal(alerts[0], stored[^1].Alert);
    }

    [SkippableFact]
    public void SaveDecisions_KeyGivenTwiceInOneCall_AddsItOnceAndCountsTheOtherKnown()
    {
        var store = MigratedStore();

        var saved = store.SaveDecisions([NewAlert("a", subject: "first"), NewAlert("b"), NewAlert("a", subject: "second")], [], [], RuleSet, "rules");

        Assert.Equal(new DecisionsSaved(2, 1, 0, 0, 0), saved);
        Assert.Equal("first", store.ListAlerts(null).Single(a => a.Alert.DedupKey == "a").Alert.Subject);
    }

    [SkippableFact]
    public void SaveDecisions_ManyAlerts_AddsThemInBulkAndOnlyTheNewOnesTheSecondTime()
    {
        var store = MigratedStore();
        var alerts = Enumerable.Range(0, 20_000).Select(i => NewAlert(string.Create(CultureInfo.InvariantCulture, $"bulk:{i:D6}"))).ToList();

        var first = store.SaveDecisions(alerts, [], [], RuleSet, "rules");
        var second = store.SaveDecisions([.. alerts.Take(500), NewAlert("bulk:new")], [], [], RuleSet, "rules");

        Assert.Equal(new DecisionsSaved(20_000, 0, 0, 0, 0), first);
        Assert.Equal(new DecisionsSaved(1, 500, 0, 0, 0), second);
        Assert.Equal(20_001, Scalar<int>("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Equal(["bulk:000000", "bulk:000001"], store.ClaimDueAlerts(2, Lease).Alerts.Select(a => a.Alert.DedupKey));
    }

    [SkippableFact]
    public void SaveDecisions_AlertsWrittenOnRead_StoresTheTextsReadingEachOnceAndKeepsAnyTextSet()
    {
        var store = MigratedStore();
        var texts = Enumerable.Range(0, 3).Select(i => new CountingText(i)).ToList();
        var alerts = texts.Select((text, i) => new NewAlert
        {
            DedupKey = string.Create(CultureInfo.InvariantCulture, $"lazy:{i}"),
            Kind = "alert",
            Rule = "exception-alert",
            Audience = "finance",
            Channel = "file",
            Recipient = "finance",
            Severity = "info",
            Text = text,
        }).ToList();
        alerts[2] = alerts[2] with { Subject = "set, not written" };

        var saved = store.SaveDecisions(alerts, [], [], RuleSet, "rules");

        Assert.Equal(new DecisionsSaved(3, 0, 0, 0, 0), saved);
        Assert.Equal([(1, 1, 1), (1, 1, 1), (0, 1, 1)], texts.Select(t => (t.Subjects, t.Bodies, t.Payloads)));
        var stored = store.ListAlerts(null).OrderBy(a => a.Alert.DedupKey, StringComparer.Ordinal).Select(a => a.Alert).ToList();
        Assert.Equal(["subject 0", "subject 1", "set, not written"], stored.Select(a => a.Subject));
        Assert.Equal(["body 0", "body 1", "body 2"], stored.Select(a => a.Body));
        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"], stored.Select(a => a.Payload));
        Assert.Equal(alerts[0], stored[0]); // equal by content, texts written on read or set
    }

    /// <summary>Texts written on read, counting each read.</summary>
    private sealed class CountingText(int n) : IAlertText
    {
        public int Subjects { get; private set; }

        public int Bodies { get; private set; }

        public int Payloads { get; private set; }

        public string Subject
        {
            get
            {
                Subjects++;
                return string.Create(CultureInfo.InvariantCulture, $"subject {n}");
            }
        }

        public string Body
        {
            get
            {
                Bodies++;
                return string.Create(CultureInfo.InvariantCulture, $"body {n}");
            }
        }

        public string Payload
        {
            get
            {
                Payloads++;
                return string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{n}}}");
            }
        }
    }

    [SkippableFact]
    public void KnownDecisionKeys_ManyKeysWithQuotesBackslashesAndOtherScripts_FindsExactlyTheStoredOnes()
    {
        var (store, _, _) = SamplesImported();
        string[] odd = ["hold:\"quoted\"|file|finance", "hold:back\\slash|email|a@b.cn", "hold:货款 KL26-004530|file|销售部", "hold:emoji 😀|file|x", "hold:tab\tand\nnewline|file|x"];
        var stored = Enumerable.Range(0, 2_500).Select(i => string.Create(CultureInfo.InvariantCulture, $"exception:{i}:NoReference:finance")).Concat(odd).ToList();
        store.SaveDecisions([.. stored.Select(k => NewAlert(k))], [Hold("hold:C0006:KL26-004530", "C0006", null, "KL26-004530"), Hold("hold:客户\"甲\":合同", "C0007", null, "合同")], [], RuleSet, "rules");
        var asked = stored.Where((_, i) => i % 3 != 1).Concat(["exception:9999:NoReference:finance", "hold:\"quoted\"|file|FINANCE", "hold:emoji 😁|file|x"]).ToList();

        var (alerts, holds) = store.KnownDecisionKeys(asked, ["hold:C0006:KL26-004530", "hold:客户\"甲\":合同", "hold:客户甲:合同"]);

        Assert.Equal(stored.Where((_, i) => i % 3 != 1).Order(StringComparer.Ordinal), alerts.Order(StringComparer.Ordinal));
        Assert.Equal(["hold:C0006:KL26-004530", "hold:客户\"甲\":合同"], holds.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void ClaimDueAlerts_PendingOnes_OldestFirstWithTheirLinesFileRowAndBankReferenceAndHeldUntilTheLeaseRunsOut()
    {
        var (store, _, b) = SamplesImported();
        var line = b.Lines.Single(l => l.Line.BankRef == "B2602030009");
        store.SaveDecisions([NewAlert("first", lineId: line.Id), NewAlert("second"), NewAlert("third")], [], [], RuleSet, "rules");
        var at = Clock.Upcoming;

        var claim = store.ClaimDueAlerts(2, Lease);

        var due = claim.Alerts;
        Assert.Equal(["first", "second"], due.Select(a => a.Alert.DedupKey));
        Assert.Equal(("statement-b.csv", 3, "B2602030009", line.Id), (due[0].File, due[0].Row, due[0].BankRef, due[0].Alert.LineId));
        Assert.Equal(("", 0, ""), (due[1].File, due[1].Row, due[1].BankRef));
        Assert.All(due, a => Assert.Equal((AlertStatus.Sending, Instant(at + Lease), 0), (a.Status, a.NextAttemptAt, a.Attempts)));
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM alert_outbox WHERE status = 'sending' AND claim_token = @Token", new { claim.Token }));
        Assert.Equal(["third"], store.ClaimDueAlerts(10, Lease).Alerts.Select(a => a.Alert.DedupKey));
        Assert.Empty(store.ClaimDueAlerts(10, Lease).Alerts);
        Assert.Equal(3, store.ListAlerts(AlertStatus.Sending).Count);
    }

    [SkippableFact]
    public async Task ClaimDueAlerts_FourClaimersAtOnce_ClaimDisjointSetsThatCoverEveryDueAlert()
    {
        var store = MigratedStore();
        store.SaveDecisions([.. Enumerable.Range(0, 400).Select(i => NewAlert(string.Create(CultureInfo.InvariantCulture, $"race:{i}")))], [], [], RuleSet, "rules");
        var claimers = new[] { NewStore(), NewStore(), NewStore(), NewStore() };
        using var start = new Barrier(claimers.Length);

        var claimed = await Task.WhenAll(claimers.Select(claimer => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                var mine = new List<(long Id, string Token)>();
                while (claimer.ClaimDueAlerts(7, Lease) is { Alerts.Count: > 0 } claim)
                {
                    mine.AddRange(claim.Alerts.Select(a => (a.Id, claim.Token)));
                }

                return mine;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        var all = claimed.SelectMany(c => c).OrderBy(c => c.Id).ToList();
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Select(c => c.Id).Distinct().Count());
        Assert.Equal(all, Query<(long Id, string Token)>("SELECT id, claim_token FROM alert_outbox WHERE status = 'sending' ORDER BY id"));
    }

    [SkippableFact]
    public void ClaimDueAlerts_LeaseRunOut_ClaimedAgainAndTheFirstClaimSettlesNothing()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], RuleSet, "rules");
        var first = store.ClaimDueAlerts(10, TimeSpan.FromMinutes(1));
        var ids = first.Alerts.Select(a => a.Id).ToList();
        Assert.Empty(NewStore().ClaimDueAlerts(10, Lease).Alerts);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = NewStore().ClaimDueAlerts(10, Lease);

        Assert.Equal(ids, second.Alerts.Select(a => a.Id));
        Assert.NotEqual(first.Token, second.Token);
        Assert.All(second.Alerts, a => Assert.Equal(0, a.Attempts));
        Assert.Equal(0, store.MarkAlertsFailed(first.Token, ids, "too late", 1, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, store.ReleaseAlerts(first.Token, ids, "too late", TimeSpan.Zero));
        Assert.Equal(0, store.MarkAlertsSent(first.Token, ids));
        Assert.All(store.ListAlerts(null), a => Assert.Equal((AlertStatus.Sending, 0, null), (a.Status, a.Attempts, a.LastError)));
        Assert.Equal(2, store.MarkAlertsSent(second.Token, ids));
        Assert.Equal(2, store.ListAlerts(AlertStatus.Sent).Count);
    }

    [SkippableFact]
    public void RenewAlertClaim_BeforeTheLeaseRunsOut_KeepsTheAlertsFromOtherClaimers()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(10, TimeSpan.FromMinutes(1));

        Clock.Advance(TimeSpan.FromSeconds(50));
        var renewed = store.RenewAlertClaim(claim.Token, TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(2, renewed);
        Assert.Empty(NewStore().ClaimDueAlerts(10, Lease).Alerts);
        Assert.Equal(0, store.RenewAlertClaim("another-token", TimeSpan.FromMinutes(1)));
        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, NewStore().ClaimDueAlerts(10, Lease).Alerts.Count);
    }

    [SkippableFact]
    public void MarkAlertsFailed_NotTriedThemselves_CountTheAttemptButNeverTheLast()
    {
        // Arrange: two alerts, each with one attempt spent; the limit is two attempts.
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], RuleSet, "rules");
        var first = store.ClaimDueAlerts(10, Lease);
        Assert.Equal(0, store.MarkAlertsFailed(first.Token, [.. first.Alerts.Select(a => a.Id)], "down", 2, TimeSpan.Zero, tried: false));
        var second = store.ClaimDueAlerts(10, Lease);
        var ids = second.Alerts.ToDictionary(a => a.Alert.DedupKey, a => a.Id);

        // Act: "a" was tried and failed again; "b" failed only by the channel's failure with "a".
        var failedTried = store.MarkAlertsFailed(second.Token, [ids["a"]], "down", 2, TimeSpan.Zero);
        var failedUntried = store.MarkAlertsFailed(second.Token, [ids["b"]], "down", 2, TimeSpan.Zero, tried: false);

        // Assert: "a" is failed at its last attempt; "b" waits for a try of its own, its last attempt not spent.
        Assert.Equal((1, 0), (failedTried, failedUntried));
        var alerts = store.ListAlerts(null).ToDictionary(a => a.Alert.DedupKey);
        Assert.Equal((AlertStatus.Failed, 2), (alerts["a"].Status, alerts["a"].Attempts));
        Assert.Equal((AlertStatus.Pending, 1, "down"), (alerts["b"].Status, alerts["b"].Attempts, alerts["b"].LastError));
    }

    [SkippableFact]
    public void RetryFailedAlerts_SomeFailed_OnlyThoseArePendingAgainFromZeroAndAudited()
    {
        // Arrange: "a" and "b" failed at their only attempt; "c" was sent.
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b"), NewAlert("c")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(10, Lease);
        var ids = claim.Alerts.ToDictionary(a => a.Alert.DedupKey, a => a.Id);
        store.MarkAlertsFailed(claim.Token, [ids["a"], ids["b"]], "down", 1, TimeSpan.Zero);
        store.MarkAlertsSent(claim.Token, [ids["c"]]);

        // Act
        var named = store.RetryFailedAlerts([ids["a"], ids["c"], 999_999], "ops", "back up");
        var rest = NewStore().RetryFailedAlerts(null, "ops", null);

        // Assert
        Assert.Equal([ids["a"]], named);
        Assert.Equal([ids["b"]], rest);
        var alerts = store.ListAlerts(null).ToDictionary(a => a.Alert.DedupKey);
        Assert.Equal((AlertStatus.Pending, 0, "down"), (alerts["a"].Status, alerts["a"].Attempts, alerts["a"].LastError));
        Assert.Equal((AlertStatus.Pending, 0), (alerts["b"].Status, alerts["b"].Attempts));
        Assert.Equal(AlertStatus.Sent, alerts["c"].Status);
        Assert.Equal(2, store.ClaimDueAlerts(10, Lease).Alerts.Count);
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE entity = 'alert_outbox' AND action = 'retry' AND actor = 'ops'"));
    }

    [SkippableFact]
    public void MarkAlerts_WrongToken_ChangeNothing()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b"), NewAlert("c")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(2, Lease);
        var ids = store.ListAlerts(null).Select(a => a.Id).ToList();
        var before = Contents();

        var sent = store.MarkAlertsSent("not-the-token", ids);
        var failed = store.MarkAlertsFailed("not-the-token", ids, "boom", 1, TimeSpan.FromMinutes(1));
        var released = store.ReleaseAlerts("not-the-token", ids, "boom", TimeSpan.Zero);

        Assert.Equal((0, 0, 0), (sent, failed, released));
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(0, store.MarkAlertsSent(claim.Token, [.. ids.Except(claim.Alerts.Select(a => a.Id))]));
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void MarkAlertsSent_ClaimedAlerts_AreSentOnceAndNoLongerDue()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b"), NewAlert("c")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(10, Lease);
        var ids = claim.Alerts.ToDictionary(a => a.Alert.DedupKey, a => a.Id);
        store.ReleaseAlerts(claim.Token, [ids["c"]], null, TimeSpan.Zero);
        var at = Clock.Upcoming;

        var sent = store.MarkAlertsSent(claim.Token, [ids["a"], ids["b"]]);
        var failedAfter = store.MarkAlertsFailed(claim.Token, [ids["a"]], "too late", 5, TimeSpan.FromMinutes(1));
        var sentAgain = store.MarkAlertsSent(claim.Token, [ids["a"]]);

        Assert.Equal((2, 0, 0), (sent, failedAfter, sentAgain));
        Assert.Equal(["c"], store.ClaimDueAlerts(10, Lease).Alerts.Select(a => a.Alert.DedupKey));
        var listed = store.ListAlerts("SENT");
        Assert.Equal(["b", "a"], listed.Select(a => a.Alert.DedupKey));
        Assert.All(listed, a => Assert.Equal((AlertStatus.Sent, Instant(at), 0, null, null), (a.Status, a.SentAt, a.Attempts, a.LastError, a.NextAttemptAt)));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM alert_outbox WHERE status = 'sent' AND claim_token IS NOT NULL"));
        Assert.Empty(store.ListAlerts(AlertStatus.Failed));
    }

    [SkippableFact]
    public void MarkAlertsFailed_EachFailure_WaitsTwiceAsLongAsTheOneBefore()
    {
        var store = MigratedStore();
        var backoff = TimeSpan.FromMinutes(5);
        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(10, Lease);
        var a = claim.Alerts.Single(x => x.Alert.DedupKey == "a").Id;
        store.ReleaseAlerts(claim.Token, [claim.Alerts.Single(x => x.Alert.DedupKey == "b").Id], null, TimeSpan.Zero);

        var first = Clock.Upcoming;
        Assert.Equal(0, store.MarkAlertsFailed(claim.Token, [a], "smtp: 421 try later", 4, backoff));

        var failed = store.ListAlerts(null).Single(x => x.Id == a);
        Assert.Equal((AlertStatus.Pending, 1, Instant(first + backoff), "smtp: 421 try later"), (failed.Status, failed.Attempts, failed.NextAttemptAt, failed.LastError));
        Assert.Equal(["b"], store.ClaimDueAlerts(10, Lease).Alerts.Select(x => x.Alert.DedupKey));
        Clock.Advance(backoff - TimeSpan.FromSeconds(3));
        Assert.Empty(store.ClaimDueAlerts(10, Lease).Alerts);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var again = store.ClaimDueAlerts(10, Lease);
        Assert.Equal([a], again.Alerts.Select(x => x.Id));
        Assert.Equal(1, again.Alerts[0].Attempts);

        var second = Clock.Upcoming;
        store.MarkAlertsFailed(again.Token, [a], "smtp: 421 try later", 4, backoff);
        Assert.Equal((2, Instant(second + (2 * backoff))), Attempt(store, a));
        Clock.Advance(2 * backoff);
        var third = store.ClaimDueAlerts(10, Lease);
        var thirdAt = Clock.Upcoming;
        store.MarkAlertsFailed(third.Token, [a], "smtp: 421 try later", 4, backoff);
        Assert.Equal((3, Instant(thirdAt + (4 * backoff))), Attempt(store, a));
    }

    [SkippableFact]
    public void MarkAlertsFailed_AtTheLastAttempt_IsFailedWithTheReasonAndNeverDueAgain()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a")], [], [], RuleSet, "rules");
        var gaveUp = new List<int>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claim = store.ClaimDueAlerts(10, Lease);
            gaveUp.Add(store.MarkAlertsFailed(claim.Token, [Assert.Single(claim.Alerts).Id], string.Create(CultureInfo.InvariantCulture, $"webhook: 503 (attempt {attempt})"), 3, TimeSpan.FromSeconds(10)));
            Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal([0, 0, 1], gaveUp);
        var failed = Assert.Single(store.ListAlerts(AlertStatus.Failed));
        Assert.Equal((3, "webhook: 503 (attempt 3)", null, null), (failed.Attempts, failed.LastError, failed.NextAttemptAt, failed.SentAt));
        Assert.Empty(store.ClaimDueAlerts(10, Lease).Alerts);
        Assert.Empty(store.ListAlerts(AlertStatus.Pending));
    }

    [SkippableFact]
    public void ReleaseAlerts_NotTried_PendingAgainWithoutAnAttemptDueAfterTheWait()
    {
        var store = MigratedStore();
        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(10, Lease);
        var (a, b) = (claim.Alerts[0].Id, claim.Alerts[1].Id);
        store.MarkAlertsFailed(claim.Token, [b], "smtp: 421 try later", 5, TimeSpan.FromMinutes(1));
        var at = Clock.Upcoming;

        var released = store.ReleaseAlerts(claim.Token, [a], "not tried: webhook:ops was unreachable earlier in this dispatch", TimeSpan.FromMinutes(1));

        Assert.Equal(1, released);
        var stored = store.ListAlerts(null).Single(x => x.Id == a);
        Assert.Equal((AlertStatus.Pending, 0, Instant(at + TimeSpan.FromMinutes(1)), "not tried: webhook:ops was unreachable earlier in this dispatch"), (stored.Status, stored.Attempts, stored.NextAttemptAt, stored.LastError));
        Assert.Empty(store.ClaimDueAlerts(10, Lease).Alerts);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var again = store.ClaimDueAlerts(10, Lease);
        Assert.Equal([a, b], again.Alerts.Select(x => x.Id));

        // Released at once, with no reason: due now, its last error and attempts kept.
        Assert.Equal(1, store.ReleaseAlerts(again.Token, [b], null, TimeSpan.Zero));
        var kept = store.ListAlerts(null).Single(x => x.Id == b);
        Assert.Equal((AlertStatus.Pending, 1, "smtp: 421 try later"), (kept.Status, kept.Attempts, kept.LastError));
        Assert.Equal([b], store.ClaimDueAlerts(10, Lease).Alerts.Select(x => x.Id));
    }

    [SkippableFact]
    public void MarkAlerts_MoreIdsThanAStatementTakes_MarksEveryOne()
    {
        var store = MigratedStore();
        store.SaveDecisions([.. Enumerable.Range(0, 2_500).Select(i => NewAlert(string.Create(CultureInfo.InvariantCulture, $"k{i}")))], [], [], RuleSet, "rules");
        var claim = store.ClaimDueAlerts(3_000, Lease);
        var ids = claim.Alerts.Select(a => a.Id).ToList();

        var gaveUp = store.MarkAlertsFailed(claim.Token, ids[..2_200], "down", 1, TimeSpan.FromMinutes(1));
        var sent = store.MarkAlertsSent(claim.Token, ids);

        Assert.Equal((2_500, 2_200, 300), (ids.Count, gaveUp, sent));
        Assert.Equal(300, store.ListAlerts(AlertStatus.Sent).Count);
        Assert.Equal(2_200, Scalar<int>("SELECT COUNT(*) FROM alert_outbox WHERE status = 'failed' AND attempts = 1 AND last_error = 'down' AND claim_token IS NULL"));
        Assert.Equal(ids[2_200..], store.ListAlerts(AlertStatus.Sent).Select(a => a.Id).Order());
    }

    [SkippableFact]
    public void ListAlerts_UnknownStatus_SaysWhichStatusesThereAre()
    {
        var store = MigratedStore();

        var error = Assert.Throws<ArgumentException>(() => store.ListAlerts("queued"));

        Assert.StartsWith("\"queued\" is not an alert status; the statuses are pending, sending, sent, failed", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SaveDecisions_TwoProcessesSaveTheSameDecisionsAtOnce_AddEachOnlyOnce()
    {
        var (store, _, _) = SamplesImported();
        var receivable = Scalar<long>("SELECT id FROM receivable WHERE contract_no = 'KL26-004536'");
        var alerts = Enumerable.Range(0, 2_000).Select(i => NewAlert(string.Create(CultureInfo.InvariantCulture, $"race:{i}"))).ToList();
        var holds = new[] { Hold("overdue:" + receivable, "C0008", receivable, "KL26-004536") };
        var writers = new[] { NewStore(), NewStore(), NewStore() };
        using var start = new Barrier(writers.Length);

        var saved = await Task.WhenAll(writers.Select(writer => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return writer.SaveDecisions(alerts, holds, [], RuleSet, "worker");
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(2_000, saved.Sum(s => s.AlertsAdded));
        Assert.Equal(4_000, saved.Sum(s => s.AlertsKnown));
        Assert.Equal((1, 2), (saved.Sum(s => s.HoldsOpened), saved.Sum(s => s.HoldsKnown)));
        Assert.Equal(2_000, Scalar<int>("SELECT COUNT(DISTINCT dedup_key) FROM alert_outbox"));
        Assert.Equal(2_000, Scalar<int>("SELECT COUNT(*) FROM alert_outbox"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM credit_hold"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE entity = 'credit_hold'"));
        Assert.Single(store.ListCreditHolds(false));
    }

    [SkippableFact]
    public async Task SaveDecisions_AnotherWriterAddsTheSameKeyMeanwhile_WaitsForItAndCountsTheKeyKnown()
    {
        var store = MigratedStore();
        using var other = Database.Open();
        using var transaction = other.BeginTransaction();
        other.Execute(
            """
            INSERT INTO alert_outbox (dedup_key, kind, rule_name, audience, channel, recipient, severity, subject, body, payload, immediate,
                customer_id, contract_no, status, attempts, rule_set_version, created_at)
            VALUES ('k1', 'alert', 'other-worker', 'finance', 'email', 'finance@example.com', 'warning', 'from the other worker', 'body', '{}', @Immediate,
                '', '', 'pending', 0, 'rules-test-0', '2026-03-01T08:00:00.000Z')
            """,
            new { Immediate = false },
            transaction);

        var saving = Task.Factory.StartNew(
            () => store.SaveDecisions([NewAlert("k1"), NewAlert("k2")], [], [], RuleSet, "rules"),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.False(saving.IsCompleted, "the save should wait for the other writer's uncommitted key");
        transaction.Commit();
        var saved = await saving;

        Assert.Equal(new DecisionsSaved(1, 1, 0, 0, 0), saved);
        Assert.Equal(["k2", "k1"], store.ListAlerts(null).Select(a => a.Alert.DedupKey));
        Assert.Equal("from the other worker", store.ListAlerts(null).Single(a => a.Alert.DedupKey == "k1").Alert.Subject);
    }

    private static (int Attempts, string? Next) Attempt(LedgerStore store, long id)
    {
        var alert = store.ListAlerts(null).Single(a => a.Id == id);
        return (alert.Attempts, alert.NextAttemptAt);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static NewAlert NewAlert(string key, long? lineId = null, string subject = "Payment needs a look") => new()
    {
        DedupKey = key,
        Kind = "alert",
        Rule = "exception-alerts-sales-and-finance",
        Audience = "finance",
        Channel = "email",
        Recipient = "finance@example.com",
        Severity = "warning",
        Subject = subject,
        Body = "A payment could not be matched.\nLook at it in review.",
        Payload = "{\"headline\":\"Payment needs a look\"}",
        Immediate = key.EndsWith('1'),
        LineId = lineId,
        ReceivableId = null,
        CustomerId = "C0006",
        ContractNo = "KL26-004530",
    };

    private static CreditHold Hold(string key, string customerId, long? receivableId, string contractNo, int orders = 3) =>
        new("overdue-credit-hold", key, $"{contractNo} is overdue with nothing paid", orders, new Concern { CustomerId = customerId, ReceivableId = receivableId, ContractNo = contractNo });
}
