using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Wall time per stage of a run (read, index, match, write), for the summary and the scale run. Stages may run on
/// several threads at once (the statements are read while the receivables are): each records its own time.
/// </summary>
internal sealed class StageTimings
{
    private readonly Lock _lock = new();
    private readonly List<(string Stage, TimeSpan Elapsed)> _stages = [];
    private long? _started;
    private long _ended;

    /// <summary>The stages in the order they ended.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages
    {
        get
        {
            lock (_lock)
            {
                return [.. _stages];
            }
        }
    }

    /// <summary>Wall time from the first stage's start to the last stage's end (stages may overlap).</summary>
    public TimeSpan Total
    {
        get
        {
            lock (_lock)
            {
                return _started is { } started ? Stopwatch.GetElapsedTime(started, _ended) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Runs a stage, reports its start and end to <paramref name="progress"/> and records its time.</summary>
    public T Time<T>(string stage, Action<string>? progress, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        progress?.Invoke($"{stage}…");
        var started = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _started ??= started;
        }

        var result = work();
        var ended = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, ended);
        lock (_lock)
        {
            _ended = Math.Max(_ended, ended);
            _stages.Add((stage, elapsed));
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{stage}: done in {elapsed.TotalSeconds:0.00} s"));
        return result;
    }
}
