using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

public class ReconcileJobTests
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
}
