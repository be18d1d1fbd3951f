using MailKit.Net.Smtp;
using MimeKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// E-mail over SMTP (MailKit): one mail per message, multipart/alternative with the plain text and an HTML part; a
/// digest is one mail listing every alert. A connection per message, closed after it.
/// </summary>
internal sealed class EmailChannel : IAlertChannel
{
    private readonly SmtpOptions _smtp;
    private readonly string _host;
    private readonly TimeProvider _clock;
    private readonly MailboxAddress _from;

    public EmailChannel(SmtpOptions smtp, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        if (string.IsNullOrWhiteSpace(smtp.Host) || !MailboxAddress.TryParse(smtp.From ?? "", out var from))
        {
            throw new ArgumentException($"{AlertsOptions.Section}:{nameof(AlertsOptions.Smtp)} needs a host and a sender address (From)", nameof(smtp));
        }

        _smtp = smtp;
        _host = smtp.Host.Trim();
        _from = from;
        _clock = clock ?? TimeProvider.System;
    }

    public string Name => AlertsOptions.EmailChannel;

    /// <summary>The mail for <paramref name="message"/>, as it is sent.</summary>
    public MimeMessage Build(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!AlertsOptions.IsAddress(message.Recipient) || !MailboxAddress.TryParse(message.Recipient.Trim(), out var to))
        {
            throw new AlertDeliveryException($"\"{message.Recipient}\" is not an e-mail address");
        }

        var mail = new MimeMessage { Subject = AlertText.OneLine(message.Subject, 998), Date = _clock.GetUtcNow() };
        mail.From.Add(_from);
        mail.To.Add(to);
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = AlertHtml.Render(message) }.ToMessageBody();
        return mail;
    }

    /// <summary>A mail has no size limit that a digest reaches: one mail per message.</summary>
    public IReadOnlyList<AlertMessage> Split(AlertMessage message) => [message];

    public async Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var mail = Build(message);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _smtp.Timeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(_host, _smtp.Port, _smtp.SocketOptions, ct).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", ct).ConfigureAwait(false);
            }

            await client.SendAsync(mail, ct).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
        }
        catch (SmtpCommandException error)
        {
            var who = error.Mailbox is { } mailbox ? $" for {mailbox.Address}" : "";
            throw new AlertDeliveryException($"SMTP server {_host}:{_smtp.Port} refused the mail{who}: {(int)error.StatusCode} {error.Message}", error);
        }
        catch (SmtpProtocolException error)
        {
            throw new AlertDeliveryException($"SMTP server {_host}:{_smtp.Port}: protocol error: {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ChannelUnreachableException.Delivery($"SMTP server {_host}:{_smtp.Port}: {error.Message}", error);
        }
        catch (Exception error) when (error is MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException)
        {
            throw new AlertDeliveryException($"SMTP server {_host}:{_smtp.Port}: {error.Message}", error);
        }
    }
}
