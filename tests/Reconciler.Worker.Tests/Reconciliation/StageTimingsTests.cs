using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

public class StageTimingsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Time_StagesOnTwoThreadsAtOnce_EachKeepsItsOwnTimeAndTheTotalIsLessThanTheirSum()
    {
        var timings = new StageTimings();

        TwoStagesAtOnce(timings);

        var stages = timings.Stages.ToDictionary(s => s.Stage, s => s.Elapsed);
        Assert.Equal(["read receivables", "read statements"], stages.Keys.Order(StringComparer.Ordinal));
        Assert.All(stages.Values, elapsed => Assert.True(elapsed >= Work, $"{elapsed} is the stage's own time"));
        Assert.True(timings.Total >= stages.Values.Max());
        Assert.True(timings.Total <= TimeSpan.FromTicks(stages.Values.Sum(e => e.Ticks)) - Work, $"the stages overlapped: total {timings.Total}");
    }

    [Fact]
    public void Describe_TwoStagesAtOnceThenOne_JoinsTheOverlappingOnesWithBeside()
    {
        var timings = new StageTimings();
        TwoStagesAtOnce(timings);
        timings.Time("index", null, () => 0);

        var described = timings.Describe();

        Assert.Matches(@"^read (receivables|statements) \d+\.\d\d s beside read (receivables|statements) \d+\.\d\d s, index \d+\.\d\d s$", described);
        Assert.Contains("read receivables", described, StringComparison.Ordinal);
        Assert.Contains("read statements", described, StringComparison.Ordinal);
        Assert.Equal("index", timings.Stages[^1].Stage);
    }

    [Fact]
    public void Describe_StagesOneAfterTheOther_InTheOrderTheyStarted()
    {
        var timings = new StageTimings();
        foreach (var stage in new[] { "read receivables", "read statements", "index", "match", "write" })
        {
            timings.Time(stage, null, () => 0);
        }

        Assert.Matches(@"^read receivables \d+\.\d\d s, read statements \d+\.\d\d s, index \d+\.\d\d s, match \d+\.\d\d s, write \d+\.\d\d s$", timings.Describe());
        Assert.Equal(["read receivables", "read statements", "index", "match", "write"], timings.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void Time_OneStage_ReportsItsStartAndEndToProgress()
    {
        var timings = new StageTimings();
        var said = new List<string>();

        var value = timings.Time("index", said.Add, () => 42);

        Assert.Equal(42, value);
        Assert.Equal("index…", said[0]);
        Assert.StartsWith("index: done in ", said[1], StringComparison.Ordinal);
        Assert.Equal("index", Assert.Single(timings.Stages).Stage);
    }

    /// <summary>
    /// Times "read receivables" and "read statements" on two threads, each waiting inside its timing until the other has
    /// started: the two are in progress at the same moment.
    /// </summary>
    private static void TwoStagesAtOnce(StageTimings timings)
    {
        using var receivablesStarted = new ManualResetEventSlim();
        using var statementsStarted = new ManualResetEventSlim();
        ReconcileJob.SideBySide(
            () => timings.Time("read receivables", null, () => Meet(receivablesStarted, statementsStarted)),
            () => timings.Time("read statements", null, () => Meet(statementsStarted, receivablesStarted)));
    }

    private static int Meet(ManualResetEventSlim mine, ManualResetEventSlim other)
    {
        mine.Set();
        Assert.True(other.Wait(Wait), "the other stage started");
        Thread.Sleep(Work);
        return 0;
    }
}
