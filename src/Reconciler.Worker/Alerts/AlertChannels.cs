using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Alerts;

/// <summary>The configured channels, by the name the outbox stores: <c>email</c>, <c>webhook:NAME</c>, <c>file</c>.</summary>
internal static class AlertChannels
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// The channels <paramref name="options"/> configure. The file channel writes to <c>Alerts:Folder</c>, else to
    /// <paramref name="defaultFolder"/> (the caller's <c>alerts/</c> under the data folder or the working directory).
    /// Webhooks post with <paramref name="http"/>, or one client shared by the process (each post has its own
    /// timeout, <c>Alerts:Webhooks:N:Timeout</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, IAlertChannel> Create(AlertsOptions options, string defaultFolder, HttpClient? http = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultFolder);
        var channels = new Dictionary<string, IAlertChannel>(StringComparer.Ordinal);
        if (options.EmailEnabled)
        {
            channels.Add(AlertsOptions.EmailChannel, new EmailChannel(options.Smtp, clock));
        }

        foreach (var hook in options.Webhooks)
        {
            var channel = new WebhookChannel(hook, http ?? SharedHttp.Value);
            channels.Add(channel.Name, channel);
        }

        if (options.FileEnabled)
        {
            channels.Add(AlertsOptions.FileChannelName, new FileChannel(options.FolderOr(defaultFolder), clock));
        }

        return channels;
    }
}
