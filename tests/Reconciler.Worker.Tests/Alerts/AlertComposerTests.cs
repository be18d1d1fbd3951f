using System.Text.Json.Nodes;
using Reconciler.Rules;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

public class AlertComposerTests
{
    [Fact]
    public void Compose_FinanceAlertByEmail_OneAlertPerAddressWithKeyChannelAndRecipient()
    {
        var options = SampleDecisions.Email(25);

        var composition = AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), options);

        Assert.Empty(composition.Notes);
        Assert.Equal(["finance@example.com", "ap@example.com"], composition.Alerts.Select(a => a.Recipient));
        var alert = composition.Alerts[0];
        Assert.Equal("exception:42:AmountShort:Finance|email|finance@example.com", alert.DedupKey);
        Assert.Equal("email", alert.Channel);
        Assert.Equal("alert", alert.Kind);
        Assert.Equal("exception-alert", alert.Rule);
        Assert.Equal("finance", alert.Audience);
        Assert.Equal("high", alert.Severity);
        Assert.Equal("[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR", alert.Subject);
        Assert.Equal(42, alert.LineId);
        Assert.Equal(7, alert.ReceivableId);
        Assert.Equal("C-001", alert.CustomerId);
        Assert.Equal("KL-1", alert.ContractNo);
        Assert.False(alert.Immediate);
    }

    [Fact]
    public void Compose_Body_HasFiguresLineExplanationNextStepAndRule()
    {
        var composition = AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), SampleDecisions.Email(25));

        var body = composition.Alerts[0].Body;
        Assert.StartsWith("Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR\n", body, StringComparison.Ordinal);
        Assert.Contains("Contoso Ltd (customer C-001)", body, StringComparison.Ordinal);
        Assert.Contains("Contract:", body, StringComparison.Ordinal);
        Assert.Contains("1,234,567.50 EUR", body, StringComparison.Ordinal);
        Assert.Contains("1,300,000.00 EUR", body, StringComparison.Ordinal);
        Assert.Contains("bank-2026-03.csv, row 12, bank reference REF-9", body, StringComparison.Ordinal);
        Assert.Contains("Paid on:", body, StringComparison.Ordinal);
        Assert.Contains("2026-03-01", body, StringComparison.Ordinal);
        Assert.Contains("beyond ±3%", body, StringComparison.Ordinal);
        Assert.Contains("What to do next: Ask the customer for the balance.", body, StringComparison.Ordinal);
        Assert.Contains("Rule exception-alert, rule set v7; an alert for finance.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Payload_IsStructuredJson()
    {
        var composition = AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), SampleDecisions.Email(25));

        var payload = JsonNode.Parse(composition.Alerts[0].Payload)!;
        Assert.Equal("alert", (string?)payload["kind"]);
        Assert.Equal("exception-alert", (string?)payload["rule"]);
        Assert.Equal("v7", (string?)payload["ruleSetVersion"]);
        Assert.Equal("high", (string?)payload["severity"]);
        Assert.Equal("finance", (string?)payload["audience"]);
        Assert.Equal("Ask the customer for the balance.", (string?)payload["nextStep"]);
        Assert.Equal("KL-1", (string?)payload["concern"]!["contractNo"]);
        Assert.Equal(1234567.5m, (decimal)payload["concern"]!["amount"]!);
        Assert.Equal("EUR", (string?)payload["concern"]!["currency"]);
        Assert.Equal("REF-9", (string?)payload["concern"]!["bankRef"]);
        Assert.Equal("2026-03-01", (string?)payload["concern"]!["paymentDate"]);
    }

    [Fact]
    public void Compose_SalesOwnerByName_MappedToAddress()
    {
        var decisions = SampleDecisions.Decisions(SampleDecisions.Alert(Audience.SalesOwner, concern: SampleDecisions.ShortPayment("bob smith")));

        var alert = Assert.Single(AlertComposer.Compose(decisions, SampleDecisions.Email(25)).Alerts);

        Assert.Equal("bob@example.com", alert.Recipient);
        Assert.Equal("sales-owner", alert.Audience);
        Assert.DoesNotContain("Note:", alert.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SalesOwnerWithoutAddress_GoesToFinanceWithNote()
    {
        var decisions = SampleDecisions.Decisions(SampleDecisions.Alert(Audience.SalesOwner, concern: SampleDecisions.ShortPayment("Carol")));

        var alerts = AlertComposer.Compose(decisions, SampleDecisions.Email(25)).Alerts;

        Assert.Equal(["finance@example.com", "ap@example.com"], alerts.Select(a => a.Recipient));
        Assert.All(alerts, a => Assert.Contains("Note: Sent to finance: the sales owner \"Carol\" has no address (add it under Alerts:SalesOwners).", a.Body, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Equal("sales-owner", a.Audience));
    }

    [Fact]
    public void Compose_FinanceCopyAndSalesOwnerFallingBackToFinance_OneEmailPerFinanceAddressWithTheNote()
    {
        var concern = SampleDecisions.ShortPayment("Carol");
        var decisions = SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance, concern: concern), SampleDecisions.Alert(Audience.SalesOwner, concern: concern));

        var alerts = AlertComposer.Compose(decisions, SampleDecisions.Email(25)).Alerts;

        Assert.Equal(["finance@example.com", "ap@example.com"], alerts.Select(a => a.Recipient));
        Assert.All(alerts, a => Assert.Equal("finance", a.Audience));
        Assert.All(alerts, a => Assert.StartsWith("exception:42:AmountShort:Finance|email|", a.DedupKey, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains("Note: Sent to finance: the sales owner \"Carol\" has no address (add it under Alerts:SalesOwners).", a.Body, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains("Sent to finance: the sales owner", (string?)JsonNode.Parse(a.Payload)!["notes"]![0], StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_KnownKeysLeftOut_TheRestRenderedAsWithoutThem()
    {
        // Arrange: the merged e-mail case (finance's copy with the sales owner's note) and a second line's alert; the
        // outbox holds the first finance address's message already.
        var concern = SampleDecisions.ShortPayment("Carol");
        var decisions = SampleDecisions.Decisions(
            SampleDecisions.Alert(Audience.Finance, concern: concern),
            SampleDecisions.Alert(Audience.SalesOwner, concern: concern),
            SampleDecisions.Alert(Audience.Finance, key: "exception:43:AmountShort", concern: concern));
        var options = SampleDecisions.Email(25);
        var all = AlertComposer.Compose(decisions, options).Alerts;
        var held = all[0].DedupKey;
        IReadOnlyCollection<string>? asked = null;

        // Act
        var composition = AlertComposer.Compose(decisions, options, keys =>
        {
            asked = keys;
            return new HashSet<string>([held, "a key of something else"]);
        });

        // Assert: every key was asked about once; the known one is left out and counted; the others are rendered as
        // they are without the filter (the merged note included).
        Assert.Equal(all.Select(a => a.DedupKey), asked);
        Assert.Equal(1, composition.Known);
        Assert.Equal(all.Skip(1), composition.Alerts);
        Assert.Contains("Note: Sent to finance: the sales owner", composition.Alerts[0].Body, StringComparison.Ordinal);
        Assert.Equal(0, AlertComposer.Compose(decisions, options).Known);
    }

    [Fact]
    public void Compose_EscalationAndFlag_ToManagersImmediateEscalation()
    {
        var decisions = new RuleDecisions { RuleSetVersion = "v7", Escalations = [SampleDecisions.Escalation()], Flags = [SampleDecisions.Flag()] };

        var alerts = AlertComposer.Compose(decisions, SampleDecisions.Email(25)).Alerts;

        Assert.Equal(2, alerts.Count);
        Assert.Equal(("escalation", "finance-manager", "cfo@example.com", true, "critical"), (alerts[0].Kind, alerts[0].Audience, alerts[0].Recipient, alerts[0].Immediate, alerts[0].Severity));
        Assert.StartsWith("[CRITICAL] Escalation: Short payment", alerts[0].Subject, StringComparison.Ordinal);
        Assert.Equal(("flag", "sales-manager", "sales.manager@example.com", false), (alerts[1].Kind, alerts[1].Audience, alerts[1].Recipient, alerts[1].Immediate));
        Assert.Null(alerts[1].LineId);
    }

    [Fact]
    public void Compose_NoManagerConfigured_FallsBackToFinanceWithNote()
    {
        var options = new AlertsOptions { Finance = ["finance@example.com"], Smtp = new SmtpOptions { Host = "mail", From = "r@example.com" } };
        var decisions = new RuleDecisions { RuleSetVersion = "v7", Escalations = [SampleDecisions.Escalation()] };

        var alert = Assert.Single(AlertComposer.Compose(decisions, options).Alerts);

        Assert.Equal("finance@example.com", alert.Recipient);
        Assert.Contains("Sent to finance: no address is configured for the finance manager (Alerts:FinanceManager).", alert.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NoAddressAtAll_FileGetsAudienceNameEmailSkippedWithNote()
    {
        var options = new AlertsOptions { FileChannel = true, Smtp = new SmtpOptions { Host = "mail", From = "r@example.com" } };

        var composition = AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.SalesOwner, concern: SampleDecisions.ShortPayment(""))), options);

        var alert = Assert.Single(composition.Alerts);
        Assert.Equal(("file", "sales-owner"), (alert.Channel, alert.Recipient));
        Assert.Equal("exception:42:AmountShort:SalesOwner|file|sales-owner", alert.DedupKey);
        Assert.Contains("Not addressed: the customer has no sales owner in the receivables, and no finance address is configured either (Alerts:Finance).", alert.Body, StringComparison.Ordinal);
        var note = Assert.Single(composition.Notes);
        Assert.Contains("exception:42:AmountShort:SalesOwner: not e-mailed", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NothingConfigured_FileChannelByDefault()
    {
        var alerts = AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), new AlertsOptions()).Alerts;

        var alert = Assert.Single(alerts);
        Assert.Equal(("file", "finance"), (alert.Channel, alert.Recipient));
    }

    [Fact]
    public void Compose_Webhooks_OnePerDecisionFilteredByAudience()
    {
        var options = new AlertsOptions
        {
            Finance = ["finance@example.com", "AP@example.com"],
            Webhooks =
            [
                new WebhookOptions { Name = "all", Url = "http://127.0.0.1:1/", Format = "slack" },
                new WebhookOptions { Name = "managers", Url = "http://127.0.0.1:1/", Audiences = ["finance-manager"] },
            ],
        };
        var decisions = SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)) with { Escalations = [SampleDecisions.Escalation()] };

        var alerts = AlertComposer.Compose(decisions, options).Alerts;

        Assert.Equal(
            ["webhook:all finance@example.com, AP@example.com", "webhook:all finance@example.com, AP@example.com", "webhook:managers finance@example.com, AP@example.com"],
            alerts.Select(a => $"{a.Channel} {a.Recipient}"));
        Assert.Equal("exception:42:AmountShort:Finance|webhook:all|finance", alerts[0].DedupKey);
        Assert.Equal("finance-manager", alerts[2].Audience);
    }

    [Fact]
    public void Compose_NamedAudience_AddressesOfTheRule()
    {
        var alert = SampleDecisions.Alert(Audience.Named) with { Address = "Treasury@example.com; risk@example.com" };

        var alerts = AlertComposer.Compose(SampleDecisions.Decisions(alert), SampleDecisions.Email(25)).Alerts;

        Assert.Equal(["Treasury@example.com", "risk@example.com"], alerts.Select(a => a.Recipient));
        Assert.EndsWith("|email|treasury@example.com", alerts[0].DedupKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AddressListChangesOnAWebhook_SameDedupKeySoNothingIsSentAgain()
    {
        AlertsOptions With(string[] finance) => new()
        {
            Finance = finance,
            Webhooks = [new WebhookOptions { Name = "ops", Url = "http://127.0.0.1:1/" }],
        };

        var sixty = Assert.Single(AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), With([.. Enumerable.Range(0, 60).Select(i => $"finance.team.member{i}@example.com")])).Alerts);
        var one = Assert.Single(AlertComposer.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), With(["finance@example.com"])).Alerts);

        Assert.Equal("exception:42:AmountShort:Finance|webhook:ops|finance", sixty.DedupKey);
        Assert.Equal(sixty.DedupKey, one.DedupKey);
        Assert.StartsWith("finance.team.member0@example.com, finance.team.member1@example.com", sixty.Recipient, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WebhookTakingEveryAudience_OnePostPerThingNotOnePerAudience()
    {
        var options = new AlertsOptions
        {
            Finance = ["finance@example.com"],
            Webhooks = [new WebhookOptions { Name = "ops", Url = "http://127.0.0.1:1/" }],
        };
        var finance = SampleDecisions.Alert(Audience.Finance);
        var owner = finance with { Key = "exception:42:AmountShort:SalesOwner", Audience = Audience.SalesOwner };

        var alerts = AlertComposer.Compose(SampleDecisions.Decisions(finance, owner), options).Alerts;

        var post = Assert.Single(alerts);
        Assert.Equal(("webhook:ops", "finance"), (post.Channel, post.Audience));
    }

    [Fact]
    public void Compose_HoldsAndReleases_NoAlertOfTheirOwn()
    {
        var decisions = new RuleDecisions
        {
            RuleSetVersion = "v7",
            Holds = [new CreditHold("overdue-credit-hold", "overdue:7", "overdue", 3, SampleDecisions.ShortPayment())],
            Releases = [new CreditRelease("credit-release", 1, "paid", SampleDecisions.ShortPayment())],
        };

        Assert.Empty(AlertComposer.Compose(decisions, SampleDecisions.Email(25)).Alerts);
    }

    [Fact]
    public void Compose_SubjectFromHostileHeadline_OneLineAndBounded()
    {
        var alert = SampleDecisions.Alert(Audience.Finance) with { Headline = "Payment\r\nBcc: victim@example.com " + new string('x', 400) };

        var subject = AlertComposer.Compose(SampleDecisions.Decisions(alert), SampleDecisions.Email(25)).Alerts[0].Subject;

        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain('\r', subject);
        Assert.True(subject.Length <= 200, subject);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }
}
