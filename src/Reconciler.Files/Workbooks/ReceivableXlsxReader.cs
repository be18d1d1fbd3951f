using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads receivables from the first worksheet of an <c>.xlsx</c> workbook, with the same columns as the CSV.</summary>
public static class ReceivableXlsxReader
{
    /// <summary>Reads every receivable of the workbook's first sheet, or throws naming file, row and column.</summary>
    public static IReadOnlyList<Receivable> Read(Stream stream, string fileName, ReceivableColumns? columns = null)
    {
        using var csv = WorkbookAsCsv.FirstSheet(stream, fileName);
        return ReceivableCsvReader.Read(csv, fileName, (columns ?? ReceivableColumns.Default) with { Delimiter = ',' });
    }
}
