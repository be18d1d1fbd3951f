using System.Text.Json.Nodes;
using Reconciler.Rules;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>Webhooks posting to a real HTTP listener on loopback.</summary>
public sealed class WebhookChannelTests : IDisposable
{
    private readonly LoopbackHttp _http = new();
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private (WebhookChannel Channel, AlertMessage Message) Setup(string format, int alerts = 1)
    {
        var options = new AlertsOptions
        {
            Finance = ["finance@example.com"],
            Webhooks = [new WebhookOptions { Name = "group", Url = _http.Url + "hook?key=SECRET", Format = format, Timeout = TimeSpan.FromSeconds(10) }],
        };
        var decisions = SampleDecisions.Decisions([.. Enumerable.Range(0, alerts).Select(Alert)]);
        var outbox = Outbox.Compose(decisions, options, "webhook:group");
        return (new WebhookChannel(options.Webhooks[0], _client), Outbox.Message([.. outbox]));
    }

    /// <summary>The i-th of several alerts about different things (a webhook gets one post about the same thing).</summary>
    private static Alert Alert(int i)
    {
        var alert = SampleDecisions.Alert(Audience.Finance, key: $"exception:{i}:AmountShort");
        return i == 0 ? alert : alert with { Headline = $"{alert.Headline} (number {i + 1})" };
    }

    [Fact]
    public async Task SendAsync_Generic_PostsPayloadsWithRecipientAndAudience()
    {
        var (channel, message) = Setup("generic");

        await channel.SendAsync(message, CancellationToken.None);

        var request = Assert.Single(_http.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook?key=SECRET", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var json = request.Json;
        Assert.Equal("webhook:group", (string?)json["channel"]);
        Assert.Equal("finance@example.com", (string?)json["recipient"]);
        Assert.Equal("finance", (string?)json["audience"]);
        Assert.False((bool)json["digest"]!);
        var alert = Assert.Single(json["alerts"]!.AsArray())!;
        Assert.Equal(1, (long)alert["id"]!);
        Assert.Equal("exception:0:AmountShort:Finance|webhook:group|finance", (string?)alert["dedupKey"]);
        Assert.Equal("alert", (string?)alert["payload"]!["kind"]);
        Assert.Equal("KL-1", (string?)alert["payload"]!["concern"]!["contractNo"]);
        Assert.Equal(1234567.5m, (decimal)alert["payload"]!["concern"]!["amount"]!);
    }

    [Fact]
    public async Task SendAsync_WeCom_MarkdownMessageWithEscapedMemo()
    {
        var (channel, message) = Setup("wecom");
        _http.Respond = _ => (200, """{"errcode":0,"errmsg":"ok"}""");

        await channel.SendAsync(message, CancellationToken.None);

        var json = Assert.Single(_http.Requests).Json;
        Assert.Equal("markdown", (string?)json["msgtype"]);
        var content = (string)json["markdown"]!["content"]!;
        Assert.StartsWith("<font color=\"warning\">**[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR**</font>", content, StringComparison.Ordinal);
        Assert.Contains("> Amount: 1,234,567.50 EUR", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", content, StringComparison.Ordinal);
        Assert.DoesNotContain("[click](http", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<@all>", content, StringComparison.Ordinal);
        Assert.Contains("＜script＞", content, StringComparison.Ordinal);
        Assert.Contains("[click］(http://evil.example)", content, StringComparison.Ordinal);
        Assert.Equal(["msgtype", "markdown"], json.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task SendAsync_WeComLargeDigest_SplitIntoPostsWithinTheLimit()
    {
        var (channel, message) = Setup("wecom", alerts: 12);
        _http.Respond = _ => (200, """{"errcode":0,"errmsg":"ok"}""");

        await channel.SendAsync(message, CancellationToken.None);

        var contents = _http.Requests.Select(r => (string)r.Json["markdown"]!["content"]!).ToList();
        Assert.True(contents.Count > 1);
        Assert.All(contents, c => Assert.True(System.Text.Encoding.UTF8.GetByteCount(c) <= WebhookBodies.WeComMaxBytes));
        Assert.All(contents, c => Assert.Matches(@"^\*\*\[HIGH\] Reconciler: (\d+) alerts \(\1 high\)\*\*", c));
        Assert.Equal(12, contents.Sum(c => c.Split("**[HIGH] Short payment").Length - 1));
    }

    [Theory]
    [InlineData("wecom", 15)]
    [InlineData("dingtalk", 60)]
    [InlineData("slack", 120)]
    [InlineData("teams", 45)]
    public void Split_LargeDigest_PartsInOrderEachOnePostWithinTheFormatsLimit(string format, int alerts)
    {
        var (channel, message) = Setup(format, alerts);

        var parts = channel.Split(message);

        Assert.True(parts.Count >= 3, $"{parts.Count} parts");
        Assert.Equal(message.Ids, parts.SelectMany(p => p.Ids));
        Assert.All(parts, p => Assert.Equal((message.Channel, message.Recipient), (p.Channel, p.Recipient)));
        foreach (var part in parts)
        {
            var body = Assert.Single(WebhookBodies.For(format, part));
            switch (format)
            {
                case "wecom":
                    Assert.True(System.Text.Encoding.UTF8.GetByteCount((string)body["markdown"]!["content"]!) <= WebhookBodies.WeComMaxBytes);
                    break;
                case "dingtalk":
                    Assert.True(System.Text.Encoding.UTF8.GetByteCount((string)body["markdown"]!["text"]!) <= WebhookBodies.DingTalkMaxBytes);
                    break;
                case "slack":
                    Assert.True(body["blocks"]!.AsArray().Count <= WebhookBodies.SlackMaxBlocks);
                    break;
                default:
                    Assert.True(body["attachments"]![0]!["content"]!["body"]!.AsArray().Count(b => (string?)b!["type"] == "Container") <= WebhookBodies.TeamsMaxAlerts);
                    break;
            }
        }

        Assert.Equal(parts.Count, WebhookBodies.For(format, message).Count);
    }

    [Fact]
    public void Split_SmallDigestOrGeneric_TheMessageItself()
    {
        var (channel, message) = Setup("wecom", alerts: 2);
        var (generic, many) = Setup("generic", alerts: 40);

        Assert.Same(message, Assert.Single(channel.Split(message)));
        Assert.Same(many, Assert.Single(generic.Split(many)));
    }

    [Fact]
    public async Task SendAsync_DingTalk_MarkdownWithTitleAndText()
    {
        var (channel, message) = Setup("dingtalk");
        _http.Respond = _ => (200, """{"errcode":0,"errmsg":"ok"}""");

        await channel.SendAsync(message, CancellationToken.None);

        var json = Assert.Single(_http.Requests).Json;
        Assert.Equal("markdown", (string?)json["msgtype"]);
        Assert.Equal("[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR", (string?)json["markdown"]!["title"]);
        var text = (string)json["markdown"]!["text"]!;
        Assert.StartsWith("**[HIGH] Short payment", text, StringComparison.Ordinal);
        Assert.Contains("**What to do next:** Ask the customer for the balance.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_DingTalkErrcode_FailsWithCodeAndMessage()
    {
        var (channel, message) = Setup("dingtalk");
        _http.Respond = _ => (200, """{"errcode":310000,"errmsg":"keywords not in content"}""");

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(message, CancellationToken.None));

        Assert.Equal($"webhook:group: {_http.Url.TrimEnd('/')} answered 200 with errcode 310000: keywords not in content", error.Message);
    }

    [Fact]
    public async Task SendAsync_Slack_TextAndMrkdwnSections()
    {
        var (channel, message) = Setup("slack", alerts: 2);

        await channel.SendAsync(message, CancellationToken.None);

        var json = Assert.Single(_http.Requests).Json;
        Assert.Equal("[HIGH] Reconciler: 2 alerts (2 high)", (string?)json["text"]);
        var blocks = json["blocks"]!.AsArray();
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(("section", "mrkdwn"), ((string?)b!["type"], (string?)b["text"]!["type"])));
        var first = (string)blocks[1]!["text"]!["text"]!;
        Assert.StartsWith("*[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR*\n• Customer: Contoso Ltd (customer C-001)", first, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; [click](http://evil.example) &lt;@all&gt;", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Teams_AdaptiveCardAttachment()
    {
        var (channel, message) = Setup("teams");

        await channel.SendAsync(message, CancellationToken.None);

        var json = Assert.Single(_http.Requests).Json;
        Assert.Equal("message", (string?)json["type"]);
        var attachment = Assert.Single(json["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.4", (string?)card["version"]);
        var container = card["body"]![0]!;
        Assert.Equal("Container", (string?)container["type"]);
        Assert.Equal("[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR", (string?)container["items"]![0]!["text"]);
        var facts = container["items"]![1]!;
        Assert.Equal("FactSet", (string?)facts["type"]);
        Assert.Contains(facts["facts"]!.AsArray(), f => (string?)f!["title"] == "Amount" && (string?)f["value"] == "1,234,567.50 EUR");
        Assert.DoesNotContain("[click](", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Status500_FailsWithStatusAndBodyExcerpt()
    {
        var (channel, message) = Setup("generic");
        _http.Respond = _ => (500, "{\"error\":\"database is down\"}" + new string('x', 1000));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(message, CancellationToken.None));

        Assert.StartsWith($"webhook:group: {_http.Url.TrimEnd('/')} answered 500 Internal Server Error: {{\"error\":\"database is down\"}}xxx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
        Assert.False(ChannelUnreachableException.Caused(error));
    }

    [Fact]
    public async Task SendAsync_NoListener_FailsNamingTheUrl()
    {
        var hook = new WebhookOptions { Name = "gone", Url = $"http://127.0.0.1:{SmtpServer.FreePort()}/x", Timeout = TimeSpan.FromSeconds(5) };
        var (_, message) = Setup("generic");

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookChannel(hook, _client).SendAsync(message, CancellationToken.None));

        Assert.StartsWith("webhook:gone: http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.True(ChannelUnreachableException.Caused(error));
    }

    [Fact]
    public async Task SendAsync_SlowAnswer_FailsAfterTheWebhooksTimeout()
    {
        var hook = new WebhookOptions { Name = "slow", Url = _http.Url + "slow", Timeout = TimeSpan.FromSeconds(1) };
        var (_, message) = Setup("generic");
        _http.Respond = _ =>
        {
            Thread.Sleep(2500);
            return (200, "late");
        };

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookChannel(hook, _client).SendAsync(message, CancellationToken.None));

        Assert.Equal($"webhook:slow: no answer from {_http.Url.TrimEnd('/')} within 1 s", error.Message);
        Assert.True(ChannelUnreachableException.Caused(error));
    }

    /// <summary>
    /// A client whose own timeout is shorter than the webhook's (HttpClient's default is 100 s, a webhook may wait up to
    /// 10 minutes): the failure says how long it really waited, not the webhook's timeout.
    /// </summary>
    [Fact]
    public async Task SendAsync_ClientTimeoutShorterThanTheWebhooks_SaysTheTimeThatRanOut()
    {
        using var silent = new SilentListener();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var hook = new WebhookOptions { Name = "slow", Url = silent.Url + "slow", Timeout = TimeSpan.FromSeconds(30) };
        var (_, message) = Setup("generic");

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookChannel(hook, client).SendAsync(message, CancellationToken.None));

        Assert.Equal($"webhook:slow: no answer from {silent.Url.TrimEnd('/')} within 1 s", error.Message);
        Assert.Equal(error.Message, AlertDispatcher.Reason(error));
    }

    [Theory]
    [InlineData("http://u:PASSWORD@hooks.example.com/services/T0001/B0002/XXXXSECRETXXXX?key=QUERYSECRET", "http://hooks.example.com")]
    [InlineData("https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=QUERYSECRET", "https://qyapi.weixin.qq.com:8443")]
    [InlineData("http://[::1]:8080/XXXXSECRETXXXX", "http://[::1]:8080")]
    public void Origin_AnyWebhookUrl_SchemeHostAndPortOnly(string url, string origin)
    {
        Assert.Equal(origin, WebhookChannel.Origin(new Uri(url)));
    }

    [Fact]
    public void Constructor_UrlNotAbsolute_MessageDoesNotShowIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookChannel(new WebhookOptions { Name = "ops", Url = "hooks.slack.com/services/T/B/XXXXSECRETXXXX" }, _client));

        Assert.DoesNotContain("XXXXSECRETXXXX", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"ops\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_EveryFormat_ValidJson()
    {
        foreach (var format in WebhookOptions.Formats)
        {
            var (_, message) = Setup(format, alerts: 3);

            var bodies = WebhookBodies.For(format, message);

            Assert.All(bodies, b => JsonNode.Parse(b.ToJsonString(AlertJson.Options)));
        }
    }
}
