using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Reconciler.Files;

/// <summary>
/// The records of a delimited text file, through CsvHelper's span reader: any encoding (transcoded to UTF-8),
/// quoted values with line breaks, whitespace or a tab after a closing quote, padded cells. A quote that is never
/// closed is an error (it would swallow the rest of the file); bytes that are not text in the file's encoding too.
/// </summary>
internal sealed class CsvRowSource : RowSource
{
    private const int BufferSize = 1 << 20;

    private readonly CsvReader _reader;
    private readonly bool _checkUtf8;
    private readonly bool _unwrapSingleQuotes;
    private readonly long _length;
    private bool _unclosedQuote;

    public CsvRowSource(Stream stream, string file, char delimiter, Encoding encoding, bool unwrapSingleQuotes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(encoding);
        File = file;
        _length = stream.CanSeek ? stream.Length - stream.Position : -1;
        var transcode = encoding.CodePage != Encoding.UTF8.CodePage;
        _checkUtf8 = !transcode;
        _unwrapSingleQuotes = unwrapSingleQuotes;
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = true,
            DetectSeparatorHint = false,
            Encoding = transcode ? encoding : null,
            PoolStrings = true,
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

    public override string File { get; }

    /// <summary>What to do about a file that is not text in the encoding read with, for the message.</summary>
    public string EncodingAdvice { get; init; } = "name the encoding in its profile, or let Reconciler detect it";

    public override int Row => (int)_reader.RowNumber;

    public override int Count => _reader.FieldCount;

    public override int? EstimatedRecords
    {
        get
        {
            // The offset is in UTF-8 bytes; a file in another encoding is estimated as if it were UTF-8.
            var offset = _reader.ByteOffset + _reader.RawRecord.Length;
            return _length > 0 && offset > 0 ? (int)Math.Min(int.MaxValue, (double)_length * _reader.RowNumber / offset) : null;
        }
    }

    public override bool Read()
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
            throw new InputFormatException(
                File,
                Row,
                null,
                null,
                "a quoted value starts in this row and is never closed, so the rest of the file would be read as one value (a closing \" is missing)");
        }

        if (_checkUtf8 && !Utf8.IsValid(_reader.RawRecord))
        {
            throw new InputFormatException(
                File,
                Row,
                null,
                null,
                string.Create(CultureInfo.InvariantCulture, $"the row is not valid UTF-8 text (the file may be saved in another encoding, such as GB18030 or Windows-1252: {EncodingAdvice})"));
        }

        return true;
    }

    public override string Text(int index)
    {
        if ((uint)index >= (uint)_reader.FieldCount)
        {
            return "";
        }

        var text = Trim(_reader.GetString(index));
        if (_unwrapSingleQuotes && text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            text = Trim(text[1..^1]);
        }

        return text;
    }

    public override ReadOnlySpan<char> Chars(int index, Span<char> buffer)
    {
        if ((uint)index >= (uint)_reader.FieldCount)
        {
            return [];
        }

        // The record is valid UTF-8 (checked, or transcoded to it): a cell that fits is decoded without a string.
        var bytes = _reader.GetSpan(index);
        return !_unwrapSingleQuotes && bytes.Length <= buffer.Length && Utf8.ToUtf16(bytes, buffer, out _, out var written) == OperationStatus.Done
            ? Trim(buffer[..written])
            : Text(index);
    }

    /// <summary>
    /// True when every cell is empty. A record whose first cell starts with a byte that no trimming removes (any
    /// ASCII character but a space, tab, CR, LF or, when single quotes are unwrapped, a quote) is not: most rows are
    /// told so without decoding a cell.
    /// </summary>
    public override bool IsEmpty()
    {
        if (_reader.FieldCount > 0)
        {
            var first = _reader.GetSpan(0);
            if (!first.IsEmpty && first[0] < 0x80 && first[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\''))
            {
                return false;
            }
        }

        return base.IsEmpty();
    }

    public override string RecordText() => Encoding.UTF8.GetString(_reader.RawRecord).TrimEnd('\r', '\n');

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }
}
