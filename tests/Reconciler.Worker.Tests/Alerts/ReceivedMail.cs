using MimeKit;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>A mail the loopback SMTP server accepted: the envelope's recipients and the message as sent.</summary>
internal sealed record ReceivedMail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";
}
