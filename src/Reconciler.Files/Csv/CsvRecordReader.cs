using System.Text;

namespace Reconciler.Files;

/// <summary>
/// The records of a delimited file with one header row, on <see cref="CsvRowSource"/>: empty rows skipped, every
/// row as wide as the header, every problem an <see cref="InputFormatException"/> naming the file, the row (as a
/// spreadsheet counts them) and the column. For files Reconciler writes itself, such as ground truth; receivables
/// are read by <see cref="ReceivableTableReader"/>, statements by their profiles.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly CsvRowSource _source;
    private CsvHeader? _header;

    /// <param name="stream">The file, read from its current position and left open.</param>
    /// <param name="file">The file name for messages.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="encoding">The encoding; null for UTF-8.</param>
    public CsvRecordReader(Stream stream, string file, char delimiter, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        _source = new CsvRowSource(stream, file, delimiter, encoding ?? Encoding.UTF8, unwrapSingleQuotes: false);
    }

    /// <summary>The file name for messages.</summary>
    public string File => _source.File;

    /// <summary>The spreadsheet row of the current record (header = row 1).</summary>
    public int Row => _source.Row;

    /// <summary>Reads the header: the first record that is not empty.</summary>
    /// <param name="expected">The columns the layout wants, for the message about an empty file.</param>
    public CsvHeader ReadHeader(IEnumerable<string> expected)
    {
        if (!ReadNonEmpty())
        {
            throw new InputFormatException(File, 1, null, null, $"the file is empty (expected a header row with the columns {string.Join(", ", expected)})");
        }

        var names = new string[_source.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _source.Text(i);
        }

        _header = new CsvHeader(File, Row, names);
        return _header;
    }

    /// <summary>Moves to the next data record that is not empty, checking its width against the header.</summary>
    public bool Read()
    {
        var header = _header ?? throw new InvalidOperationException("Read the header first.");
        if (!ReadNonEmpty())
        {
            return false;
        }

        header.CheckWidth(_source);
        return true;
    }

    /// <summary>A text field, trimmed; empty when the column is absent (<paramref name="index"/> -1).</summary>
    public string Text(int index) => index < 0 ? "" : _source.Text(index);

    /// <summary>A text field that must not be empty.</summary>
    public string RequiredText(int index, string column, string what)
    {
        var text = Text(index);
        return text.Length > 0 ? text : throw Error(column, "", $"the value is empty (expected {what})");
    }

    /// <summary>An error at the current row.</summary>
    public InputFormatException Error(string? column, string? value, string problem) => new(File, Row, column, value, problem);

    public void Dispose() => _source.Dispose();

    private bool ReadNonEmpty()
    {
        while (_source.Read())
        {
            if (!_source.IsEmpty())
            {
                return true;
            }
        }

        return false;
    }
}
