namespace Reconciler.Storage;

/// <summary>The figures of a report's summary, read in one transaction.</summary>
public sealed record ReportSummary
{
    /// <summary>The period.</summary>
    public required ReportPeriod Period { get; init; }

    /// <summary>Lines and amounts per status and currency.</summary>
    public required IReadOnlyList<ReportStatusTotal> Statuses { get; init; }

    /// <summary>What the period's lines allocated to receivables (automatic and confirmed), per currency.</summary>
    public required IReadOnlyList<ReportCurrencyAmount> Allocated { get; init; }

    /// <summary>What is still open on open receivables now, per currency (whatever the period).</summary>
    public required IReadOnlyList<ReportCurrencyAmount> StillOpen { get; init; }

    /// <summary>Exceptions by kind on the period's lines.</summary>
    public required IReadOnlyList<ReportExceptionCount> Exceptions { get; init; }

    /// <summary>Credit holds opened in the period.</summary>
    public long HoldsOpened { get; init; }

    /// <summary>Credit holds released in the period.</summary>
    public long HoldsReleased { get; init; }

    /// <summary>Alerts sent in the period.</summary>
    public long AlertsSent { get; init; }

    /// <summary>Alerts created in the period and not sent (pending, sending or failed).</summary>
    public long AlertsNotSent { get; init; }

    /// <summary>Lines per booking day, status (as in <see cref="Statuses"/>) and currency, with the money received of them, oldest day first: the trend.</summary>
    public required IReadOnlyList<ReportDayCount> Days { get; init; }
}
