namespace Reconciler.Storage;

/// <summary>The days a report covers (statement lines by booking date, holds and alerts by when they happened); open ends are unbounded.</summary>
/// <param name="From">The first day, or null for no lower bound.</param>
/// <param name="To">The last day (included), or null for no upper bound.</param>
public sealed record ReportPeriod(DateOnly? From, DateOnly? To)
{
    /// <summary>Every day.</summary>
    public static ReportPeriod All { get; } = new(null, null);

    /// <summary>Whether <paramref name="day"/> is in the period.</summary>
    public bool Contains(DateOnly day) => (From is null || day >= From) && (To is null || day <= To);
}
