using Hangfire;
using Hangfire.Logging;

namespace Reconciler.Worker.Tests.Watch;

/// <summary>
/// Tests that touch Hangfire's process-wide state (a host sets the global log provider to its own logger factory,
/// which it disposes when it stops) run one at a time, and each starts from a silent log provider.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireGlobals
{
    public const string Name = "Hangfire's global state";

    /// <summary>Points Hangfire's global log provider away from any host's disposed logger factory.</summary>
    public static void Reset() => GlobalConfiguration.Configuration.UseLogProvider(new Silent());

    private sealed class Silent : ILogProvider, ILog
    {
        public ILog GetLogger(string name) => this;

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
