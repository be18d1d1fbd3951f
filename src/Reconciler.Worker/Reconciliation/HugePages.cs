using System.Globalization;
using System.Runtime.InteropServices;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Asks Linux for transparent huge pages (2 MiB) in the large stretches of memory the runtime commits for the managed
/// heap when a no-GC region starts, so that a run touching a gigabyte of new memory takes thousands of page faults
/// instead of hundreds of thousands.
/// </summary>
/// <remarks>
/// <para>Kernels are commonly set to give huge pages only where a process asks for them
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> = <c>madvise</c>), and the runtime does not ask. A fault only
/// gets a huge page when the whole aligned 2 MiB around it is committed, so the advice pays where the runtime commits
/// a large stretch at once: the no-GC region of <see cref="CollectorHold"/> commits its whole budget when it starts.
/// At 1M lines in memory that run touches about 1.5 GiB: about 430k faults became 18k, and the run took about 2 s less
/// (see benchmarks/RESULTS.md).</para>
/// <para>What is advised is every anonymous read-write mapping of at least <see cref="MinMappingBytes"/> that is new,
/// or changed, since a snapshot taken before the region started (<see cref="Snapshot"/>): the region's stretches, and
/// not a C library arena, a native allocation or managed memory that was there before. Where the kernel has no huge
/// pages, or is set to <c>never</c>, the advice does nothing. Where free memory is fragmented, the kernel either
/// compacts some to make a huge page or gives small pages, as its <c>defrag</c> setting says; both only cost time.</para>
/// </remarks>
internal static partial class HugePages
{
    /// <summary>The smallest mapping advised: the heap's committed stretches under a no-GC region are far larger.</summary>
    public const long MinMappingBytes = 32L << 20;

    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in <linux/mman.h>

    /// <summary>
    /// The large anonymous read-write mappings of this process now, to be passed to <see cref="AdviseNewMappings"/>
    /// after the memory to advise is committed; empty off Linux or when the maps cannot be read.
    /// </summary>
    public static HashSet<(ulong Start, ulong Length)> Snapshot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        try
        {
            return [.. LargeAnonymousMappings(File.ReadLines("/proc/self/maps"), MinMappingBytes)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>
    /// Advises every large anonymous read-write mapping of this process that is not in <paramref name="before"/>
    /// (new, or grown or shrunk since); returns the bytes advised (0 off Linux, or when nothing was advised).
    /// </summary>
    public static long AdviseNewMappings(IReadOnlySet<(ulong Start, ulong Length)> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        try
        {
            long advised = 0;
            foreach (var mapping in Snapshot()) // empty off Linux
            {
                if (!before.Contains(mapping) && Madvise((nint)mapping.Start, (nuint)mapping.Length, MadviseHugePage) == 0)
                {
                    advised += (long)mapping.Length;
                }
            }

            return advised;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0; // the run is only slower without the advice
        }
    }

    /// <summary>
    /// The anonymous private read-write mappings of at least <paramref name="minBytes"/> among the lines of a
    /// <c>/proc/PID/maps</c> file (<c>start-end perms offset dev inode [path]</c>); a mapping with a path or name
    /// (a file, <c>[heap]</c>, <c>[stack]</c>, a named anonymous mapping) is left out.
    /// </summary>
    internal static IEnumerable<(ulong Start, ulong Length)> LargeAnonymousMappings(IEnumerable<string> maps, long minBytes)
    {
        foreach (var line in maps)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 || fields[1] != "rw-p" || fields[4] != "0")
            {
                continue;
            }

            var dash = fields[0].IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0
                || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                || end <= start
                || end - start < (ulong)minBytes)
            {
                continue;
            }

            yield return (start, end - start);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
