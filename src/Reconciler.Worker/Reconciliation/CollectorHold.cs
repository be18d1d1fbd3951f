using System.Runtime;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// Holds the garbage collector off for the length of an in-memory run, through the runtime's no-GC region
/// (<see cref="GC.TryStartNoGCRegion(long)"/>), when the run's inputs are large enough for collections to matter
/// and the memory it will allocate fits comfortably in what the process may use.
/// </summary>
/// <remarks>
/// <para>An in-memory run builds everything it allocates to keep it to the end: at 1M lines it allocates about
/// 1.6 GB, of which about 1.35 GB is still live when the results are written. Each collection during the run only
/// marks and copies survivors (1.2–2 s of pauses at 1M lines); held off, the 1M run took 0.87 / 0.71 / 0.10 s less
/// in three alternating pairs, at a peak RSS of 1.51 GiB against 1.41–1.42 GiB (see benchmarks/RESULTS.md).</para>
/// <para>The budget is worked out from the inputs' sizes (<see cref="Budget"/>). A run that allocates more than
/// its budget (a workbook expands far more than its compressed size) is not harmed: the runtime then collects as
/// usual and leaves the region. The runtime commits about 1.05 × the budget when the region starts, once for small
/// objects and once for large ones (two stretches of 1.99 and 2.0 GB for 1.9 GB, in <c>/proc/self/maps</c>); pages
/// never touched cost no memory. Those stretches are then advised for huge pages (<see cref="HugePages"/>), which
/// saves most of the page faults of touching them. One hold at a time per process: the region is the whole
/// process's, and a second attempt while one is held would end the first.</para>
/// </remarks>
internal sealed class CollectorHold : IDisposable
{
    /// <summary>Inputs smaller than this are read and matched in well under a second: collections cost nothing there.</summary>
    public const long MinInputBytes = 16 << 20;

    /// <summary>Bytes allocated per byte of receivables file (read, then indexed): 2.7 + 2.4 measured at 1M, rounded up.</summary>
    public const int PerReceivableByte = 6;

    /// <summary>Bytes allocated per byte of statement file (read, matched, written): 3.1 + 3.1 + 1.2 measured at 1M, rounded up.</summary>
    public const int PerStatementByte = 9;

    /// <summary>Room for what does not grow with the inputs (the runtime, the options, buffers).</summary>
    public const long FixedBytes = 64 << 20;

    /// <summary>The largest share of the memory available to the process that a budget may take.</summary>
    public const int AvailableShare = 4;

    private static int _held;

    private int _disposed;

    private CollectorHold()
    {
    }

    /// <summary>
    /// The bytes a run over inputs of these sizes is expected to allocate, or null when no hold is worth taking
    /// (small inputs) or safe (the budget is more than a quarter of <paramref name="availableBytes"/>).
    /// </summary>
    public static long? Budget(long receivableBytes, long statementBytes, long availableBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(receivableBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(statementBytes);
        if (receivableBytes + statementBytes < MinInputBytes)
        {
            return null;
        }

        var budget = (PerReceivableByte * receivableBytes) + (PerStatementByte * statementBytes) + FixedBytes;
        return budget <= availableBytes / AvailableShare ? budget : null;
    }

    /// <summary>The hold for a run over these files (a missing file counts as empty: the run reports it), or null for none.</summary>
    public static CollectorHold? For(string? receivablesPath, IEnumerable<string> statementPaths) =>
        Budget(
            receivablesPath is null ? 0 : Size(receivablesPath),
            statementPaths.Sum(Size),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) is { } budget
            ? TryBegin(budget)
            : null;

    /// <summary>Starts a no-GC region of <paramref name="budget"/> bytes; null when one is already held or the runtime refuses.</summary>
    public static CollectorHold? TryBegin(long budget)
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            return null;
        }

        try
        {
            var before = HugePages.Snapshot();
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(budget))
            {
                // The region's memory is committed now, in stretches large enough for huge pages: a fault then
                // brings in 2 MiB instead of 4 KiB. Should the advice fail in a way it does not expect, the region
                // is ended before the error goes on.
                var hold = new CollectorHold();
                try
                {
                    HugePages.AdviseNewMappings(before);
                }
                catch
                {
                    hold.Dispose();
                    throw;
                }

                return hold;
            }
        }
        catch (Exception error) when (error is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Too large for this runtime, or a region started by someone else: the run goes on with collections.
        }

        Volatile.Write(ref _held, 0);
        return null;
    }

    /// <summary>True while a hold is in force (the runtime has not left the region on its own).</summary>
    public static bool InForce => GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>Ends the region, unless the runtime already left it (the budget was exceeded); once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // a second call must not end a hold taken since
        }

        try
        {
            if (InForce)
            {
                GC.EndNoGCRegion();
            }
        }
        catch (InvalidOperationException)
        {
            // The runtime left the region between the check and the call: collections are back on either way.
        }
        finally
        {
            Volatile.Write(ref _held, 0);
        }
    }

    private static long Size(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }
}
