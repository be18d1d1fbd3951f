using System.Net;
using System.Net.Sockets;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>
/// A peer that takes connections on loopback and never answers: the system completes each connection (the listen
/// backlog) and nothing ever reads from it, like a webhook whose server hangs.
/// </summary>
internal sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentListener()
    {
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
    }

    /// <summary>The base URL, ending with a slash.</summary>
    public string Url { get; }

    public void Dispose() => _listener.Stop();
}
