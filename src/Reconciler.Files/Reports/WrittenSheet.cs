namespace Reconciler.Files;

/// <summary>A sheet as written: its name in the workbook, the report sheet it belongs to, and its data rows (header not counted).</summary>
/// <param name="Name">The name in the workbook (<c>Matched (2)</c> for the second part of a split sheet).</param>
/// <param name="Sheet">The <see cref="ReportSheet.Name"/> it was written from.</param>
/// <param name="Rows">Data rows written to it.</param>
/// <param name="Elapsed">How long reading its rows and writing them took.</param>
public sealed record WrittenSheet(string Name, string Sheet, long Rows, TimeSpan Elapsed);
