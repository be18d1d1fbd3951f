using System.Net;
using System.Text;
using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// The HTML part of an e-mail, made from the alerts' payloads. Every value is HTML-encoded: memos and payer names
/// come from bank files and are hostile input.
/// </summary>
internal static class AlertHtml
{
    /// <summary>The HTML document for <paramref name="message"/>.</summary>
    public static string Render(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(E(message.Subject))
            .Append("</title></head>\n<body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222\">\n");
        if (message.IsDigest)
        {
            html.Append("<h1 style=\"font-size:18px\">").Append(E(message.Subject)).Append("</h1>\n");
        }

        foreach (var alert in message.Alerts)
        {
            Alert(html, alert, message.IsDigest);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Alert(StringBuilder html, OutboxAlert alert, bool digest)
    {
        var tag = digest ? "h2" : "h1";
        html.Append('<').Append(tag).Append(" style=\"font-size:16px\">").Append(E(alert.Alert.Subject)).Append("</").Append(tag).Append(">\n");
        if (AlertPayload.TryParse(alert.Alert.Payload) is not { } p)
        {
            html.Append("<pre>").Append(E(alert.Alert.Body)).Append("</pre>\n");
            return;
        }

        html.Append("<p>").Append(E(p.Headline)).Append("</p>\n");
        var facts = AlertText.Facts(p.Concern);
        if (facts.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">\n");
            foreach (var (label, value) in facts)
            {
                html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">").Append(E(label))
                    .Append("</th><td style=\"padding:2px 0\">").Append(E(value)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (p.NextStep.Length > 0)
        {
            html.Append("<p><strong>What to do next:</strong> ").Append(E(p.NextStep)).Append("</p>\n");
        }

        foreach (var note in p.Notes)
        {
            html.Append("<p><em>Note:</em> ").Append(E(note)).Append("</p>\n");
        }

        html.Append("<p style=\"color:#777;font-size:12px\">").Append(E(AlertText.Footer(p))).Append("</p>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
