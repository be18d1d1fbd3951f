using System.Globalization;
using System.Text.Json;
using Reconciler.Rules;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SaveDecisions_NewHold_IsOpenedOnceAuditedAndInTheFactsOfTheNextRun()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var receivable = ReceivableId("KL26-004536");
        var hold = Hold("overdue:" + receivable, "C0008", receivable, "KL26-004536");

        var first = store.SaveDecisions([], [hold], [], RuleSet, "rules");
        var second = NewStore().SaveDecisions([], [hold], [], "rules-test-2", "rules");

        Assert.Equal(new DecisionsSaved(0, 0, 1, 0, 0), first);
        Assert.Equal(new DecisionsSaved(0, 0, 0, 1, 0), second);
        var stored = Assert.Single(store.ListCreditHolds(false));
        Assert.Equal(
            ("overdue:" + receivable, "C0008", "Tailspin Diagnostics Ltd", receivable, "KL26-004536", "KL26-004536 is overdue with nothing paid", 3, 3, "overdue-credit-hold", RuleSet, "rules", null),
            (stored.Key, stored.CustomerId, stored.CustomerName, stored.ReceivableId, stored.ContractNo, stored.Reason, stored.Orders, stored.OrdersLeft, stored.Rule, stored.RuleSetVersion, stored.OpenedBy, stored.ReleasedAt));
        var audit = Query<(string Actor, string Action, string EntityId, string? Before, string After)>(
            "SELECT actor, action, entity_id, before_state, after_state FROM audit_log WHERE entity = 'credit_hold'").Single();
        Assert.Equal(("rules", "hold", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null), (audit.Actor, audit.Action, audit.EntityId, audit.Before));
        using (var after = JsonDocument.Parse(audit.After))
        {
            Assert.Equal(("overdue:" + receivable, "open", 3), (after.RootElement.GetProperty("key").GetString(), after.RootElement.GetProperty("status").GetString(), after.RootElement.GetProperty("ordersLeft").GetInt32()));
        }

        var fact = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Holds);
        Assert.Equal((stored.Id, hold.Key, LedgerStore.OpenStatus, false, null), (fact.HoldId, fact.Key, fact.ReceivableStatus, fact.ConfirmedByPerson, fact.LastPayment));
        Assert.Equal(
            new Concern
            {
                CustomerId = "C0008",
                CustomerName = "Tailspin Diagnostics Ltd",
                SalesOwner = "anna.berg@example.com",
                ContractNo = "KL26-004536",
                ReceivableId = receivable,
                Amount = 9_900m,
                Currency = "CNY",
                OpenAmount = 9_900m,
                DueDate = new DateOnly(2026, 2, 2),
            },
            fact.Concern);
    }

    [SkippableFact]
    public void LoadRuleFacts_HeldReceivablePaidByAPerson_IsPaidAndConfirmedByPerson()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var receivable = ReceivableId("KL26-004536");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0008", receivable, "KL26-004536")], [], RuleSet, "rules");

        // The typo line's candidate is the held receivable: a clerk confirms it.
        store.Confirm(LineId("B2602060012"), null, "clerk", "checked with Tailspin");

        var fact = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Holds);
        Assert.Equal((LedgerStore.PaidStatus, true, 0m), (fact.ReceivableStatus, fact.ConfirmedByPerson, fact.Concern.OpenAmount));
        var line = Query<(long Id, int Row, string Booked, string? Value, long Amount, string Currency, string Payer, string File)>(
            "SELECT l.id, l.row_number, l.booking_date, l.value_date, l.amount, l.currency, l.payer_name, f.name FROM statement_line l JOIN statement_file f ON f.id = l.file_id WHERE l.bank_ref = 'B2602060012'").Single();
        Assert.Equal(
            new PaymentLine(line.Id, line.File, line.Row, "B2602060012", DateOnly.Parse(line.Value ?? line.Booked, CultureInfo.InvariantCulture), Money.FromUnits(line.Amount), line.Currency, line.Payer),
            fact.LastPayment);
        Assert.DoesNotContain(store.LoadRuleFacts(RulesDay, 3).Exceptions, e => e.LineId == LineId("B2602060012"));
    }

    [SkippableFact]
    public void LoadRuleFacts_HeldReceivableTheErpMarksPaid_IsPaidInErp()
    {
        // Arrange: KL26-004530 (31,000.00) is part paid by a line (27,000.00); a hold on it; then the ERP says it is paid.
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var receivable = ReceivableId("KL26-004530");
        store.SaveDecisions([], [Hold("short:" + receivable, "C0006", receivable, "KL26-004530")], [], RuleSet, "rules");
        var paidBefore = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Holds);
        store.SyncErpReceivables([new Reconciler.Storage.Erp.ErpReceivable(SampleFiles.Receivables().Single(r => r.ContractNo == "KL26-004530"), Reconciler.Storage.Erp.ErpStatus.Paid, 2)], "erp", complete: false, Actor);

        // Act
        var fact = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Holds);

        // Assert: paid because the ERP says so, though the ledger's last payment is still that line.
        Assert.False(paidBefore.PaidInErp);
        Assert.Equal((LedgerStore.PaidStatus, true), (fact.ReceivableStatus, fact.PaidInErp));
        Assert.NotNull(fact.LastPayment);
    }

    [SkippableFact]
    public void SaveDecisions_ReleasedHoldsKey_IsNeverOpenedAgain()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004530");
        var hold = Hold("short:10:" + receivable, "C0006", receivable, "KL26-004530");
        store.SaveDecisions([], [hold], [], RuleSet, "rules");
        var id = Assert.Single(store.ListCreditHolds(false)).Id;

        var release = store.SaveDecisions([], [], [new CreditRelease("release-when-paid", id, "KL26-004530 is paid", new Concern())], RuleSet, "rules");
        var again = store.SaveDecisions([], [hold, Hold("overdue:1", "C0009", ReceivableId("KL25-003991"), "KL25-003991")], [new CreditRelease("release-when-paid", id, "again", new Concern())], RuleSet, "rules");

        Assert.Equal(new DecisionsSaved(0, 0, 0, 0, 1), release);
        Assert.Equal(new DecisionsSaved(0, 0, 1, 1, 0), again);
        Assert.Equal(["overdue:1"], store.ListCreditHolds(false).Select(h => h.Key));
        var all = store.ListCreditHolds(true);
        Assert.Equal(["overdue:1", hold.Key], all.Select(h => h.Key));
        Assert.Equal(("rules", "KL26-004530 is paid"), (all[1].ReleasedBy, all[1].ReleaseReason));
        Assert.NotNull(all[1].ReleasedAt);
        Assert.Equal(["overdue:1"], store.LoadRuleFacts(RulesDay, 3).Holds.Select(h => h.Key));
        Assert.Equal(["hold", "release", "hold"], Query<string>("SELECT action FROM audit_log WHERE entity = 'credit_hold' ORDER BY id"));
        Assert.Equal("rule release-when-paid", Scalar<string>("SELECT note FROM audit_log WHERE action = 'release'"));
    }

    [SkippableFact]
    public void ReleaseCreditHold_ByHand_ReleasesItWithWhoAndWhyAudited()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004533");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0007", receivable, "KL26-004533")], [], RuleSet, "rules");
        var id = Assert.Single(store.ListCreditHolds(false)).Id;
        var at = Clock.Upcoming;

        var release = NewStore().ReleaseCreditHold(id, "finance.manager", "paid by cheque, seen on the account");
        var released = release.Hold;

        Assert.Equal((id, Instant(at), "finance.manager", "paid by cheque, seen on the account"), (released.Id, released.ReleasedAt, released.ReleasedBy, released.ReleaseReason));
        Assert.True(release.Changed);
        Assert.Empty(store.ListCreditHolds(false));
        var audit = Query<(string Actor, string Before, string After, string Note)>(
            "SELECT actor, before_state, after_state, note FROM audit_log WHERE entity = 'credit_hold' AND action = 'release'").Single();
        Assert.Equal(("finance.manager", "paid by cheque, seen on the account"), (audit.Actor, audit.Note));
        using var before = JsonDocument.Parse(audit.Before);
        using var after = JsonDocument.Parse(audit.After);
        Assert.Equal("open", before.RootElement.GetProperty("status").GetString());
        Assert.False(before.RootElement.TryGetProperty("releasedAt", out _));
        Assert.Equal(("released", "finance.manager", "paid by cheque, seen on the account"), (after.RootElement.GetProperty("status").GetString(), after.RootElement.GetProperty("releasedBy").GetString(), after.RootElement.GetProperty("releaseReason").GetString()));
    }

    [SkippableFact]
    public void ReleaseCreditHold_UnknownOrWithoutAName_IsRefusedWithAMessageAndChangesNothing()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004533");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0007", receivable, "KL26-004533")], [], RuleSet, "rules");
        var id = Assert.Single(store.ListCreditHolds(false)).Id;
        var before = Contents();

        var unknown = Assert.Throws<ReviewException>(() => store.ReleaseCreditHold(id + 100, "clerk", "why not"));
        var nobody = Assert.Throws<ReviewException>(() => store.ReleaseCreditHold(id, " ", "again"));

        Assert.Equal($"there is no credit hold {id + 100} in the ledger; the list of credit holds shows their ids", unknown.Message);
        Assert.Equal("a review needs the reviewer's name", nobody.Message);
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void ReleaseCreditHold_ReleasedAlready_ChangesNothingAndSaysWhenByWhomAndWhy()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004533");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0007", receivable, "KL26-004533")], [], RuleSet, "rules");
        var id = Assert.Single(store.ListCreditHolds(false)).Id;
        var first = store.ReleaseCreditHold(id, "clerk", "");
        var before = Contents();

        var twice = store.ReleaseCreditHold(id, "manager", "again");

        Assert.False(twice.Changed);
        Assert.Equal(first.Hold, twice.Hold);
        Assert.StartsWith($"credit hold {id} (overdue:{receivable}, customer C0007 杭州仁和诊所) was released already, on 2026-03-01T", twice.Message, StringComparison.Ordinal);
        Assert.EndsWith("by clerk: released by hand by clerk; nothing changed", twice.Message, StringComparison.Ordinal);
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void SaveDecisions_HoldWithoutCustomer_IsRefusedBeforeAnythingIsSaved()
    {
        var store = MigratedStore();
        var before = Contents();

        var error = Assert.Throws<ArgumentException>(() => store.SaveDecisions([NewAlert("a")], [Hold("short:1:2", "", null, "")], [], RuleSet, "rules"));

        Assert.StartsWith("credit hold short:1:2 names no customer", error.Message, StringComparison.Ordinal);
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void SaveDecisions_ReleaseOfAHoldAPersonReleasedMeanwhile_NeitherReleasedAgainNorAlerted()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004530");
        store.SaveDecisions([], [Hold("short:10:" + receivable, "C0006", receivable, "KL26-004530")], [], RuleSet, "rules");
        var id = Assert.Single(store.ListCreditHolds(false)).Id;
        store.ReleaseCreditHold(id, "li.wei", "paid by cheque");
        var release = new CreditRelease("credit-release", id, "contract KL26-004530 is paid (matched)", new Concern { CustomerId = "C0006", ReceivableId = receivable });

        var saved = store.SaveDecisions(
            [NewAlert(string.Create(CultureInfo.InvariantCulture, $"release:{id}:finance|file|finance")), NewAlert("exception:1:NoReference:finance|file|finance")],
            [],
            [release],
            RuleSet,
            "rules");

        Assert.Equal(new DecisionsSaved(1, 0, 0, 0, 0), saved);
        Assert.Equal(["exception:1:NoReference:finance|file|finance"], store.ListAlerts(null).Select(a => a.Alert.DedupKey));
        Assert.Equal("li.wei", Assert.Single(store.ListCreditHolds(true)).ReleasedBy);
    }

    [SkippableFact]
    public void LoadRuleFacts_CauseReleasedByHandOnAHeldReceivable_IsAmongTheFacts()
    {
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004530");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0006", receivable, "KL26-004530")], [], RuleSet, "rules");
        var first = Assert.Single(store.ListCreditHolds(false)).Id;
        store.ReleaseCreditHold(first, "li.wei", "customer promised to pay");
        store.SaveDecisions([], [Hold("short:10:" + receivable, "C0006", receivable, "KL26-004530")], [], RuleSet, "rules");

        var facts = store.LoadRuleFacts(RulesDay, 3);

        var released = Assert.Single(facts.ReleasedHolds);
        Assert.Equal((first, "overdue:" + receivable, receivable, "li.wei", "customer promised to pay"), (released.HoldId, released.Key, released.ReceivableId, released.ReleasedBy, released.ReleaseReason));
        Assert.Equal(["short:10:" + receivable], facts.Holds.Select(h => h.Key));
    }

    [SkippableFact]
    public void SaveDecisions_RevisionToACauseReleasedBefore_HoldStaysAsItWasWithNoMessage()
    {
        // A revision decided without the released hold among the facts (a stale plan, or that hold released since): the
        // ledger does not release the hold silently; it leaves it for the next run, whose rules release it with alerts.
        var (store, _, _) = SamplesImported();
        var receivable = ReceivableId("KL26-004530");
        var overdue = Hold("overdue:" + receivable, "C0006", receivable, "KL26-004530");
        store.SaveDecisions([], [overdue], [], RuleSet, "rules");
        store.ReleaseCreditHold(Assert.Single(store.ListCreditHolds(false)).Id, "li.wei", "customer promised to pay");
        var shortHold = Hold("short:10:" + receivable, "C0006", receivable, "KL26-004530");
        store.SaveDecisions([], [shortHold], [], RuleSet, "rules");
        var held = Assert.Single(store.ListCreditHolds(false));
        var revision = new CreditHoldRevision("overdue-credit-hold", held.Id, overdue.Key, overdue.Reason, shortHold.Key, shortHold.Reason, overdue.Concern);
        var revisedAlert = string.Create(CultureInfo.InvariantCulture, $"hold-revised:{held.Id}:{overdue.Key}:finance|file|finance");

        var saved = store.SaveDecisions([NewAlert(revisedAlert)], [], [], [revision], RuleSet, "rules");

        Assert.Equal(new DecisionsSaved(0, 0, 0, 0, 0) { HoldsRevised = 0 }, saved);
        Assert.Empty(store.ListAlerts(null));
        var after = Assert.Single(store.ListCreditHolds(false));
        Assert.Equal((held.Id, shortHold.Key, shortHold.Reason, null), (after.Id, after.Key, after.Reason, after.ReleasedBy));
        Assert.Equal(0, Query<long>("SELECT COUNT(*) FROM audit_log WHERE entity = 'credit_hold' AND actor = 'rules' AND action IN ('release', 'revise')").Single());
    }

    [SkippableFact]
    public void SaveDecisions_HoldReleasedByHandDecidedAgain_ItsCreditFrozenAlertsAreNotAddedForANewChannel()
    {
        // A person released the hold; the overdue receivable still calls for it, so each run decides it again. The
        // hold is not opened again (its key is known), and its "credit frozen" alerts are not added either, even on a
        // channel or address configured since (a new dedup key): the customer's orders are not held.
        var (store, _, _) = SamplesImported();
        var released = ReceivableId("KL25-003991");
        var inForce = ReceivableId("KL26-004536");
        var releasedHold = Hold("overdue:" + released, "C0009", released, "KL25-003991");
        var heldHold = Hold("overdue:" + inForce, "C0008", inForce, "KL26-004536");
        store.SaveDecisions([NewAlert($"hold:{releasedHold.Key}:finance|file|finance")], [releasedHold, heldHold], [], RuleSet, "rules");
        store.ReleaseCreditHold(store.ListCreditHolds(false).Single(h => h.Key == releasedHold.Key).Id, "li.wei", "paid by cheque");

        var saved = store.SaveDecisions(
            [
                NewAlert($"hold:{releasedHold.Key}:finance|file|finance"),
                NewAlert($"hold:{releasedHold.Key}:finance|webhook:chat|finance"),
                NewAlert($"hold:{releasedHold.Key}:sales-owner|email|li.wei@example.com"),
                NewAlert($"hold:{heldHold.Key}:finance|webhook:chat|finance"),
            ],
            [releasedHold, heldHold],
            [],
            RuleSet,
            "rules");

        Assert.Equal(new DecisionsSaved(1, 0, 0, 2, 0), saved);
        Assert.Equal(
            [$"hold:{heldHold.Key}:finance|webhook:chat|finance", $"hold:{releasedHold.Key}:finance|file|finance"],
            store.ListAlerts(null).Select(a => a.Alert.DedupKey));
        Assert.Equal([heldHold.Key], store.ListCreditHolds(false).Select(h => h.Key));
    }
}
