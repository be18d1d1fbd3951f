using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Serve;

/// <summary>The alert channels of a worker, made once with one HTTP client for every webhook.</summary>
internal sealed class AlertChannelSet : IDisposable
{
    // No client timeout: each post has its webhook's own (Alerts:Webhooks:N:Timeout, up to 10 minutes).
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public AlertChannelSet(WorkerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Channels = AlertChannels.Create(setup.Rules.Alerts, setup.Rules.DefaultFolder, _http, setup.Clock);
    }

    /// <summary>The channels by name.</summary>
    public IReadOnlyDictionary<string, IAlertChannel> Channels { get; }

    public void Dispose() => _http.Dispose();
}
