using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Reconciler.Files;

/// <summary>
/// Turns the first worksheet of an <c>.xlsx</c> workbook into CSV text, one CSV record per sheet row, so the CSV
/// readers (header matching, parsing, messages with row and column) serve workbooks too. Read with
/// ExcelDataReader, which streams the sheet and needs no native library (ClosedXML needs libgdiplus on Linux for
/// workbooks with pictures). Dates become <c>yyyy-MM-dd</c>, numbers invariant decimals, and rows keep their
/// spreadsheet numbers; empty rows after the last used one are dropped.
/// </summary>
internal static class WorkbookAsCsv
{
    // ExcelDataReader needs the legacy code pages (1252 for its defaults, others for .xls), which .NET leaves out.
    static WorkbookAsCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The first worksheet as UTF-8 CSV with a comma delimiter.</summary>
    /// <exception cref="InputFormatException">The stream is not a readable workbook.</exception>
    public static MemoryStream FirstSheet(Stream stream, string fileName)
    {
        var rows = new List<string>();
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            var text = new StringBuilder();
            var cells = new List<string>();
            while (reader.Read())
            {
                cells.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(Cell(reader.GetValue(i)));
                }

                // An empty sheet row stays an empty line (skipped by the CSV reader, yet counted, so later rows keep
                // their numbers); any other row keeps every column, so rows and header have the same width.
                if (cells.TrueForAll(c => c.Length == 0))
                {
                    cells.Clear();
                }

                text.Clear();
                for (var i = 0; i < cells.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Quote(text, cells[i]);
                }

                rows.Add(text.ToString());
            }
        }
        catch (Exception error) when (error is not (OutOfMemoryException or InputFormatException))
        {
            // A damaged workbook fails in many ways (zip, XML, ExcelDataReader's own errors): all are the file's fault.
            throw new InputFormatException(fileName, 1, null, null, $"the file is not a readable .xlsx workbook ({error.Message})", error);
        }

        var last = rows.FindLastIndex(r => r.Length > 0);
        var csv = new MemoryStream();
        using (var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            for (var i = 0; i <= last; i++)
            {
                writer.Write(rows[i]);
                writer.Write('\n');
            }
        }

        csv.Position = 0;
        return csv;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        // Date cells are dates: a time of day in them (a booking time) is not part of the date column.
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => Math.Abs(n) < 7.9e28 ? ((decimal)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Quote(StringBuilder text, string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(cell);
            return;
        }

        text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
