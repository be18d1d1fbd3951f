using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Reads receivables from a workbook (<c>.xlsx</c>, <c>.xlsm</c>, or legacy <c>.xls</c>) with the same column map
/// as the CSV reader, through <see cref="WorkbookRowSource"/> (ExcelDataReader, which streams the sheet and needs no
/// native library): cells keep their own types, so date cells are dates, number cells numbers, and only text cells
/// are parsed as the map says.
/// </summary>
public static class ReceivableXlsxReader
{
    private const int SniffBytes = 8;

    /// <summary>Whether a file name is one this reader takes: <c>.xlsx</c>, <c>.xlsm</c> or <c>.xls</c>.</summary>
    public static bool IsWorkbook(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() is ".XLSX" or ".XLSM" or ".XLS";

    /// <summary>
    /// Whether a file is a workbook: by its first bytes (a zip or an OLE2 container), whatever its name, or by its
    /// name when its content cannot be looked at (a stream that cannot seek) or is not a workbook (a damaged one is
    /// then reported as such rather than read as text).
    /// </summary>
    /// <param name="stream">The file; when it can seek, its first bytes are read and it is rewound.</param>
    /// <param name="fileName">The file name.</param>
    public static bool IsWorkbook(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return (stream.CanSeek && FileSniffer.Kind(FileSniffer.Head(stream, SniffBytes)) != FileKind.Text) || IsWorkbook(fileName);
    }

    /// <summary>Reads every receivable of one sheet, or throws naming file, row and column: it never returns part of a sheet.</summary>
    /// <remarks>
    /// The sheet is <see cref="ReceivableColumns.Sheet"/> when set, else the first sheet with a header row (one
    /// that holds every required column among its first <see cref="ReceivableColumns.HeaderSearchRows"/> rows).
    /// Rows above the header are skipped, empty rows too; rows keep their numbers in the sheet. In a workbook of
    /// several sheets, messages and <see cref="Receivable.Source"/> name the sheet after the file
    /// (<c>erp.xlsx, sheet 应收明细, row 7</c>). An <c>.xlsx</c> is checked against <paramref name="limits"/> before
    /// any part is inflated.
    /// </remarks>
    /// <param name="stream">The workbook; read from its current position and left open. A stream that cannot seek is buffered.</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="Receivable.Source"/> and messages.</param>
    /// <param name="columns">The column map; <see cref="ReceivableColumns.Default"/> when null.</param>
    /// <param name="limits">The zip-bomb limits for an <c>.xlsx</c>; <see cref="WorkbookLimits.Default"/> when null.</param>
    /// <exception cref="InputFormatException">The file is not a workbook or exceeds the limits, the sheet or a column is missing, or a value cannot be read.</exception>
    /// <exception cref="ArgumentException">The column map's formats are not usable.</exception>
    public static IReadOnlyList<Receivable> Read(Stream stream, string fileName, ReceivableColumns? columns = null, WorkbookLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = new ReceivableTableReader(columns ?? ReceivableColumns.Default);
        using var owned = stream.CanSeek ? null : Buffer(stream);
        var input = owned ?? stream;
        var kind = FileSniffer.Kind(FileSniffer.Head(input, SniffBytes));
        if (kind == FileKind.Text)
        {
            throw new InputFormatException(
                fileName,
                1,
                null,
                null,
                "the file is not a readable .xlsx or .xls workbook (it does not start as one: if it is a text export, save it as .csv)");
        }

        if (kind == FileKind.Xlsx)
        {
            (limits ?? WorkbookLimits.Default).Check(input, fileName);
        }

        using var workbook = new WorkbookRowSource(input, fileName);
        return reader.Read(workbook);
    }

    private static MemoryStream Buffer(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
