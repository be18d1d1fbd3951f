using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// A message as structured JSON: the generic webhook's body and the file channel's line. The alerts' payloads are
/// embedded as JSON objects, beside their outbox id, dedup key, subject and plain-text body.
/// </summary>
internal static class AlertJson
{
    /// <summary>Compact, with non-ASCII text kept as it is (JSON escaping still applies).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>{"channel","recipient","audience","digest","alerts":[{id,dedupKey,kind,rule,ruleSetVersion,severity,subject,body,payload}]}.</summary>
    public static JsonObject Message(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var alerts = new JsonArray();
        foreach (var a in message.Alerts)
        {
            alerts.Add(new JsonObject
            {
                ["id"] = a.Id,
                ["dedupKey"] = a.Alert.DedupKey,
                ["kind"] = a.Alert.Kind,
                ["rule"] = a.Alert.Rule,
                ["ruleSetVersion"] = a.RuleSetVersion,
                ["severity"] = a.Alert.Severity,
                ["immediate"] = a.Alert.Immediate,
                ["subject"] = a.Alert.Subject,
                ["body"] = a.Alert.Body,
                ["payload"] = Payload(a.Alert.Payload),
            });
        }

        return new JsonObject
        {
            ["channel"] = message.Channel,
            ["recipient"] = message.Recipient,
            ["audience"] = message.Audience,
            ["severity"] = message.Severity,
            ["subject"] = message.Subject,
            ["digest"] = message.IsDigest,
            ["alerts"] = alerts,
        };
    }

    /// <summary>The payload as a JSON node; the text itself when it is not JSON.</summary>
    private static JsonNode? Payload(string payload)
    {
        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return JsonValue.Create(payload);
        }
    }
}
