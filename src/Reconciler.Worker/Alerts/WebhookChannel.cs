using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// A webhook: posts each message as JSON in the webhook's format (a digest too large for one chat message in
/// parts, see <see cref="Split"/>). A status outside 2xx, or a WeCom/DingTalk answer with a non-zero
/// <c>errcode</c>, is a failure whose reason names the status and quotes the answer.
/// </summary>
internal sealed class WebhookChannel : IAlertChannel
{
    /// <summary>How much of an answer a failure quotes.</summary>
    public const int ExcerptLength = 300;

    private readonly WebhookOptions _hook;
    private readonly HttpClient _http;
    private readonly Uri _url;

    public WebhookChannel(WebhookOptions hook, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(hook.Name) || !Uri.TryCreate(hook.Url, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"a webhook needs a name and an absolute URL; it has the name \"{hook.Name}\" and {(hook.Url is null ? "no URL" : "a URL that is not absolute (not shown: it can carry the webhook's key)")}", nameof(hook));
        }

        _hook = hook;
        _http = http;
        _url = url;
        Name = AlertsOptions.WebhookPrefix + hook.Name.Trim();
    }

    public string Name { get; }

    /// <summary>One part per post: a digest too large for one chat message of the webhook's format is split (<see cref="WebhookBodies.Split"/>).</summary>
    public IReadOnlyList<AlertMessage> Split(AlertMessage message) => WebhookBodies.Split(_hook.Format, message);

    /// <summary>Posts <paramref name="message"/>: one post for a part of <see cref="Split"/>, in order for a message not split first.</summary>
    public async Task SendAsync(AlertMessage message, CancellationToken ct)
    {
        var bodies = WebhookBodies.For(_hook.Format, message);
        for (var i = 0; i < bodies.Count; i++)
        {
            var part = bodies.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (part {i + 1} of {bodies.Count})") : "";
            await PostAsync(bodies[i].ToJsonString(AlertJson.Options), part, ct).ConfigureAwait(false);
        }
    }

    private async Task PostAsync(string json, string part, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_hook.Timeout);
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        string answer;
        try
        {
            response = await _http.PostAsync(_url, content, timeout.Token).ConfigureAwait(false);
            answer = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!ct.IsCancellationRequested)
        {
            // The webhook's timeout, or the client's own when it is shorter (HttpClient's default is 100 s).
            var waited = timeout.IsCancellationRequested || _http.Timeout == Timeout.InfiniteTimeSpan ? _hook.Timeout : _http.Timeout;
            throw ChannelUnreachableException.Delivery($"{Name}{part}: no answer from {Where()} within {waited.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", error);
        }
        catch (HttpRequestException error)
        {
            // No status: the request did not get through (refused, name not found, connection or TLS failure).
            throw ChannelUnreachableException.Delivery($"{Name}{part}: {Where()}: {error.Message}", error);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Name}{part}: {Where()} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(answer)}"));
            }

            if (ErrorCode(answer) is { } error)
            {
                throw new AlertDeliveryException($"{Name}{part}: {Where()} answered {(int)response.StatusCode} with {error}");
            }
        }
    }

    /// <summary>For WeCom and DingTalk, which answer 200 with <c>{"errcode":N,"errmsg":...}</c>: the error when N is not 0.</summary>
    private string? ErrorCode(string answer)
    {
        if (!string.Equals(_hook.Format.Trim(), "wecom", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(_hook.Format.Trim(), "dingtalk", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errcode", out var code)
                && code.ValueKind == JsonValueKind.Number
                && code.GetInt64() != 0)
            {
                var text = document.RootElement.TryGetProperty("errmsg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : "";
                return string.Create(CultureInfo.InvariantCulture, $"errcode {code.GetInt64()}: {Excerpt(text ?? "")}");
            }

            return null;
        }
        catch (JsonException)
        {
            return $"an answer that is not JSON: {Excerpt(answer)}";
        }
    }

    /// <summary>
    /// How a webhook's address is named in reasons and messages: <c>scheme://host[:port]</c> only. Robots carry their
    /// secret in the query (WeCom, DingTalk) or in the path (Slack's <c>/services/T…/B…/SECRET</c>, Teams), and user
    /// information is a password.
    /// </summary>
    public static string Origin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsDefaultPort
            ? $"{url.Scheme}://{url.Host}"
            : string.Create(CultureInfo.InvariantCulture, $"{url.Scheme}://{url.Host}:{url.Port}");
    }

    private string Where() => Origin(_url);

    private static string Excerpt(string text)
    {
        var line = AlertText.OneLine(text, ExcerptLength);
        return line.Length == 0 ? "(empty body)" : line;
    }
}
