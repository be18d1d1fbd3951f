using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Wall time per stage of a run (read, index, match, write), for the summary and the scale run. Stages may run on
/// several threads at once (the statements are read while the receivables are): each records its own time.
/// </summary>
internal sealed class StageTimings
{
    private readonly Lock _lock = new();
    private readonly List<(string Stage, long Started, long Ended)> _stages = [];
    private long? _started;
    private long _ended;

    /// <summary>The stages in the order they started (stages started at the same moment by name).</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages => [.. InOrder().Select(s => (s.Stage, Stopwatch.GetElapsedTime(s.Started, s.Ended)))];

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
        lock (_lock)
        {
            _ended = Math.Max(_ended, ended);
            _stages.Add((stage, started, ended));
        }

        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{stage}: done in {Stopwatch.GetElapsedTime(started, ended).TotalSeconds:0.00} s"));
        return result;
    }

    /// <summary>
    /// The stages for the summary, in the order they started: <c>index 1.45 s, match 2.34 s</c>; stages that ran at
    /// the same time are joined by <c>beside</c> (<c>read receivables 2.21 s beside read statements 2.39 s</c>): their
    /// times overlap, and do not add up to the run's.
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var groupEnds = long.MinValue;
        foreach (var (stage, started, ended) in InOrder())
        {
            if (text.Length > 0)
            {
                text.Append(started < groupEnds ? " beside " : ", ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{stage} {Stopwatch.GetElapsedTime(started, ended).TotalSeconds:0.00} s");
            groupEnds = started < groupEnds ? Math.Max(groupEnds, ended) : ended;
        }

        return text.ToString();
    }

    private List<(string Stage, long Started, long Ended)> InOrder()
    {
        lock (_lock)
        {
            return [.. _stages.OrderBy(s => s.Started).ThenBy(s => s.Stage, StringComparer.Ordinal)];
        }
    }
}
