using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Serve;

/// <summary>The alert channels of a worker, made once with one HTTP client for every webhook.</summary>
internal sealed class AlertChannelSet : IDisposable
{
    private readonly HttpClient _http = new();

    public AlertChannelSet(WorkerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Channels = AlertChannels.Create(setup.Rules.Alerts, setup.Rules.DefaultFolder, _http, setup.Clock);
    }

    /// <summary>The channels by name.</summary>
    public IReadOnlyDictionary<string, IAlertChannel> Channels { get; }

    public void Dispose() => _http.Dispose();
}
