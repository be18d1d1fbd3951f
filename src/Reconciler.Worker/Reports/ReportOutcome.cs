using Reconciler.Files;

namespace Reconciler.Worker.Reports;

/// <summary>What <see cref="LedgerReport.Write(Storage.LedgerStore, string, DateOnly?, DateOnly?, TimeProvider)"/> wrote.</summary>
/// <param name="Path">The workbook's full path.</param>
/// <param name="Sheets">Each sheet with its data rows, in workbook order (a split sheet's parts one by one).</param>
/// <param name="Elapsed">How long reading and writing took.</param>
internal sealed record ReportOutcome(string Path, IReadOnlyList<WrittenSheet> Sheets, TimeSpan Elapsed)
{
    /// <summary>The data rows of the sheets written from <paramref name="sheet"/> (all its parts).</summary>
    public long Rows(string sheet) => Sheets.Where(s => s.Sheet == sheet).Sum(s => s.Rows);
}
