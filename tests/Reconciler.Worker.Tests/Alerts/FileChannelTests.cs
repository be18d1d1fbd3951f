using System.Text.Json.Nodes;
using Reconciler.Rules;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

public class FileChannelTests
{
    [Fact]
    public async Task SendAsync_TwoMessages_TwoJsonLinesInTheDaysFileFolderCreated()
    {
        using var temp = new TempFolder();
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.FromHours(-5)));
        var folder = Path.Combine(temp.Path, "alerts");
        var channel = new FileChannel(folder, clock);
        var alerts = Outbox.Compose(SampleDecisions.Decisions(SampleDecisions.Alert(Audience.Finance), SampleDecisions.Alert(Audience.SalesOwner)), new AlertsOptions(), "file");

        await channel.SendAsync(Outbox.Message(alerts[0]), CancellationToken.None);
        await channel.SendAsync(Outbox.Message(alerts[1]), CancellationToken.None);

        var file = Path.Combine(folder, "alerts-2026-03-03.jsonl");
        Assert.Equal([file], Directory.GetFiles(folder));
        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!;
        Assert.Equal("2026-03-03T04:30:00.000Z", (string?)first["at"]);
        Assert.Equal("file", (string?)first["channel"]);
        Assert.Equal("finance", (string?)first["recipient"]);
        Assert.Equal("[HIGH] Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR", (string?)first["alerts"]![0]!["subject"]);
        Assert.Equal("C-001", (string?)first["alerts"]![0]!["payload"]!["concern"]!["customerId"]);
        Assert.Equal("alice@example.com", (string?)JsonNode.Parse(lines[1])!["recipient"]);
    }

    [Fact]
    public void Create_NothingConfigured_FileChannelInDefaultFolder()
    {
        using var temp = new TempFolder();

        var channels = AlertChannels.Create(new AlertsOptions(), Path.Combine(temp.Path, "alerts"));

        var channel = Assert.IsType<FileChannel>(Assert.Single(channels).Value);
        Assert.Equal(Path.Combine(temp.Path, "alerts"), channel.Folder);
    }

    [Fact]
    public void Create_EmailAndWebhooks_ByOutboxName()
    {
        var options = SampleDecisions.Email(25);
        var withHooks = new AlertsOptions
        {
            Finance = options.Finance,
            Smtp = options.Smtp,
            Webhooks = [new WebhookOptions { Name = "ops", Url = "http://127.0.0.1:1/" }],
        };

        var channels = AlertChannels.Create(withHooks, "/tmp/unused");

        Assert.Equal(["email", "webhook:ops"], channels.Keys.Order(StringComparer.Ordinal));
        Assert.All(channels, c => Assert.Equal(c.Key, c.Value.Name));
    }
}
