using Reconciler.Domain;
using Reconciler.Rules;
using static Reconciler.Core.Tests.Rules.RuleFactsBuilder;

namespace Reconciler.Core.Tests.Rules;

public sealed class RuleEngineTests
{
    private static readonly RuleEngine Engine = new(new RuleSettings { Today = default }, []);

    [Fact]
    public void Decide_OneException_AlertsSalesOwnerAndFinanceOnceEach()
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(5, ExceptionKind.NoReference, 1_200m, contract: "", receivable: null)] }, Today, Now);

        Assert.Equal(
            ["exception:5:NoReference:finance", "exception:5:NoReference:sales-owner"],
            decisions.Alerts.Select(a => a.Key));
        Assert.Equal([Audience.Finance, Audience.SalesOwner], decisions.Alerts.Select(a => a.Audience));
        Assert.All(decisions.Alerts, a => Assert.Equal(RuleNames.ExceptionAlert, a.Rule));
        Assert.All(decisions.Alerts, a => Assert.Equal("Payment without a contract reference: Contoso Ltd, 1,200.00 EUR", a.Headline));
        Assert.All(decisions.Alerts, a => Assert.Contains("reconciler review match", a.NextStep, StringComparison.Ordinal));
        Assert.Empty(decisions.Escalations);
        Assert.Empty(decisions.Holds);
        Assert.StartsWith("rules ", decisions.RuleSetVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LoweredReceivable_AlertsPerReceivableWithBothWaysToResolveItAndHoldsNothing()
    {
        // A lowered receivable is paid (nothing of it open): the exception alerts, and calls for no credit hold.
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(5, ExceptionKind.ReceivableLowered, 2_000m, receivableOpen: false) with { Difference = 2_000m }] }, Today, Now);

        Assert.Equal(["exception:5:ReceivableLowered:11:finance", "exception:5:ReceivableLowered:11:sales-owner"], decisions.Alerts.Select(a => a.Key));
        Assert.All(decisions.Alerts, a => Assert.Contains("`reconciler review unmatch 5`", a.NextStep, StringComparison.Ordinal));
        Assert.All(decisions.Alerts, a => Assert.Contains("acknowledge it with `reconciler review confirm 5`", a.NextStep, StringComparison.Ordinal));
        Assert.Empty(decisions.Holds);
    }

    [Fact]
    public void Decide_TwoKindsOnOneLine_AlertsOncePerKind()
    {
        var decisions = Engine.Decide(
            new RuleFacts { Exceptions = [Exception(5, ExceptionKind.AmountShort, 9_000m), Exception(5, ExceptionKind.DateOutOfWindow, 9_000m), Exception(6, ExceptionKind.Ambiguous, 10m)] },
            Today,
            Now);

        Assert.Equal(6, decisions.Alerts.Count(a => a.Rule == RuleNames.ExceptionAlert));
        Assert.Equal(6, decisions.Alerts.Where(a => a.Rule == RuleNames.ExceptionAlert).Select(a => a.Key).Distinct().Count());
        Assert.Equal(Severity.High, decisions.Alerts.First(a => a.Key == "exception:5:AmountShort:finance").Severity);
        Assert.Equal(Severity.Warning, decisions.Alerts.First(a => a.Key == "exception:6:Ambiguous:finance").Severity);
    }

    [Theory]
    [InlineData(49_999.99, 0, false)]
    [InlineData(50_000, 0, true)]
    [InlineData(100, 5, false)]
    [InlineData(100, 6, true)]
    public void Decide_ExceptionAmountOrAge_EscalatesOnlyPastTheThresholds(double amount, int ageDays, bool escalates)
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(9, ExceptionKind.UnknownContract, (decimal)amount, ageDays: ageDays)] }, Today, Now);

        Assert.Equal(escalates ? 1 : 0, decisions.Escalations.Count);
        if (escalates)
        {
            var escalation = decisions.Escalations[0];
            Assert.Equal("escalation:9:UnknownContract", escalation.Key);
            Assert.Equal(Severity.High, escalation.Severity);
            Assert.Contains(ageDays > 5 ? "unresolved for 6 days (more than 5 days) since 2026-11-21" : "at or above the escalation amount of 50,000.00", escalation.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decide_AgeCountsWholeDaysToNowWhateverTheTimeZone()
    {
        // First seen 23:30 UTC on the 21st (07:30 on the 22nd in Shanghai): at noon UTC on the 27th that is 5 days
        // and 12.5 hours, not the 6 days the calendar dates would say.
        var late = Exception(9, ExceptionKind.UnknownContract, 100m) with { FirstSeen = new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero) };

        Assert.Empty(Engine.Decide(new RuleFacts { Exceptions = [late] }, Today, Now).Escalations);
        Assert.Single(Engine.Decide(new RuleFacts { Exceptions = [late] }, Today, Now.AddHours(12)).Escalations);
    }

    [Fact]
    public void Decide_EscalationAmountPerCurrency_EachPaymentAgainstItsOwnCurrency()
    {
        var engine = new RuleEngine(new RuleSettings { Today = default, EscalationAmounts = new Dictionary<string, decimal> { ["JPY"] = 5_000_000m, ["EUR"] = 7_000m } }, []);
        MatchException[] exceptions =
        [
            Exception(1, ExceptionKind.NoReference, 60_000m, currency: "JPY"),
            Exception(2, ExceptionKind.NoReference, 7_000m, currency: "EUR"),
            Exception(3, ExceptionKind.NoReference, 49_000m, currency: "CNY"),
            Exception(4, ExceptionKind.NoReference, 50_000m, currency: "CNY"),
        ];

        var escalations = engine.Decide(new RuleFacts { Exceptions = exceptions }, Today, Now).Escalations;

        Assert.Equal(["escalation:2:NoReference", "escalation:4:NoReference"], escalations.Select(e => e.Key));
        Assert.Contains("at or above the escalation amount of 7,000.00 EUR", escalations[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LargeAndOld_EscalatesOnceAsCriticalNamingBothReasons()
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(9, ExceptionKind.AmountOver, 80_000m, ageDays: 12)] }, Today, Now);

        var escalation = Assert.Single(decisions.Escalations);
        Assert.Equal(Severity.Critical, escalation.Severity);
        Assert.Contains("80,000.00 EUR is at or above", escalation.Reason, StringComparison.Ordinal);
        Assert.Contains("unresolved for 12 days", escalation.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, true, false)]
    [InlineData(31, true, true)]
    [InlineData(90, false, false)]
    public void Decide_OverdueReceivable_HoldsOnlyPastTheThresholdWithNothingPaid(int days, bool nothingPaid, bool holds)
    {
        var decisions = Engine.Decide(new RuleFacts { Overdue = [Overdue(11, days, nothingPaid)] }, Today, Now);

        Assert.Equal(holds ? 1 : 0, decisions.Holds.Count);
        if (holds)
        {
            var hold = decisions.Holds[0];
            Assert.Equal(("overdue:11", RuleNames.OverdueCreditHold, 3, "C001", 11L), (hold.Key, hold.Rule, hold.Orders, hold.Concern.CustomerId, hold.Concern.ReceivableId));
            Assert.Equal(OverdueReason, hold.Reason);
            var alerts = decisions.Alerts.Where(a => a.Rule == RuleNames.OverdueCreditHold).ToList();
            Assert.Equal([Audience.Finance, Audience.SalesOwner], alerts.Select(a => a.Audience));
            Assert.All(alerts, a => Assert.True(a.Immediate));
            Assert.All(alerts, a => Assert.StartsWith("Credit frozen for Contoso Ltd's next 3 orders: contract KL26-0011", a.Headline, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Decide_OverdueWithAPaymentWaitingForReview_NoHoldUntilSomeoneDecides()
    {
        var waiting = Overdue(11, 90) with { PaymentPending = true };

        Assert.Empty(Engine.Decide(new RuleFacts { Overdue = [waiting] }, Today, Now).Holds);
        Assert.Single(Engine.Decide(new RuleFacts { Overdue = [waiting with { PaymentPending = false }] }, Today, Now).Holds);
    }

    [Fact]
    public void Decide_ShortPaymentOnOpenReceivable_HoldsNamingTheLineAndBalance()
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(21, ExceptionKind.AmountShort, 9_000m)] }, Today, Now);

        var hold = Assert.Single(decisions.Holds);
        Assert.Equal("short:21:11", hold.Key);
        Assert.Equal("short payment of 9,000.00 EUR on contract KL26-0001, 10,000.00 EUR still open (bank-2026-11.csv row 7)", hold.Reason);
    }

    [Fact]
    public void Decide_ShortPaymentWhenDisabledOrReceivableSettled_NoHold()
    {
        var disabled = new RuleEngine(new RuleSettings { Today = default, HoldOnShortPayment = false }, []);

        Assert.Empty(disabled.Decide(new RuleFacts { Exceptions = [Exception(21, ExceptionKind.AmountShort, 9_000m)] }, Today, Now).Holds);
        Assert.Empty(Engine.Decide(new RuleFacts { Exceptions = [Exception(21, ExceptionKind.AmountShort, 9_000m, receivableOpen: false)] }, Today, Now).Holds);
        Assert.Empty(Engine.Decide(new RuleFacts { Exceptions = [Exception(21, ExceptionKind.PartialPayment, 9_000m)] }, Today, Now).Holds);
    }

    [Theory]
    [InlineData("paid", false, "contract KL26-0011 is paid (matched)")]
    [InlineData("paid", true, "contract KL26-0011 is paid (confirmed by a person)")]
    [InlineData("cancelled", false, "contract KL26-0011 was cancelled in the ERP")]
    public void Decide_HoldWhoseReceivableIsSettled_Releases(string status, bool confirmed, string reason)
    {
        var decisions = Engine.Decide(new RuleFacts { Holds = [Hold(4, status, confirmed)] }, Today, Now);

        var release = Assert.Single(decisions.Releases);
        Assert.Equal((4L, reason, RuleNames.CreditRelease), (release.HoldId, release.Reason, release.Rule));
        Assert.Equal(["release:4:finance", "release:4:sales-owner"], decisions.Alerts.Select(a => a.Key));
    }

    [Theory]
    [InlineData("paid", false, "contract KL26-0011 is paid (matched) by the payment in bank-2026-12.csv row 9: 2026-11-30, 12,000.00 EUR from CONTOSO LTD, bank reference REF-55")]
    [InlineData("paid", true, "contract KL26-0011 is paid (confirmed by a person) by the payment in bank-2026-12.csv row 9: 2026-11-30, 12,000.00 EUR from CONTOSO LTD, bank reference REF-55")]
    [InlineData("cancelled", false, "contract KL26-0011 was cancelled in the ERP")]
    public void Decide_HoldWhoseReceivableIsSettledByALine_ReleaseAndItsAlertsNameTheLine(string status, bool confirmed, string reason)
    {
        var payment = new PaymentLine(55, "bank-2026-12.csv", 9, "REF-55", new DateOnly(2026, 11, 30), 12_000m, "EUR", "CONTOSO LTD");

        var decisions = Engine.Decide(new RuleFacts { Holds = [Hold(4, status, confirmed) with { LastPayment = payment }] }, Today, Now);

        var release = Assert.Single(decisions.Releases);
        Assert.Equal(reason, release.Reason);
        Assert.Equal(2, decisions.Alerts.Count);
        var named = status == "paid";
        Assert.All(decisions.Alerts, a => Assert.Equal(
            (named ? 55 : null, named ? "bank-2026-12.csv" : "", named ? 9 : 0, named ? "REF-55" : "", named ? new DateOnly(2026, 11, 30) : null),
            (a.Concern.LineId, a.Concern.File, a.Concern.Row, a.Concern.BankRef, a.Concern.PaymentDate)));
    }

    [Fact]
    public void Decide_HoldWhoseReceivableTheErpMarksPaid_ReleaseNamesNoLineThoughOnePaidPartOfIt()
    {
        // 27,000.00 of 31,000.00 matched from a line, then the ERP says the contract is paid: the line did not settle it.
        var payment = new PaymentLine(55, "bank-2026-12.csv", 9, "REF-55", new DateOnly(2026, 11, 30), 27_000m, "EUR", "CONTOSO LTD");

        var decisions = Engine.Decide(new RuleFacts { Holds = [Hold(4, "paid") with { LastPayment = payment, PaidInErp = true }] }, Today, Now);

        Assert.Equal("contract KL26-0011 is marked paid in the ERP", Assert.Single(decisions.Releases).Reason);
        Assert.All(decisions.Alerts, a => Assert.Equal((null, 0), (a.Concern.LineId, a.Concern.Row)));
    }

    [Fact]
    public void Decide_OverdueHoldAfterAPartPaymentByALine_ReleaseNamesTheLine()
    {
        var payment = new PaymentLine(56, "bank-2026-12.csv", 4, "", new DateOnly(2026, 11, 29), 10_000m, "EUR", "");
        var hold = Hold(4, "open", reason: OverdueReason) with { Concern = Hold(4, "open").Concern with { OpenAmount = 2_000m }, LastPayment = payment };

        var decisions = Engine.Decide(new RuleFacts { Overdue = [Overdue(11, 31, nothingPaid: false)], Holds = [hold] }, Today, Now);

        Assert.StartsWith("a payment was applied to contract KL26-0011 (10,000.00 EUR of 12,000.00 EUR paid, 2,000.00 EUR still open), by the payment in bank-2026-12.csv row 4: 2026-11-29, 10,000.00 EUR: the hold", Assert.Single(decisions.Releases).Reason, StringComparison.Ordinal);
        Assert.All(decisions.Alerts, a => Assert.Equal((56L, 4), (a.Concern.LineId, a.Concern.Row)));
    }

    /// <summary>The reason of the overdue hold on receivable 11 (<see cref="RuleFactsBuilder.Overdue"/>): no day count, so it stays true.</summary>
    private const string OverdueReason = "contract KL26-0011 of 12,000.00 EUR was due on 2026-10-27, is more than 30 days overdue and nothing has been paid";

    private const string ShortReason = "short payment of 9,000.00 EUR on contract KL26-0011, 3,000.00 EUR still open (bank-2026-11.csv row 7)";

    /// <summary>A short payment on receivable 11 (the one <see cref="RuleFactsBuilder.Overdue"/> builds), 3,000.00 still open after it.</summary>
    private static MatchException ShortOn11(long line = 21) =>
        Exception(line, ExceptionKind.AmountShort, 9_000m, contract: "KL26-0011") is var e
            ? e with { Concern = e.Concern with { OpenAmount = 3_000m } }
            : throw new InvalidOperationException();

    [Fact]
    public void Decide_HoldWhoseCauseStillHolds_StaysInForceUnchanged()
    {
        var decisions = Engine.Decide(new RuleFacts { Overdue = [Overdue(11, 31)], Holds = [Hold(4, "open", reason: OverdueReason)] }, Today, Now);

        Assert.Empty(decisions.Releases);
        Assert.Empty(decisions.Revisions);
        Assert.Equal(["overdue:11"], decisions.Holds.Select(h => h.Key)); // decided again: a known key, not opened twice
        Assert.Equal(["hold:overdue:11:finance", "hold:overdue:11:sales-owner"], decisions.Alerts.Select(a => a.Key)); // deduplicated in the outbox
    }

    [Fact]
    public void Decide_OverdueHoldThenShortPayment_KeepsTheHoldWithTheShortPaymentReason()
    {
        var partPaid = Overdue(11, 31, nothingPaid: false);

        var decisions = Engine.Decide(new RuleFacts { Exceptions = [ShortOn11()], Overdue = [partPaid], Holds = [Hold(4, "open", reason: OverdueReason)] }, Today, Now);

        Assert.Empty(decisions.Holds);
        Assert.Empty(decisions.Releases);
        var revision = Assert.Single(decisions.Revisions);
        Assert.Equal((4L, "short:21:11", ShortReason, RuleNames.ShortPaymentCreditHold, "overdue:11", OverdueReason), (revision.HoldId, revision.Key, revision.Reason, revision.Rule, revision.PreviousKey, revision.PreviousReason));
        var alerts = decisions.Alerts.Where(a => a.Key.StartsWith("hold-revised:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["hold-revised:4:short:21:11:finance", "hold-revised:4:short:21:11:sales-owner"], alerts.Select(a => a.Key));
        Assert.All(alerts, a => Assert.Contains("It was: " + OverdueReason, a.NextStep, StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_ShortPaymentInOneRunOrAfterAnOverdueHold_SameHoldAndReason()
    {
        var facts = new RuleFacts { Exceptions = [ShortOn11()], Overdue = [Overdue(11, 31, nothingPaid: false)] };

        var oneRun = Assert.Single(Engine.Decide(facts, Today, Now).Holds);
        var twoRuns = Assert.Single(Engine.Decide(facts with { Holds = [Hold(4, "open", reason: OverdueReason)] }, Today, Now).Revisions);
        var again = Engine.Decide(facts with { Holds = [Hold(4, "open", key: twoRuns.Key, reason: twoRuns.Reason)] }, Today, Now);

        Assert.Equal((oneRun.Key, oneRun.Reason, oneRun.Rule), (twoRuns.Key, twoRuns.Reason, twoRuns.Rule));
        Assert.Empty(again.Revisions);
        Assert.Equal([oneRun.Key], again.Holds.Select(h => h.Key));
        Assert.Empty(again.Releases);
    }

    [Fact]
    public void Decide_BothCausesOnOneReceivable_OneHoldForTheShortPayment()
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [ShortOn11()], Overdue = [Overdue(11, 31)] }, Today, Now);

        var hold = Assert.Single(decisions.Holds);
        Assert.Equal(("short:21:11", ShortReason), (hold.Key, hold.Reason));
    }

    [Fact]
    public void Decide_TwoShortPaymentsOnOneReceivable_OneHoldNamingTheLater()
    {
        var early = ShortOn11(30);
        var late = ShortOn11(22) is var l ? l with { Concern = l.Concern with { PaymentDate = Today, Row = 3 } } : null!;

        var hold = Assert.Single(Engine.Decide(new RuleFacts { Exceptions = [early, late] }, Today, Now).Holds);

        Assert.Equal("short:22:11", hold.Key);
        Assert.EndsWith("(bank-2026-11.csv row 3)", hold.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OverdueHoldAfterAPartPayment_ReleasedSayingWhy()
    {
        var decisions = Engine.Decide(new RuleFacts { Overdue = [Overdue(11, 31, nothingPaid: false)], Holds = [Hold(4, "open", reason: OverdueReason) with { Concern = Hold(4, "open").Concern with { OpenAmount = 2_000m } }] }, Today, Now);

        var release = Assert.Single(decisions.Releases);
        Assert.Equal((4L, RuleNames.CreditHoldLapsed), (release.HoldId, release.Rule));
        Assert.Equal("a payment was applied to contract KL26-0011 (10,000.00 EUR of 12,000.00 EUR paid, 2,000.00 EUR still open): the hold for an overdue receivable with nothing paid no longer applies, and no short payment beyond tolerance calls for one", release.Reason);
        Assert.Equal(["release:4:finance", "release:4:sales-owner"], decisions.Alerts.Select(a => a.Key));
    }

    [Fact]
    public void Decide_TwoHoldsOnOneReceivable_KeepsTheOneOfTheCauseReleasesTheOther()
    {
        var decisions = Engine.Decide(
            new RuleFacts
            {
                Exceptions = [ShortOn11()],
                Overdue = [Overdue(11, 31, nothingPaid: false)],
                Holds = [Hold(4, "open", reason: OverdueReason), Hold(5, "open", key: "short:21:11", reason: ShortReason)],
            },
            Today,
            Now);

        Assert.Empty(decisions.Revisions);
        Assert.Equal(["short:21:11"], decisions.Holds.Select(h => h.Key));
        var release = Assert.Single(decisions.Releases);
        Assert.Equal((4L, RuleNames.CreditHoldInForce), (release.HoldId, release.Rule));
        Assert.StartsWith("hold #5 on contract KL26-0011 stays in force for it", release.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HoldWhoseNewCauseWasReleasedBefore_ReleasedWithAlertsNotRevised()
    {
        // Overdue hold #2 released by hand, a short payment opened hold #4, the payment was undone: the cause is
        // "overdue, nothing paid" again, released once, so hold #4 is released and the sales owner and finance told.
        var byHand = new ReleasedCreditHold { HoldId = 2, Key = "overdue:11", ReceivableId = 11, ReleasedAt = Now.AddDays(-3), ReleasedBy = "anna.berg", ReleaseReason = "customer promised to pay on Friday" };
        var facts = new RuleFacts { Overdue = [Overdue(11, 31)], Holds = [Hold(4, "open", key: "short:21:11", reason: ShortReason)], ReleasedHolds = [byHand] };

        var decisions = Engine.Decide(facts, Today, Now);

        Assert.Empty(decisions.Revisions);
        Assert.Empty(decisions.Holds);
        var release = Assert.Single(decisions.Releases);
        Assert.Equal((4L, RuleNames.CreditHoldInForce), (release.HoldId, release.Rule));
        Assert.Equal(
            $"what hold #4 was for no longer applies ({ShortReason}); now {OverdueReason}, but that cause was held before by hold #2, released on 2026-11-24 12:00 UTC by anna.berg (customer promised to pay on Friday), and is not held again",
            release.Reason);
        Assert.Equal(["release:4:finance", "release:4:sales-owner"], decisions.Alerts.Select(a => a.Key));
        Assert.All(decisions.Alerts, a => Assert.Equal("Credit hold released for Contoso Ltd: " + release.Reason, a.Headline));
    }

    [Fact]
    public void Decide_HoldWhoseNewCauseWasNeverReleased_RevisedAsBefore()
    {
        var other = new ReleasedCreditHold { HoldId = 2, Key = "short:9:11", ReceivableId = 11, ReleasedAt = Now.AddDays(-3), ReleasedBy = "anna.berg" };
        var facts = new RuleFacts { Overdue = [Overdue(11, 31)], Holds = [Hold(4, "open", key: "short:21:11", reason: ShortReason)], ReleasedHolds = [other] };

        var decisions = Engine.Decide(facts, Today, Now);

        Assert.Empty(decisions.Releases);
        var revision = Assert.Single(decisions.Revisions);
        Assert.Equal((4L, "overdue:11"), (revision.HoldId, revision.Key));
    }

    [Fact]
    public void Decide_OverdueHoldWhileAPaymentWaitsForReview_StaysInForce()
    {
        var waiting = Overdue(11, 31) with { PaymentPending = true };

        var decisions = Engine.Decide(new RuleFacts { Overdue = [waiting], Holds = [Hold(4, "open", reason: OverdueReason)] }, Today, Now);

        Assert.Empty(decisions.Releases);
        Assert.Empty(decisions.Revisions);
    }

    [Theory]
    [InlineData(new[] { 30, 31, 29 }, false)]
    [InlineData(new[] { 30, 42, 20 }, false)]
    [InlineData(new[] { 30, 45, 20 }, true)]
    [InlineData(new[] { 10, 50 }, false)]
    public void Decide_PaymentCycle_FlagsOnlyAnUnsteadyFullCycle(int[] days, bool flags)
    {
        var decisions = Engine.Decide(new RuleFacts { Cycles = [Cycle("C007", days)] }, Today, Now);

        Assert.Equal(flags ? 1 : 0, decisions.Flags.Count);
        if (flags)
        {
            var flag = decisions.Flags[0];
            Assert.Equal("cycle:C007:100", flag.Key);
            Assert.Contains("vary by 10.3 days", flag.Reason, StringComparison.Ordinal);
            Assert.Contains("KL26-0103: 30, KL26-0102: 45, KL26-0101: 20", flag.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StandardDeviation_KnownValues_IsThePopulationFigure()
    {
        Assert.Equal(0, CustomerPaymentCycle.StandardDeviation([7]));
        Assert.Equal(0.8165, CustomerPaymentCycle.StandardDeviation([30, 31, 29]), 4);
        Assert.Equal(8.9938, CustomerPaymentCycle.StandardDeviation([30, 42, 20]), 4);
    }

    [Fact]
    public void Decide_SameFactsTwice_SameDecisions()
    {
        var facts = new RuleFacts
        {
            Exceptions = [Exception(1, ExceptionKind.AmountShort, 9_000m, receivable: 13, ageDays: 9), Exception(2, ExceptionKind.NoReference, 60_000m, receivable: null)],
            Overdue = [Overdue(12, 45)],
            Holds = [Hold(3, "paid")],
            Cycles = [Cycle("C009", 5, 40, 12)],
        };

        var first = Engine.Decide(facts, Today, Now);
        var second = Engine.Decide(facts, Today, Now);

        Assert.Equal(first.Alerts, second.Alerts);
        Assert.Equal(first.Escalations, second.Escalations);
        Assert.Equal(first.Holds, second.Holds);
        Assert.Equal(first.Releases, second.Releases);
        Assert.Equal(first.Flags, second.Flags);
        Assert.Equal((4 + 4 + 2, 2, 2, 1, 1), (first.Alerts.Count, first.Escalations.Count, first.Holds.Count, first.Releases.Count, first.Flags.Count));
    }

    [Fact]
    public void Decide_TwentyThousandExceptions_InsertedInBatchesAllDecided()
    {
        var facts = new RuleFacts { Exceptions = [.. Enumerable.Range(1, 20_000).Select(i => Exception(i, ExceptionKind.NoReference, 100m, receivable: null))] };

        var decisions = Engine.Decide(facts, Today, Now);

        Assert.Equal(40_000, decisions.Alerts.Count);
        Assert.Equal(40_000, decisions.Alerts.Select(a => a.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Version_ChangesWithThresholdsAndDeclaredRulesButNotTheDay()
    {
        var a = new RuleEngine(new RuleSettings { Today = new DateOnly(2026, 1, 1) }, []);
        var b = new RuleEngine(new RuleSettings { Today = new DateOnly(2026, 6, 1) }, []);
        var c = new RuleEngine(new RuleSettings { Today = default, OverdueDays = 45 }, []);
        var d = new RuleEngine(new RuleSettings { Today = default }, [new ThresholdRule { Name = "big-usd", Currencies = ["USD"], Audiences = [Audience.Finance] }]);

        Assert.Equal(a.Version, b.Version);
        Assert.NotEqual(a.Version, c.Version);
        Assert.NotEqual(a.Version, d.Version);
        Assert.Matches("^rules [0-9.]+[^+]*\\+[0-9a-f]{12}$", a.Version);
    }

    [Fact]
    public void Rules_ListsBuiltInRulesWithTheirThresholdValues()
    {
        var engine = new RuleEngine(new RuleSettings { Today = default, OverdueDays = 45, HoldOrders = 2 }, []);

        Assert.Equal(
            [RuleNames.ExceptionAlert, RuleNames.ExceptionEscalation, RuleNames.OverdueCreditHold, RuleNames.ShortPaymentCreditHold, RuleNames.CreditRelease, RuleNames.CreditHoldInForce, RuleNames.CreditHoldLapsed, RuleNames.PaymentCycleFlag],
            engine.Rules.Select(r => r.Name));
        var overdue = engine.Rules.Single(r => r.Name == RuleNames.OverdueCreditHold);
        Assert.Contains("Rules:OverdueDays (= 45)", overdue.Description, StringComparison.Ordinal);
        Assert.Contains("Rules:HoldOrders (= 2)", overdue.Description, StringComparison.Ordinal);
        Assert.Contains("Rules:EscalationAmount (= 50000)", engine.Rules.Single(r => r.Name == RuleNames.ExceptionEscalation).Description, StringComparison.Ordinal);
    }
}
