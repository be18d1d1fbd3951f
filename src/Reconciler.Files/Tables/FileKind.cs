namespace Reconciler.Files;

/// <summary>What a statement file is, from its first bytes (never from its name alone).</summary>
public enum FileKind
{
    /// <summary>Delimited text (CSV, TSV), in some encoding.</summary>
    Text,

    /// <summary>An Office Open XML workbook (<c>.xlsx</c>), a zip.</summary>
    Xlsx,

    /// <summary>A legacy Excel 97-2003 workbook (<c>.xls</c>, BIFF8 in an OLE2 container).</summary>
    Xls,
}
