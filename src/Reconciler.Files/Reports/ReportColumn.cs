namespace Reconciler.Files;

/// <summary>A column of a report sheet: its header and its width in characters (set, never measured).</summary>
/// <param name="Name">The header text.</param>
/// <param name="Width">The width in Excel character units.</param>
public sealed record ReportColumn(string Name, double Width);
