namespace Reconciler.Worker.Alerts;

/// <summary>One entry of <c>Alerts:Webhooks</c>: a chat robot or an HTTP endpoint that receives alerts as JSON.</summary>
internal sealed class WebhookOptions
{
    /// <summary>The values <see cref="Format"/> takes.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["generic", "wecom", "dingtalk", "slack", "teams"];

    /// <summary>The webhook's name: its channel is <c>webhook:NAME</c> in the outbox.</summary>
    public string? Name { get; init; }

    /// <summary>The URL posted to (http or https).</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The body's shape: <c>generic</c> (the alerts' structured content), <c>wecom</c> (WeCom group robot),
    /// <c>dingtalk</c> (DingTalk robot), <c>slack</c> (Slack incoming webhook) or <c>teams</c> (Microsoft Teams,
    /// an Adaptive Card).
    /// </summary>
    public string Format { get; init; } = "generic";

    /// <summary>The audiences it receives (<c>sales-owner</c>, <c>finance</c>, <c>finance-manager</c>, <c>sales-manager</c>, <c>named</c>); empty for all.</summary>
    public string[] Audiences { get; init; } = [];

    /// <summary>How long one post may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether it receives alerts for <paramref name="audience"/> (kebab-case).</summary>
    public bool Receives(string audience) =>
        Audiences.Length == 0 || Audiences.Any(a => string.Equals(a.Trim(), audience, StringComparison.OrdinalIgnoreCase));
}
