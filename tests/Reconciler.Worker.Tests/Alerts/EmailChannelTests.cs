using MimeKit;
using Reconciler.Rules;
using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>E-mail sent to a real SMTP server on loopback (python3-aiosmtpd), read back as it arrived.</summary>
public class EmailChannelTests
{
    [SkippableFact]
    public async Task SendAsync_OneAlert_ArrivesWithRecipientSubjectAndBothParts()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port);
        var alert = Outbox.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), options, "email")[0];
        var channel = new EmailChannel(options.Smtp, new ManualClock());

        await channel.SendAsync(Outbox.Message(alert), CancellationToken.None);

        var mail = Assert.Single(server.WaitForMails(1));
        Assert.Equal(["finance@example.com"], mail.Recipients);
        Assert.Equal("finance@example.com", ((MailboxAddress)mail.Message.To.Single()).Address);
        Assert.Equal("reconciler@example.com", ((MailboxAddress)mail.Message.From.Single()).Address);
        Assert.Equal("[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR", mail.Message.Subject);
        Assert.Equal("multipart/alternative", mail.Message.Body!.ContentType.MimeType);
        Assert.Contains("1,234,567.50 EUR", mail.Text, StringComparison.Ordinal);
        Assert.Contains("bank-2026-03.csv, row 12, bank reference REF-9", mail.Text, StringComparison.Ordinal);
        Assert.Contains("What to do next: Ask the customer for the balance.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<td style=\"padding:2px 0\">1,300,000.00 EUR</td>", mail.Html, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Message.Headers["Auto-Submitted"]);
    }

    [SkippableFact]
    public async Task SendAsync_HostileMemo_EscapedInHtmlKeptInText()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port);
        var alert = Outbox.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), options, "email")[0];

        await new EmailChannel(options.Smtp).SendAsync(Outbox.Message(alert), CancellationToken.None);

        var mail = Assert.Single(server.WaitForMails(1));
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; [click](http://evil.example) &lt;@all&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains(SampleDecisions.HostileMemo, mail.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SendAsync_Digest_OneMailListingEveryAlert()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port, digest: true);
        var decisions = SampleDecisions.Decisions(
            SampleDecisions.Alert(Audience.Finance, key: "exception:42:AmountShort"),
            SampleDecisions.Alert(Audience.Finance, key: "exception:43:NoReference", concern: SampleDecisions.ShortPayment() with { ContractNo = "KL-2", LineId = 43 }) with { Severity = Severity.Warning, Headline = "Payment without a contract reference" });
        var alerts = Outbox.Compose(decisions, options, "email").Where(a => a.Alert.Recipient == "ap@example.com").ToArray();

        await new EmailChannel(options.Smtp).SendAsync(Outbox.Message(alerts), CancellationToken.None);

        var mail = Assert.Single(server.WaitForMails(1));
        Assert.Equal(["ap@example.com"], mail.Recipients);
        Assert.Equal("[HIGH] Reconciler: 2 alerts (1 high, 1 warning)", mail.Message.Subject);
        Assert.Contains("1. [HIGH] Short payment", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2. [WARNING] Payment without a contract reference", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"font-size:16px\">[WARNING] Payment without a contract reference</h2>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("KL-2", mail.Html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SendAsync_RecipientRefused_ThrowsWithServersAnswer()
    {
        using var server = SmtpServer.Start();
        var options = SampleDecisions.Email(server.Port);
        var alert = Outbox.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), options, "email")[0];
        alert = alert with { Alert = alert.Alert with { Recipient = "reject.me@example.com" } };

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => new EmailChannel(options.Smtp).SendAsync(Outbox.Message(alert), CancellationToken.None));

        Assert.Contains($"SMTP server 127.0.0.1:{server.Port} refused the mail for reject.me@example.com: 550", error.Message, StringComparison.Ordinal);
        Assert.Contains("mailbox unavailable", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.WaitForMails(0));
    }

    [Fact]
    public async Task SendAsync_NoServer_ThrowsNamingHostAndPort()
    {
        var port = SmtpServer.FreePort();
        var options = SampleDecisions.Email(port);
        var alert = Outbox.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance)), options, "email")[0];

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => new EmailChannel(options.Smtp).SendAsync(Outbox.Message(alert), CancellationToken.None));

        Assert.StartsWith($"SMTP server 127.0.0.1:{port}: ", error.Message, StringComparison.Ordinal);
    }
}
