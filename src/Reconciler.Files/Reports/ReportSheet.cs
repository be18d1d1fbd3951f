namespace Reconciler.Files;

/// <summary>
/// A sheet of a report workbook: a header row of <see cref="Columns"/> and one row per item of <see cref="Rows"/>,
/// enumerated once, as the workbook is written (so rows can stream from a database). A row's cells are, in column
/// order: <c>null</c> (empty), <see cref="string"/> (text, never a formula), <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/> (<c>0.00</c>), <see cref="decimal"/> (money, <c>#,##0.00</c>), <see cref="DateOnly"/>
/// (<c>yyyy-mm-dd</c>), <see cref="DateTime"/> (<c>yyyy-mm-dd hh:mm</c>), <see cref="Percent"/> (<c>0.0%</c>), or
/// any of them in a <see cref="Toned"/> for a coloured fill.
/// </summary>
/// <param name="Name">The sheet's name (at most 26 characters, so that a split sheet's "Name (2)" fits Excel's 31).</param>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows.</param>
public sealed record ReportSheet(string Name, IReadOnlyList<ReportColumn> Columns, IEnumerable<object?[]> Rows)
{
    /// <summary>The tab's colour.</summary>
    public ReportTone Tab { get; init; }
}
