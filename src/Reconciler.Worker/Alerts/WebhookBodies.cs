using System.Text.Json.Nodes;
using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// The JSON a webhook posts, by format: <c>generic</c> (structured), <c>wecom</c> and <c>dingtalk</c> (markdown
/// robots), <c>slack</c> (mrkdwn section blocks), <c>teams</c> (an Adaptive Card). Every value from the ledger is
/// escaped for the format (<see cref="ChatText"/>). A digest too large for one chat message is split into several
/// posts, in order, so that no alert is marked sent without having been shown.
/// </summary>
internal static class WebhookBodies
{
    /// <summary>WeCom's limit on a markdown message, in UTF-8 bytes.</summary>
    public const int WeComMaxBytes = 4096;

    /// <summary>DingTalk's limit on a markdown message (20,000 bytes), with room for the envelope.</summary>
    public const int DingTalkMaxBytes = 19_000;

    /// <summary>Slack's limit of blocks per message.</summary>
    public const int SlackMaxBlocks = 50;

    /// <summary>Slack's limit on a section's text.</summary>
    public const int SlackMaxSection = 3000;

    /// <summary>Alerts in one Teams card (a card must stay under 28 KB).</summary>
    public const int TeamsMaxAlerts = 20;

    /// <summary>The bodies to post for <paramref name="format"/> (case-insensitive): one, or several for a large digest.</summary>
    public static IReadOnlyList<JsonObject> For(string format, AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(message);
        return format.Trim().ToUpperInvariant() switch
        {
            "GENERIC" => [AlertJson.Message(message)],
            "WECOM" => WeCom(message),
            "DINGTALK" => DingTalk(message),
            "SLACK" => Slack(message),
            "TEAMS" => Teams(message),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a webhook format"),
        };
    }

    private static List<JsonObject> WeCom(AlertMessage message)
    {
        var items = message.Alerts.Select(a => Markdown(a, "\n", wecom: true)).ToList();
        if (message.IsDigest)
        {
            items.Insert(0, $"**{ChatText.Markdown(message.Subject)}**");
        }

        return [.. ChatText.Pack(items, "\n\n", WeComMaxBytes)
            .Select(content => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = content } })];
    }

    private static List<JsonObject> DingTalk(AlertMessage message)
    {
        var items = message.Alerts.Select(a => Markdown(a, "\n\n", wecom: false)).ToList();
        if (message.IsDigest)
        {
            items.Insert(0, $"#### {ChatText.Markdown(message.Subject)}");
        }

        return [.. ChatText.Pack(items, "\n\n---\n\n", DingTalkMaxBytes).Select(text => new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = AlertText.OneLine(message.Subject, 100), ["text"] = text },
        })];
    }

    /// <summary>One alert in markdown: bold subject, the facts quoted, next step, notes, the rule.</summary>
    private static string Markdown(OutboxAlert alert, string lineBreak, bool wecom)
    {
        var subject = ChatText.Markdown(alert.Alert.Subject);
        var title = wecom && alert.Alert.Severity is "high" or "critical"
            ? $"<font color=\"warning\">**{subject}**</font>"
            : $"**{subject}**";
        var lines = new List<string> { title };
        if (AlertPayload.TryParse(alert.Alert.Payload) is { } p)
        {
            lines.AddRange(AlertText.Facts(p.Concern).Select(f => $"> {f.Label}: {ChatText.Markdown(f.Value)}"));
            if (p.NextStep.Length > 0)
            {
                lines.Add($"**What to do next:** {ChatText.Markdown(p.NextStep)}");
            }

            lines.AddRange(p.Notes.Select(n => $"*Note:* {ChatText.Markdown(n)}"));
            lines.Add(wecom ? $"<font color=\"comment\">{ChatText.Markdown(AlertText.Footer(p))}</font>" : $"*{ChatText.Markdown(AlertText.Footer(p))}*");
        }
        else
        {
            lines.AddRange(alert.Alert.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ChatText.Markdown));
        }

        return string.Join(lineBreak, lines);
    }

    private static List<JsonObject> Slack(AlertMessage message)
    {
        var sections = new List<string>();
        if (message.IsDigest)
        {
            sections.Add($"*{ChatText.Slack(message.Subject)}*");
        }

        sections.AddRange(message.Alerts.Select(SlackSection));
        return [.. sections.Chunk(SlackMaxBlocks).Select(chunk => new JsonObject
        {
            ["text"] = ChatText.Slack(message.Subject),
            ["blocks"] = new JsonArray([.. chunk.Select(text => (JsonNode)new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = AlertText.Cut(text, SlackMaxSection) },
            })]),
        })];
    }

    private static string SlackSection(OutboxAlert alert)
    {
        var lines = new List<string> { $"*{ChatText.Slack(alert.Alert.Subject)}*" };
        if (AlertPayload.TryParse(alert.Alert.Payload) is { } p)
        {
            lines.AddRange(AlertText.Facts(p.Concern).Select(f => $"• {f.Label}: {ChatText.Slack(f.Value)}"));
            if (p.NextStep.Length > 0)
            {
                lines.Add($"*What to do next:* {ChatText.Slack(p.NextStep)}");
            }

            lines.AddRange(p.Notes.Select(n => $"_Note:_ {ChatText.Slack(n)}"));
            lines.Add($"_{ChatText.Slack(AlertText.Footer(p))}_");
        }
        else
        {
            lines.AddRange(alert.Alert.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ChatText.Slack));
        }

        return string.Join('\n', lines);
    }

    private static List<JsonObject> Teams(AlertMessage message) =>
        [.. message.Alerts.Chunk(TeamsMaxAlerts).Select(chunk => TeamsCard(message, chunk))];

    private static JsonObject TeamsCard(AlertMessage message, OutboxAlert[] alerts)
    {
        var body = new JsonArray();
        if (message.IsDigest)
        {
            body.Add(TextBlock(message.Subject, bold: true, size: "Medium"));
        }

        foreach (var alert in alerts)
        {
            var items = new JsonArray { TextBlock(alert.Alert.Subject, bold: true, size: message.IsDigest ? null : "Medium") };
            if (AlertPayload.TryParse(alert.Alert.Payload) is { } p)
            {
                var facts = new JsonArray();
                foreach (var (label, value) in AlertText.Facts(p.Concern))
                {
                    facts.Add(new JsonObject { ["title"] = ChatText.Markdown(label), ["value"] = ChatText.Markdown(value) });
                }

                items.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
                if (p.NextStep.Length > 0)
                {
                    items.Add(TextBlock("What to do next: " + p.NextStep));
                }

                foreach (var note in p.Notes)
                {
                    items.Add(TextBlock("Note: " + note));
                }

                items.Add(TextBlock(AlertText.Footer(p), subtle: true));
            }
            else
            {
                items.Add(TextBlock(alert.Alert.Body));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = AlertText.OneLine(message.Subject, 150),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }

    private static JsonObject TextBlock(string text, bool bold = false, string? size = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = ChatText.Markdown(text), ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }
}
