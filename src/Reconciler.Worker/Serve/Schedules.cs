using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Serve;

/// <summary>Registers the recurring jobs at start: the nightly run (cron and time zone from <c>Worker</c>), the alert retries every five minutes, and the match and rules sweep every minute.</summary>
internal sealed partial class Schedules(WorkerSetup setup, IRecurringJobManager recurring, ILogger<Schedules> log) : IHostedService
{
    /// <summary>The nightly run's recurring job id.</summary>
    public const string NightlyId = "nightly";

    /// <summary>The alert retries' recurring job id.</summary>
    public const string AlertsId = "alerts";

    /// <summary>The every-minute match and rules safety net's recurring job id.</summary>
    public const string SweepId = "sweep";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = setup.Options;
        if (string.IsNullOrWhiteSpace(options.NightlyCron))
        {
            recurring.RemoveIfExists(NightlyId);
            LogNoNightly();
        }
        else
        {
            try
            {
                recurring.AddOrUpdate<LedgerJobs>(NightlyId, j => j.Nightly(CancellationToken.None), options.NightlyCron, new RecurringJobOptions { TimeZone = options.Zone() });
            }
            catch (ArgumentException error)
            {
                // Bad configuration (exit 1), found only now: Hangfire's own parser is the one that can tell.
                throw new ConfigurationException($"Worker:NightlyCron \"{options.NightlyCron}\" cannot be scheduled: {error.Message}", error);
            }

            LogNightly(options.NightlyCron, options.Zone().Id);
        }

        recurring.AddOrUpdate<LedgerJobs>(AlertsId, j => j.SendAlerts(CancellationToken.None), "*/5 * * * *");
        recurring.AddOrUpdate<LedgerJobs>(SweepId, j => j.Sweep(CancellationToken.None), "* * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "nightly run scheduled: \"{Cron}\" in {Zone}")]
    private partial void LogNightly(string cron, string zone);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "no nightly run (Worker:NightlyCron is empty)")]
    private partial void LogNoNightly();
}
