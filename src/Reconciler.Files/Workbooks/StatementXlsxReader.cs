using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads a statement from the first worksheet of an <c>.xlsx</c> workbook, as a <see cref="StatementLayout"/> says.</summary>
public static class StatementXlsxReader
{
    /// <summary>Reads every line of the workbook's first sheet, or throws naming file, row and column.</summary>
    public static IReadOnlyList<StatementLine> Read(Stream stream, string fileName, StatementLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var csv = WorkbookAsCsv.FirstSheet(stream, fileName);
        return StatementCsvReader.Read(csv, fileName, layout with { Delimiter = ',', Encoding = Encoding.UTF8 });
    }
}
