namespace Reconciler.Storage.Tests;

/// <summary>
/// A clock that moves one second on every reading, from 2026-03-01: every write the store makes carries a new
/// instant, so a row rewritten with the same values still shows up as changed in a checksum.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override DateTimeOffset GetUtcNow() => Start.AddSeconds(Interlocked.Increment(ref _ticks));
}
