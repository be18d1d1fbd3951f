using Reconciler.Files;

namespace Reconciler.Worker.Reports;

/// <summary>How a ledger report is written, beyond its period.</summary>
internal sealed record ReportOptions
{
    /// <summary>Paid receivables per customer in its payment cycle (<c>Rules:CycleReceivables</c>).</summary>
    public int CycleReceivables { get; init; } = 3;

    /// <summary>Standard deviation of days-to-pay, in days, up to which a cycle is healthy (<c>Rules:HealthyCycleDays</c>).</summary>
    public double HealthyCycleDays { get; init; } = 5.2;

    /// <summary>Standard deviation of days-to-pay, in days, above which a customer is flagged (<c>Rules:FlagCycleDays</c>).</summary>
    public double FlagCycleDays { get; init; } = 9;

    /// <summary>Data rows per sheet before it goes on in a second one (Excel's limit; smaller in tests).</summary>
    public int MaxRowsPerSheet { get; init; } = XlsxTableWriter.MaxRows;

    /// <summary>Sheets put before the report's own (the results of a <c>reconcile</c> run).</summary>
    public IReadOnlyList<ReportSheet> Leading { get; init; } = [];

    /// <summary>The options whose payment-cycle thresholds are the rules' (<paramref name="rules"/>), or the defaults without rules.</summary>
    public static ReportOptions ForRules(Reconciliation.RulesSetup? rules) =>
        rules?.Engine.Thresholds is { } thresholds
            ? new ReportOptions { CycleReceivables = thresholds.CycleReceivables, HealthyCycleDays = thresholds.HealthyCycleDays, FlagCycleDays = thresholds.FlagCycleDays }
            : new ReportOptions();
}
