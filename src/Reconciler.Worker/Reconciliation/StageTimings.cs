using System.Diagnostics;

namespace Reconciler.Worker.Reconciliation;

/// <summary>Wall time per stage of a run (read, index, match, write), for the summary and the scale run.</summary>
public sealed class StageTimings
{
    private readonly List<(string Stage, TimeSpan Elapsed)> _stages = [];

    /// <summary>The stages in the order they ran.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages => _stages;

    /// <summary>The sum of the stages.</summary>
    public TimeSpan Total => _stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Elapsed);

    /// <summary>Runs a stage, reports its start and end to <paramref name="progress"/> and records its time.</summary>
    public T Time<T>(string stage, Action<string>? progress, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        progress?.Invoke($"{stage}…");
        var started = Stopwatch.GetTimestamp();
        var result = work();
        var elapsed = Stopwatch.GetElapsedTime(started);
        _stages.Add((stage, elapsed));
        progress?.Invoke($"{stage}: done in {elapsed.TotalSeconds:0.00} s");
        return result;
    }
}
