using System.Globalization;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Tests.Reconciliation;

[Collection(nameof(NoGcRegion))]
public class HugePagesTests
{
    [Fact]
    public void LargeAnonymousMappings_OnlyLargeAnonymousPrivateReadWriteOnes()
    {
        string[] maps =
        [
            "55d0c0a00000-55d0c0a21000 r--p 00000000 fd:01 1311 /usr/share/dotnet/dotnet",
            "55d0c1000000-55d0c5000000 rw-p 00000000 00:00 0                          [heap]",
            "7fb7ec021000-7fb7f0000000 ---p 00000000 00:00 0 ",
            "7fb7f3e00000-7fb7f4600000 rw-p 00000000 00:00 0 ",
            "7fb817c00000-7fb88e6a6000 rw-p 00000000 00:00 0 ",
            "7fb88ec00000-7fb905a95000 rw-s 00000000 00:01 77 /memfd:doublemapper (deleted)",
            "7fb905a95000-7fb985a95000 rw-p 00000000 00:00 0    [anon:named]",
            "7fc000000000-7fc004000000 rw-p 00000000 00:00 0",
            "not a maps line",
            "7fc010000000-7fc000000000 rw-p 00000000 00:00 0",
        ];

        var found = HugePages.LargeAnonymousMappings(maps, 32L << 20).ToList();

        Assert.Equal(
            [(0x7fb817c00000UL, 0x7fb88e6a6000UL - 0x7fb817c00000UL), (0x7fc000000000UL, 64UL << 20)],
            found);
    }

    [SkippableFact]
    public void CollectorHold_OnLinux_AdvisesTheRegionsMemoryForHugePages()
    {
        Skip.IfNot(
            OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel/mm/transparent_hugepage"),
            "this kernel has no transparent huge pages (or this is not Linux): there is nothing to advise");

        using var hold = CollectorHold.TryBegin(256 << 20);
        Assert.NotNull(hold);

        // The kernel marks an advised mapping with "hg" among its VmFlags in /proc/self/smaps.
        var advised = Mappings().Where(m => m.Flags.Contains("hg", StringComparer.Ordinal)).Sum(m => (long)m.Length);
        Assert.True(advised >= 256 << 20, $"{advised:N0} bytes advised for huge pages; the region committed at least 256 MiB");
    }

    /// <summary>Every mapping of this process with its length and VmFlags, from /proc/self/smaps.</summary>
    private static List<(ulong Length, string[] Flags)> Mappings()
    {
        var mappings = new List<(ulong, string[])>();
        ulong length = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end))
            {
                length = end - start;
            }
            else if (line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                mappings.Add((length, line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        Assert.NotEmpty(mappings);
        return mappings;
    }
}
