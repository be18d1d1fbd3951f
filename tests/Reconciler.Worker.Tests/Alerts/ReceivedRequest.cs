using System.Text.Json.Nodes;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>A request the loopback listener received.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string ContentType, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
