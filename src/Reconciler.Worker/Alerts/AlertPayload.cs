using System.Text.Json;
using System.Text.Json.Serialization;
using Reconciler.Rules;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// The structured content of an outbox alert (<c>NewAlert.Payload</c>, JSON in camelCase): what the HTML part of
/// an e-mail and the webhook bodies are made from.
/// </summary>
internal sealed record AlertPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>alert</c>, <c>escalation</c> or <c>flag</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The rule that decided.</summary>
    public string Rule { get; init; } = "";

    /// <summary>The rule-set version that decided.</summary>
    public string RuleSetVersion { get; init; } = "";

    /// <summary><c>info</c>, <c>warning</c>, <c>high</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = "";

    /// <summary>The audience (kebab-case).</summary>
    public string Audience { get; init; } = "";

    /// <summary>What happened.</summary>
    public string Headline { get; init; } = "";

    /// <summary>What to do next.</summary>
    public string NextStep { get; init; } = "";

    /// <summary>Remarks about the delivery, e.g. that it went to finance because the sales owner has no address.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The customer, contract, line and figures.</summary>
    public Concern Concern { get; init; } = new();

    /// <summary>The payload as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The payload of <paramref name="json"/>; null when it is not one (then the plain-text body is all there is).</summary>
    public static AlertPayload? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AlertPayload>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
