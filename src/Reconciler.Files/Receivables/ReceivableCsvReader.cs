using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads a delimited receivables file (one open receivable per row) into <see cref="Receivable"/>s.</summary>
public static class ReceivableCsvReader
{
    /// <summary>
    /// Reads every row of a receivables file, or throws: it never returns part of a file. The stream is read
    /// from its current position and left open.
    /// </summary>
    /// <remarks>
    /// The header is the first row within the first <see cref="ReceivableColumns.HeaderSearchRows"/> that holds
    /// every required column; rows above it (an ERP report's title) are skipped, every non-empty row below it is a
    /// receivable. Rows are numbered as the file has them (an empty line or a title row counts), so messages and
    /// <see cref="Receivable.Source"/> point at the row a clerk sees in a spreadsheet. Values are trimmed.
    /// </remarks>
    /// <param name="stream">The file's content, in <see cref="ReceivableColumns.Encoding"/> (a byte order mark wins).</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="Receivable.Source"/> and messages.</param>
    /// <param name="columns">The column map; <see cref="ReceivableColumns.Default"/> when null.</param>
    /// <returns>The receivables in file order, each with <see cref="Receivable.Source"/> = <c>"file, row N"</c>.</returns>
    /// <exception cref="InputFormatException">A column is missing or a value cannot be read; the message says where.</exception>
    /// <exception cref="ArgumentException">The column map's formats are not usable (e.g. the same decimal and thousands separator).</exception>
    public static IReadOnlyList<Receivable> Read(Stream stream, string fileName, ReceivableColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var map = columns ?? ReceivableColumns.Default;
        var reader = new ReceivableTableReader(map);
        using var source = new CsvRowSource(stream, fileName, map.Delimiter, TextEncoding(stream, map), unwrapSingleQuotes: false)
        {
            EncodingAdvice = "set Receivables:Encoding, such as gb18030, or save the file as UTF-8",
        };
        return reader.Read(source);
    }

    /// <summary>The encoding a byte order mark names, else the map's (UTF-8 when it names none).</summary>
    private static Encoding TextEncoding(Stream stream, ReceivableColumns map)
    {
        var marked = stream.CanSeek ? TextEncodings.FromByteOrderMark(FileSniffer.Head(stream, 4)) : null;
        return marked is not null ? TextEncodings.Get(marked) : map.Encoding ?? Encoding.UTF8;
    }
}
