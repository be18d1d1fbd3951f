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

    [SkippableFact]
    public void TryBegin_OnLinux_TheRegionsNewMemoryIsAdvisedForHugePages()
    {
        Skip.IfNot(
            OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel/mm/transparent_hugepage"),
            "this kernel has no transparent huge pages (or this is not Linux): there is nothing to advise");
        var before = HugePages.Snapshot();

        // Larger than any other hold of these tests, so the region cannot be made of memory an earlier one left.
        using var hold = CollectorHold.TryBegin(768 << 20);
        Assert.NotNull(hold);

        // The kernel marks an advised mapping with "hg" among its VmFlags in /proc/self/smaps.
        var added = Mappings()
            .SelectMany(m => HugePages.LargeAnonymousMappings([m.Header], HugePages.MinMappingBytes).Select(range => (Range: range, m.Header, m.Flags)))
            .Where(m => !before.Contains(m.Range))
            .ToList();
        var addedBytes = added.Sum(m => (long)m.Range.Length);
        Assert.True(addedBytes >= 256 << 20, $"the region added {addedBytes:N0} bytes of large mappings; its budget is 768 MiB");
        Assert.All(added, m => Assert.True(m.Flags.Contains("hg", StringComparer.Ordinal), $"{m.Header} is not advised for huge pages"));
    }

    /// <summary>Every mapping of this process: its header line and its VmFlags, from /proc/self/smaps.</summary>
    private static List<(string Header, string[] Flags)> Mappings()
    {
        var mappings = new List<(string, string[])>();
        var header = "";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                mappings.Add((header, line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
            else if (line.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space && line.AsSpan(0, space).Contains('-') && !line.AsSpan(0, space).Contains(':'))
            {
                header = line; // start-end perms offset dev inode [path]; the other lines are "Name: value"
            }
        }

        Assert.NotEmpty(mappings);
        return mappings;
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
