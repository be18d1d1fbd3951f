using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Reconciler.Files;

/// <summary>
/// Reads the records of a delimited file with CsvHelper's span-based reader and turns every problem into an
/// <see cref="InputFormatException"/> that names the file, the spreadsheet row and the column.
/// </summary>
/// <remarks>
/// Rows are counted as a spreadsheet shows them: the header is row 1, every record (an empty line too) is one
/// row, and a quoted value with line breaks inside stays one row. Empty lines are skipped. Values are trimmed
/// outside quotes. A quote that is never closed is an error (it would swallow the rest of the file); other
/// stray quotes are kept as text.
/// </remarks>
internal sealed class CsvRecordReader : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly CsvReader _reader;
    private readonly bool _checkUtf8;
    private bool _unclosedQuote;
    private int _fieldCount = -1;

    public CsvRecordReader(Stream stream, string file, char delimiter, Encoding? encoding, bool poolStrings)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        File = file;
        var transcode = encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage;
        _checkUtf8 = !transcode;
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = true,
            DetectSeparatorHint = false,
            Encoding = transcode ? encoding : null,
            PoolStrings = poolStrings,
            BufferSize = BufferSize,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    _unclosedQuote = true;
                }
            },
        };
        _reader = CsvReader.Create(stream, options, leaveOpen: true);
    }

    /// <summary>The file name for messages.</summary>
    public string File { get; }

    /// <summary>The spreadsheet row of the current record (header = row 1).</summary>
    public int Row => (int)_reader.RowNumber;

    /// <summary>Reads the header: the first record that is not empty.</summary>
    /// <param name="expected">The columns the layout wants, for the message about an empty file.</param>
    public CsvHeader ReadHeader(IEnumerable<string> expected)
    {
        if (!TryReadHeader(out var header))
        {
            throw new InputFormatException(
                File,
                1,
                null,
                null,
                $"the file is empty (expected a header row with the columns {string.Join(", ", expected)})");
        }

        return header;
    }

    /// <summary>
    /// Reads the next record that is not empty as a header row (a caller looking for its header below title rows
    /// calls this until the names fit); false at the end of the file. Data rows read afterwards must have as many
    /// values as the last header read.
    /// </summary>
    public bool TryReadHeader([NotNullWhen(true)] out CsvHeader? header)
    {
        if (!ReadNonEmpty())
        {
            header = null;
            return false;
        }

        var names = new string[_reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _reader.GetString(i);
        }

        _fieldCount = names.Length;
        header = new CsvHeader(File, Row, names);
        return true;
    }

    /// <summary>Moves to the next data record that is not empty, checking its shape.</summary>
    public bool Read()
    {
        if (!ReadNonEmpty())
        {
            return false;
        }

        if (_reader.FieldCount != _fieldCount)
        {
            throw Error(
                null,
                Encoding.UTF8.GetString(_reader.RawRecord),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the row has {_reader.FieldCount} values but the header has {_fieldCount} columns (a value that contains the delimiter must be in quotes)"));
        }

        return true;
    }

    /// <summary>A text field, trimmed; empty when the column is absent (<paramref name="index"/> -1).</summary>
    public string Text(int index) => index < 0 ? "" : _reader.GetString(index);

    /// <summary>A text field that must not be empty.</summary>
    public string RequiredText(int index, string column, string what)
    {
        var text = _reader.GetString(index);
        return text.Length > 0 ? text : throw Error(column, "", $"the value is empty (expected {what})");
    }

    /// <summary>An amount in the given format; must not be empty.</summary>
    public decimal Amount(int index, string column, AmountFormat format)
    {
        var span = _reader.GetSpan(index);
        if (format.TryParse(span, out var value))
        {
            return value;
        }

        throw span.Trim(" \t"u8).IsEmpty
            ? Error(column, "", $"the value is empty (expected an amount such as {format.Example})")
            : Error(column, _reader.GetString(index), $"{InputFormatException.Quote(_reader.GetString(index))} is not an amount (expected a number such as {format.Example})");
    }

    /// <summary>A date in one of the given formats; must not be empty.</summary>
    public DateOnly Date(int index, string column, DateFormat format)
    {
        var span = _reader.GetSpan(index);
        if (format.TryParse(span, out var value))
        {
            return value;
        }

        throw span.Trim(" \t"u8).IsEmpty
            ? Error(column, "", $"the value is empty (expected a date such as {format.Example})")
            : Error(column, _reader.GetString(index), $"{InputFormatException.Quote(_reader.GetString(index))} is not a date (expected {format.Description}, such as {format.Example})");
    }

    /// <summary>A currency code, upper-cased; the cache's default when empty or when the column is absent.</summary>
    public string Currency(int index, string column, CurrencyCache currencies)
    {
        if (index < 0)
        {
            return currencies.Default;
        }

        return currencies.TryGet(_reader.GetSpan(index), out var code)
            ? code
            : throw Error(column, _reader.GetString(index), $"{InputFormatException.Quote(_reader.GetString(index))} is not a currency code (expected three letters such as {currencies.Default})");
    }

    /// <summary>An error at the current row.</summary>
    public InputFormatException Error(string? column, string? value, string problem) => new(File, Row, column, value, problem);

    public void Dispose() => _reader.Dispose();

    private bool ReadNonEmpty()
    {
        while (true)
        {
            try
            {
                if (!_reader.Read())
                {
                    return false;
                }
            }
            catch (CsvFormatException ex)
            {
                throw new InputFormatException(File, (int)ex.RecordNumber, null, null, ex.Message, ex);
            }

            if (_unclosedQuote)
            {
                throw Error(
                    null,
                    null,
                    "a quoted value starts in this row and is never closed, so the rest of the file would be read as one value (a closing \" is missing)");
            }

            if (_checkUtf8 && !Utf8.IsValid(_reader.RawRecord))
            {
                throw Error(
                    null,
                    null,
                    "the row is not valid UTF-8 text (the file may be saved in another encoding, such as GB18030: save it as UTF-8, or set the encoding in its layout)");
            }

            if (!IsEmptyRecord())
            {
                return true;
            }
        }
    }

    private bool IsEmptyRecord()
    {
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            if (!_reader.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }
}
