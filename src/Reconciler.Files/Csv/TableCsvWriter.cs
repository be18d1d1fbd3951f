namespace Reconciler.Files;

/// <summary>
/// Writes a table of text cells as CSV the house way (UTF-8 without BOM, CRLF, RFC 4180 quoting), for exports whose
/// columns the caller documents. Cells a spreadsheet could run as a formula get a leading <c>'</c>, except in the
/// columns named as data (numbers, dates, ids) which are written as they are.
/// </summary>
public static class TableCsvWriter
{
    /// <summary>Writes <paramref name="header"/> and <paramref name="rows"/> to <paramref name="stream"/>, which is flushed and left open.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="header">The column names.</param>
    /// <param name="rows">The rows; each has one cell per column (null is an empty cell).</param>
    /// <param name="dataColumns">Columns whose cells are numbers, dates or ids, written unprotected.</param>
    public static void Write(Stream stream, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlySet<string>? dataColumns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var data = header.Select(h => dataColumns?.Contains(h) == true).ToArray();
        using var writer = CsvOutput.Create(stream);
        foreach (var name in header)
        {
            writer.WriteField(name);
        }

        writer.EndRecord();
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"a row has {row.Count} cells for {header.Count} columns", nameof(rows));
            }

            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i] ?? "";
                writer.WriteField(data[i] ? cell : SpreadsheetText.Protect(cell));
            }

            writer.EndRecord();
        }

        writer.Flush();
    }
}
