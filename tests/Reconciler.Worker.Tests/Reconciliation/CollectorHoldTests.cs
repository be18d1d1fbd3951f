using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

[Collection(nameof(NoGcRegion))]
public class CollectorHoldTests
{
    private const long Gigabyte = 1L << 30;

    [Fact]
    public void Budget_SmallInputs_NoHold()
    {
        Assert.Null(CollectorHold.Budget(4 << 20, 4 << 20, 16 * Gigabyte));
        Assert.Null(CollectorHold.Budget(0, 0, 16 * Gigabyte));
    }

    [Fact]
    public void Budget_TheMillionLineRun_CoversWhatItAllocates()
    {
        // The 1M scale run: receivables 125,954,260 bytes, statements 123,508,656; it allocated about 1.6 GB.
        var budget = CollectorHold.Budget(125_954_260, 123_508_656, 24 * Gigabyte);

        Assert.Equal((6 * 125_954_260L) + (9 * 123_508_656L) + (64 << 20), budget);
        Assert.InRange(budget!.Value, 1_600_000_000L, 2 * Gigabyte);
    }

    [Fact]
    public void Budget_MoreThanAQuarterOfTheMemoryAvailable_NoHold()
    {
        Assert.NotNull(CollectorHold.Budget(125_954_260, 123_508_656, 8 * Gigabyte));
        Assert.Null(CollectorHold.Budget(125_954_260, 123_508_656, 7 * Gigabyte));
    }

    [Fact]
    public void Budget_NegativeSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CollectorHold.Budget(-1, 0, Gigabyte));
    }

    [Fact]
    public void TryBegin_HeldThenDisposed_CollectionsAreBackOn()
    {
        var before = GC.CollectionCount(0);
        using (var hold = CollectorHold.TryBegin(256 << 20))
        {
            Assert.NotNull(hold);
            Assert.True(CollectorHold.InForce);
            Assert.Null(CollectorHold.TryBegin(256 << 20)); // one at a time; the first stays in force
            Assert.True(CollectorHold.InForce);
            var kept = Allocate(64 << 20);
            Assert.True(CollectorHold.InForce);
            GC.KeepAlive(kept);
        }

        Assert.False(CollectorHold.InForce);
        Assert.True(GC.CollectionCount(0) > before); // starting the region collects once
        using var again = CollectorHold.TryBegin(256 << 20);
        Assert.NotNull(again);
    }

    [Fact]
    public void TryBegin_BudgetExceeded_RuntimeCollectsAndDisposeDoesNotThrow()
    {
        var hold = CollectorHold.TryBegin(16 << 20);
        try
        {
            Assert.NotNull(hold);
            var started = GC.CollectionCount(0);

            var kept = Allocate(256 << 20);

            Assert.False(CollectorHold.InForce);
            Assert.True(GC.CollectionCount(0) > started);
            GC.KeepAlive(kept);
        }
        finally
        {
            hold?.Dispose();
        }

        using var again = CollectorHold.TryBegin(16 << 20);
        Assert.NotNull(again);
    }

    [Fact]
    public void Dispose_Twice_DoesNotEndAHoldTakenSince()
    {
        var first = CollectorHold.TryBegin(64 << 20);
        Assert.NotNull(first);
        first.Dispose();
        using var second = CollectorHold.TryBegin(64 << 20);
        Assert.NotNull(second);

        first.Dispose();

        Assert.True(CollectorHold.InForce);
        Assert.Null(CollectorHold.TryBegin(64 << 20)); // the second is still the one held
    }

    [Fact]
    public void For_SampleFiles_NoHold()
    {
        Assert.Null(CollectorHold.For(Repository.Samples("receivables.csv"), [Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv")]));
        Assert.False(CollectorHold.InForce);
    }

    /// <summary>About <paramref name="bytes"/> in 1 MiB arrays, all kept.</summary>
    private static List<byte[]> Allocate(long bytes)
    {
        var kept = new List<byte[]>();
        for (var total = 0L; total < bytes; total += 1 << 20)
        {
            kept.Add(new byte[1 << 20]);
        }

        return kept;
    }
}
