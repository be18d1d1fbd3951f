using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

public class SideBySideTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void SideBySide_BothSucceed_ReturnsBothAndRunsTheSecondOnAnotherThread()
    {
        var caller = Environment.CurrentManagedThreadId;

        var (first, second) = ReconcileJob.SideBySide(() => Environment.CurrentManagedThreadId, () => Environment.CurrentManagedThreadId);

        Assert.Equal(caller, first);
        Assert.NotEqual(caller, second);
    }

    [Fact]
    public void SideBySide_SecondFails_ThrowsItsOwnExceptionNotAnAggregate()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReconcileJob.SideBySide(() => 1, int () => throw new InvalidDataException("statement row 3")));

        Assert.Equal("statement row 3", error.Message);
    }

    [Fact]
    public void SideBySide_BothFail_ThrowsTheFirstOnceTheSecondHasEnded()
    {
        var secondEnded = false;

        var error = Assert.Throws<FileNotFoundException>(() => ReconcileJob.SideBySide(
            int () => throw new FileNotFoundException("receivables.csv"),
            int () =>
            {
                Thread.Sleep(Slow);
                secondEnded = true;
                throw new InvalidDataException("statement row 3");
            }));

        Assert.Equal("receivables.csv", error.Message);
        Assert.True(secondEnded);
    }

    [Fact]
    public void SideBySide_FirstFails_WaitsForTheSecondBeforeThrowing()
    {
        var secondEnded = false;

        Assert.Throws<FileNotFoundException>(() => ReconcileJob.SideBySide(
            int () => throw new FileNotFoundException("receivables.csv"),
            () =>
            {
                Thread.Sleep(Slow);
                secondEnded = true;
                return 2;
            }));

        Assert.True(secondEnded);
    }

    [Fact]
    public void StageTimings_StagesOnTwoThreads_EachKeepsItsOwnTimeAndTheTotalSpansBoth()
    {
        var timings = new StageTimings();
        var lines = new List<string>();

        ReconcileJob.SideBySide(
            () => timings.Time("read receivables", null, () =>
            {
                Thread.Sleep(Slow);
                return 1;
            }),
            () => timings.Time("read statements", null, () =>
            {
                Thread.Sleep(Slow * 2);
                return 2;
            }));

        var stages = timings.Stages.ToDictionary(s => s.Stage, s => s.Elapsed);
        Assert.Equal(["read receivables", "read statements"], stages.Keys.Order(StringComparer.Ordinal));
        Assert.True(stages["read statements"] >= Slow * 2);
        Assert.True(timings.Total >= stages["read statements"]);
        Assert.True(timings.Total < stages["read receivables"] + stages["read statements"], $"the stages overlapped: total {timings.Total}");
    }
}
