namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Worker</c> configuration section: what <c>reconciler serve</c> watches, how often, when the nightly run
/// fires, and where the dashboard listens. The command's flags (<c>--watch</c>, <c>--receivables</c>,
/// <c>--port</c>) override these.
/// </summary>
internal sealed class WorkerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Worker";

    /// <summary>The watched folder, holding <c>inbox/</c>, <c>processing/</c>, <c>archive/</c> and <c>failed/</c>.</summary>
    public string? WatchFolder { get; init; }

    /// <summary>The receivables file the worker syncs before matching (when it changed) and every night; optional with <c>Receivables:Erp</c>.</summary>
    public string? Receivables { get; init; }

    /// <summary>Where the nightly run writes its report; default <c>reports/</c> in the watched folder.</summary>
    public string? ReportsFolder { get; init; }

    /// <summary>How often the inbox is scanned besides file-system events (which can be lost).</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a file's size and time must stay the same before it is taken, or the receivables file synced (it is still being written until then).</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Jobs run at once by this worker (imports run side by side; matching and rules take turns across all workers).</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>The nightly run's schedule, a cron expression (five fields); empty for no nightly run.</summary>
    public string? NightlyCron { get; init; } = "0 2 * * *";

    /// <summary>The time zone the schedule is read in (IANA or Windows id, e.g. <c>Asia/Shanghai</c>); default UTC.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The dashboard's port on 127.0.0.1; 0 for no dashboard and no <c>/health</c>.</summary>
    public int DashboardPort { get; init; } = 5080;

    /// <summary>A user who may act in the dashboard (retry, delete jobs); without one the dashboard is read-only.</summary>
    public string? DashboardUser { get; init; }

    /// <summary>That user's password (give it through the environment: <c>RECONCILER_Worker__DashboardPassword</c>).</summary>
    public string? DashboardPassword { get; init; }

    /// <summary>Where Hangfire keeps its jobs: <c>auto</c> (memory for SQLite, the ledger's database for a server one), <c>memory</c> or <c>database</c>.</summary>
    public string JobStorage { get; init; } = "auto";

    /// <summary>Logs as JSON lines instead of text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>How long a stopping worker waits for the job in flight before leaving it to be retried.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ScanInterval < TimeSpan.FromMilliseconds(100) || ScanInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:{nameof(ScanInterval)} {ScanInterval} must be between 00:00:00.1 and 01:00:00.");
        }

        if (SettleTime < TimeSpan.Zero || SettleTime > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:{nameof(SettleTime)} {SettleTime} must be between 00:00:00 and 00:10:00.");
        }

        if (Workers is < 1 or > 64)
        {
            problems.Add($"{Section}:{nameof(Workers)} {Workers} must be between 1 and 64.");
        }

        if (!string.IsNullOrWhiteSpace(NightlyCron) && !IsCron(NightlyCron))
        {
            problems.Add($"{Section}:{nameof(NightlyCron)} \"{NightlyCron}\" is not a cron expression (five fields, e.g. \"0 2 * * *\").");
        }

        if (!TryTimeZone(TimeZone, out _))
        {
            problems.Add($"{Section}:{nameof(TimeZone)} \"{TimeZone}\" is not a time zone this machine knows (e.g. Asia/Shanghai, UTC).");
        }

        if (DashboardPort is < 0 or > 65535)
        {
            problems.Add($"{Section}:{nameof(DashboardPort)} {DashboardPort} must be between 0 (no dashboard) and 65535.");
        }

        if (string.IsNullOrEmpty(DashboardUser) != string.IsNullOrEmpty(DashboardPassword))
        {
            problems.Add($"{Section}:{nameof(DashboardUser)} and {Section}:{nameof(DashboardPassword)} go together: set both (the password through the environment) or neither.");
        }

        if (JobStorage is not ("auto" or "memory" or "database"))
        {
            problems.Add($"{Section}:{nameof(JobStorage)} \"{JobStorage}\" is not auto, memory or database.");
        }

        if (ShutdownTimeout < TimeSpan.Zero || ShutdownTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:{nameof(ShutdownTimeout)} {ShutdownTimeout} must be between 00:00:00 and 01:00:00.");
        }

        return problems;
    }

    /// <summary>The schedule's time zone.</summary>
    public TimeZoneInfo Zone() => TryTimeZone(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryTimeZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>
    /// Five fields (or six, seconds first) of the characters cron uses; Hangfire parses the expression fully when
    /// the worker registers the nightly run, and the worker refuses to start if it cannot.
    /// </summary>
    private static bool IsCron(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 5 or 6
            && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '/' or ',' or '-' or '?' or '#'));
    }
}
