using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>One test sets a process environment variable: these run with the other configuration tests, alone.</summary>
[Collection(nameof(Configuration.ReconcilerConfigurationTests))]
public class AlertsOptionsTests
{
    private static AlertsOptions Bind(string json, IDictionary<string, string?>? overrides = null)
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, json);
        return ReconcilerConfiguration.Alerts(ReconcilerConfiguration.Load(file, overrides));
    }

    [Fact]
    public void Alerts_NoSection_DefaultsAndFileChannelOnly()
    {
        var options = Bind("{}");

        Assert.Empty(options.Finance);
        Assert.False(options.Digest);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryAfter);
        Assert.Equal(25, options.Smtp.Port);
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, options.Smtp.SocketOptions);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Smtp.Timeout);
        Assert.Equal(["file"], options.ChannelNames());
        Assert.Equal(Path.GetFullPath("/data/alerts"), options.FolderOr("/data/alerts"));
    }

    [Fact]
    public void Alerts_FullSection_Bound()
    {
        var options = Bind("""
            {
              "Alerts": {
                "Finance": [ "finance@example.com", "ap@example.com" ],
                "FinanceManager": [ "cfo@example.com" ],
                "SalesManager": [ "sm@example.com" ],
                "SalesOwners": { "Bob Smith": "bob@example.com", "Wang Fang": "wang.fang@example.cn" },
                "Digest": true,
                "MaxAttempts": 3,
                "RetryAfter": "00:05:00",
                "Smtp": { "Host": "smtp.example.com", "Port": 587, "Security": "starttls", "UserName": "reconciler", "From": "Reconciler <reconciler@example.com>", "Timeout": "00:00:20" },
                "Webhooks": [
                  { "Name": "finance-group", "Url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", "Format": "wecom", "Audiences": [ "finance", "finance-manager" ] },
                  { "Name": "ops", "Url": "https://hooks.slack.com/services/T/B/X", "Format": "slack" }
                ],
                "Folder": "out/alerts",
                "FileChannel": true
              }
            }
            """, new Dictionary<string, string?> { ["Alerts:Smtp:Password"] = "secret" });

        Assert.Equal(["finance@example.com", "ap@example.com"], options.Finance);
        Assert.Equal("bob@example.com", options.SalesOwnerAddress("bob smith"));
        Assert.Equal("wang.fang@example.cn", options.SalesOwnerAddress("Wang Fang"));
        Assert.Equal("someone@example.com", options.SalesOwnerAddress("someone@example.com"));
        Assert.Null(options.SalesOwnerAddress("Carol"));
        Assert.True(options.Digest);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RetryAfter);
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTls, options.Smtp.SocketOptions);
        Assert.Equal("secret", options.Smtp.Password);
        Assert.Equal(["email", "webhook:finance-group", "webhook:ops", "file"], options.ChannelNames());
        Assert.True(options.Webhooks[0].Receives("finance-manager"));
        Assert.False(options.Webhooks[0].Receives("sales-owner"));
        Assert.True(options.Webhooks[1].Receives("sales-owner"));
        Assert.Equal(Path.GetFullPath("out/alerts"), options.FolderOr("/data/alerts"));
    }

    [Fact]
    public void Alerts_PasswordFromEnvironment_Bound()
    {
        Environment.SetEnvironmentVariable("RECONCILER_Alerts__Smtp__Password", "from-env");
        try
        {
            var options = Bind("""{ "Alerts": { "Smtp": { "Host": "mail", "From": "r@example.com", "UserName": "u" } } }""");

            Assert.Equal("from-env", options.Smtp.Password);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Alerts__Smtp__Password", null);
        }
    }

    [Fact]
    public void Alerts_UnknownNestedKey_ThrowsNamingIt()
    {
        var error = Assert.Throws<ConfigurationException>(() => Bind("""{ "Alerts": { "Smtp": { "Hots": "mail" } } }"""));

        Assert.Contains("Alerts:Smtp:Hots is not a setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_BadValues_EveryProblemNamed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Bind("""
            {
              "Alerts": {
                "Finance": [ "finance" ],
                "SalesOwners": { "Bob": "bob at example" },
                "MaxAttempts": 0,
                "RetryAfter": "00:00:00",
                "Smtp": { "Host": "mail", "Port": 0, "Security": "tls", "UserName": "u" },
                "Webhooks": [ { "Url": "ftp://x", "Format": "irc", "Audiences": [ "everyone" ] }, { "Name": "a", "Url": "http://x/" }, { "Name": "A", "Url": "http://x/" } ]
              }
            }
            """));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Contains("Alerts:Smtp:Port must be 1–65535; it is 0.", lines);
        Assert.Contains("Alerts:Finance:0 must be an e-mail address; it is \"finance\".", lines);
        Assert.Contains("Alerts:SalesOwners:Bob must be an e-mail address; it is \"bob at example\".", lines);
        Assert.Contains("Alerts:MaxAttempts must be 1–100; it is 0.", lines);
        Assert.Contains(lines, l => l.StartsWith("Alerts:RetryAfter must be more than 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Smtp:Security must be starttls-when-available, starttls, ssl, none", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Smtp:From is needed when Alerts:Smtp:Host is set", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Smtp:UserName is set but Alerts:Smtp:Password is not (give it through the environment: RECONCILER_Alerts__Smtp__Password)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Webhooks:0:Name is needed", StringComparison.Ordinal));
        Assert.Contains("Alerts:Webhooks:0:Url must be an http or https URL; it is ftp://x.", lines);
        Assert.Contains(lines, l => l.StartsWith("Alerts:Webhooks:0:Format must be generic, wecom, dingtalk, slack, teams", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Webhooks:0:Audiences \"everyone\" is not an audience", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Alerts:Webhooks:2:Name \"A\" is used by another webhook", StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_WebhookUrlsWithSecretsNotHttp_ProblemsNameTheWebhookAndItsHostOnly()
    {
        var error = Assert.Throws<ConfigurationException>(() => Bind("""
            {
              "Alerts": {
                "Webhooks": [
                  { "Name": "slack", "Url": "ftp://u:PASSWORD@hooks.example.com:2121/services/T0001/B0002/XXXXSECRETXXXX?key=QUERYSECRET", "Format": "slack" },
                  { "Name": "teams", "Url": "outlook.office.com/webhook/XXXXSECRETXXXX?key=QUERYSECRET", "Format": "teams" }
                ]
              }
            }
            """));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Contains("Alerts:Webhooks:0:Url (webhook \"slack\") must be an http or https URL; it is ftp://hooks.example.com:2121 (the rest not shown: it can carry the webhook's key).", lines);
        Assert.Contains("Alerts:Webhooks:1:Url (webhook \"teams\") must be an http or https URL; it is not an absolute URL (not shown: a webhook's address can carry its key).", lines);
        Assert.DoesNotContain("XXXXSECRETXXXX", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("QUERYSECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD", error.Message, StringComparison.Ordinal);
    }
}
