using System.Text.Json.Nodes;
using Reconciler.Storage;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// The JSON a webhook posts, by format: <c>generic</c> (structured), <c>wecom</c> and <c>dingtalk</c> (markdown
/// robots), <c>slack</c> (mrkdwn section blocks), <c>teams</c> (an Adaptive Card). Every value from the ledger is
/// escaped for the format (<see cref="ChatText"/>). A digest too large for one chat message is split into parts
/// (<see cref="Split"/>), each a digest of its own posted as one message, so that each part can be marked sent or
/// failed on its own and a failed part's retry does not post the others again.
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

    /// <summary>
    /// Alerts in one Teams card. A card must stay under 28 KB; ten alerts leave room for long explanations (the parts
    /// are counted, not measured: an unusually long alert text could still exceed it and fail with Teams' answer).
    /// </summary>
    public const int TeamsMaxAlerts = 10;

    private const string WeComSeparator = "\n\n";

    private const string DingTalkSeparator = "\n\n---\n\n";

    /// <summary>
    /// The parts in which <paramref name="message"/> is posted in <paramref name="format"/> (case-insensitive): the
    /// message itself when it fits in one chat message, else digests of consecutive alerts (a part of one alert is a
    /// plain alert), each of which <see cref="For"/> makes into exactly one body.
    /// </summary>
    public static IReadOnlyList<AlertMessage> Split(string format, AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Format(format) switch
        {
            "WECOM" => Pack(message, a => Markdown(a, "\n", wecom: true), WeComHeader, WeComSeparator, WeComMaxBytes),
            "DINGTALK" => Pack(message, a => Markdown(a, "\n\n", wecom: false), DingTalkHeader, DingTalkSeparator, DingTalkMaxBytes),

            // A digest's subject takes a block of its own.
            "SLACK" => Chunk(message, SlackMaxBlocks - 1),
            "TEAMS" => Chunk(message, TeamsMaxAlerts),
            _ => [message],
        };
    }

    /// <summary>The bodies to post for <paramref name="format"/> (case-insensitive): one per part of <see cref="Split"/>.</summary>
    public static IReadOnlyList<JsonObject> For(string format, AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var upper = Format(format);
        return [.. Split(format, message).Select(part => upper switch
        {
            "WECOM" => WeCom(part),
            "DINGTALK" => DingTalk(part),
            "SLACK" => Slack(part),
            "TEAMS" => Teams(part),
            _ => AlertJson.Message(part),
        })];
    }

    private static string Format(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var upper = format.Trim().ToUpperInvariant();
        return upper is "GENERIC" or "WECOM" or "DINGTALK" or "SLACK" or "TEAMS"
            ? upper
            : throw new ArgumentOutOfRangeException(nameof(format), format, "not a webhook format");
    }

    /// <summary>Parts of at most <paramref name="size"/> alerts each.</summary>
    private static List<AlertMessage> Chunk(AlertMessage message, int size) =>
        message.Alerts.Count <= size
            ? [message]
            : [.. message.Alerts.Chunk(size).Select(alerts => message with { Alerts = alerts })];

    /// <summary>
    /// Parts whose markdown (the digest's subject, then each alert's <paramref name="item"/>, joined by
    /// <paramref name="separator"/>) takes at most <paramref name="maxBytes"/> UTF-8 bytes, as many alerts to a part
    /// as fit, in order. An alert too long on its own is cut to fit (with an ellipsis).
    /// </summary>
    private static List<AlertMessage> Pack(AlertMessage message, Func<OutboxAlert, string> item, Func<AlertMessage, string> header, string separator, int maxBytes)
    {
        var separatorBytes = ChatText.Bytes(separator);
        var parts = new List<AlertMessage>();
        var current = new List<OutboxAlert>();
        var itemBytes = 0;
        foreach (var alert in message.Alerts)
        {
            var bytes = ChatText.Bytes(ChatText.Cut(item(alert), maxBytes));
            if (current.Count > 0)
            {
                var candidate = message with { Alerts = [.. current, alert] };
                var total = ChatText.Bytes(header(candidate)) + separatorBytes + itemBytes + separatorBytes + bytes;
                if (total <= maxBytes)
                {
                    current.Add(alert);
                    itemBytes += separatorBytes + bytes;
                    continue;
                }

                parts.Add(message with { Alerts = current });
            }

            current = [alert];
            itemBytes = bytes;
        }

        if (current.Count > 0)
        {
            parts.Add(message with { Alerts = current });
        }

        return parts.Count == 1 ? [message] : parts;
    }

    private static string WeComHeader(AlertMessage digest) => $"**{ChatText.Markdown(digest.Subject)}**";

    private static string DingTalkHeader(AlertMessage digest) => $"#### {ChatText.Markdown(digest.Subject)}";

    /// <summary>One markdown text: the digest's subject (for a digest), then each alert, each cut to the limit.</summary>
    private static string MarkdownText(AlertMessage part, Func<OutboxAlert, string> item, Func<AlertMessage, string> header, string separator, int maxBytes)
    {
        var items = part.Alerts.Select(a => ChatText.Cut(item(a), maxBytes)).ToList();
        if (part.IsDigest)
        {
            items.Insert(0, header(part));
        }

        return string.Join(separator, items);
    }

    private static JsonObject WeCom(AlertMessage part) => new()
    {
        ["msgtype"] = "markdown",
        ["markdown"] = new JsonObject { ["content"] = MarkdownText(part, a => Markdown(a, "\n", wecom: true), WeComHeader, WeComSeparator, WeComMaxBytes) },
    };

    private static JsonObject DingTalk(AlertMessage part) => new()
    {
        ["msgtype"] = "markdown",
        ["markdown"] = new JsonObject
        {
            ["title"] = AlertText.OneLine(part.Subject, 100),
            ["text"] = MarkdownText(part, a => Markdown(a, "\n\n", wecom: false), DingTalkHeader, DingTalkSeparator, DingTalkMaxBytes),
        },
    };

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

    private static JsonObject Slack(AlertMessage part)
    {
        var sections = new List<string>();
        if (part.IsDigest)
        {
            sections.Add($"*{ChatText.Slack(part.Subject)}*");
        }

        sections.AddRange(part.Alerts.Select(SlackSection));
        return new JsonObject
        {
            ["text"] = ChatText.Slack(part.Subject),
            ["blocks"] = new JsonArray([.. sections.Select(text => (JsonNode)new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = AlertText.Cut(text, SlackMaxSection) },
            })]),
        };
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

    private static JsonObject Teams(AlertMessage message)
    {
        var body = new JsonArray();
        if (message.IsDigest)
        {
            body.Add(TextBlock(message.Subject, bold: true, size: "Medium"));
        }

        foreach (var alert in message.Alerts)
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
