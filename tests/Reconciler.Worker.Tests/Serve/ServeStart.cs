namespace Reconciler.Worker.Tests.Serve;

/// <summary>How a <see cref="ServeProcess"/> is started: its folders and files, extra environment, and as whom.</summary>
internal sealed record ServeStart(string WorkingDirectory, string Config, string Watch, string Receivables)
{
    /// <summary>The SQLite ledger's folder (<c>--data</c>); null when the environment names a server database.</summary>
    public string? Data { get; init; }

    /// <summary>Variables added to the worker's environment (e.g. <c>RECONCILER_Storage__ConnectionString</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The port of <c>/health</c> (<c>--port</c>); null for a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Runs the worker as user nobody (through <c>setpriv</c>); only root may ask.</summary>
    public bool AsNobody { get; init; }
}
