namespace Reconciler.Storage.Tests;

/// <summary>
/// A clock that moves one second on every reading, from 2026-03-01: every write the store makes carries a new
/// instant, so a row rewritten with the same values still shows up as changed in a checksum. A test can also move it
/// on by a span (<see cref="Advance"/>), to pass a retry's back-off.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private long _ticks;
    private long _skipped;

    public override DateTimeOffset GetUtcNow() => Start.AddTicks(Interlocked.Read(ref _skipped)).AddSeconds(Interlocked.Increment(ref _ticks));

    /// <summary>What the next reading will be (reading this does not move the clock).</summary>
    public DateTimeOffset Upcoming => Start.AddTicks(Interlocked.Read(ref _skipped)).AddSeconds(Interlocked.Read(ref _ticks) + 1);

    /// <summary>Moves the clock on by <paramref name="span"/> (on top of its second per reading).</summary>
    public void Advance(TimeSpan span) => Interlocked.Add(ref _skipped, span.Ticks);
}
