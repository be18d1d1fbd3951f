using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Reconciler.Files;

/// <summary>
/// Rows of a delimited file formatted straight into UTF-8 bytes, with the rules of <see cref="CsvOutput"/> (the
/// bytes CsvHelper's writer makes with those options): fields separated by <c>,</c>, quoted when they contain the
/// delimiter, a quote, CR or LF or start or end with a space or a tab, quotes doubled inside quotes, invalid
/// UTF-16 written as U+FFFD, rows ended by CRLF. For the results file, a million rows written on every core:
/// no writer object, no intermediate strings, one buffer reused from block to block.
/// </summary>
internal sealed class CsvRowBuffer
{
    private const byte Delimiter = (byte)',';
    private const byte Quote = (byte)'"';

    // What makes a field need quotes anywhere in it; spaces and tabs only at its ends.
    private static readonly SearchValues<char> QuoteAnywhere = SearchValues.Create(",\"\r\n");

    private byte[] _bytes;
    private int _length;
    private bool _rowStarted;

    public CsvRowBuffer(int capacity = 1 << 16)
    {
        _bytes = new byte[capacity];
    }

    /// <summary>The bytes formatted since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    /// <summary>Forgets what was formatted; the buffer is kept.</summary>
    public void Clear()
    {
        _length = 0;
        _rowStarted = false;
    }

    /// <summary>Makes room for at least <paramref name="characters"/> more characters of text (up to 3 bytes each in UTF-8).</summary>
    public void Reserve(int characters) => Ensure(characters * 3);

    /// <summary>Writes what was formatted to <paramref name="stream"/> and clears the buffer.</summary>
    public void WriteTo(Stream stream)
    {
        stream.Write(_bytes, 0, _length);
        Clear();
    }

    /// <summary>A text field as it is.</summary>
    public void Text(ReadOnlySpan<char> text) => Field(text, protect: false);

    /// <summary>
    /// A text field meant for people: with a leading <c>'</c> when a spreadsheet could read it as a formula, as
    /// <see cref="SpreadsheetText.Protect"/> gives it.
    /// </summary>
    public void ProtectedText(ReadOnlySpan<char> text) => Field(text, protect: SpreadsheetText.IsFormulaLike(text));

    /// <summary>An amount, as <see cref="InvariantFormat.Money(decimal, Span{char})"/> formats it.</summary>
    public void Money(decimal value)
    {
        Span<char> chars = stackalloc char[InvariantFormat.MaxMoneyChars];
        Text(chars[..InvariantFormat.Money(value, chars)]);
    }

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public void IsoDate(DateOnly value)
    {
        Span<char> chars = stackalloc char[10];
        Text(chars[..InvariantFormat.IsoDate(value, chars)]);
    }

    /// <summary>A whole number.</summary>
    public void Integer(int value)
    {
        Span<char> chars = stackalloc char[11];
        value.TryFormat(chars, out var written, default, CultureInfo.InvariantCulture);
        Text(chars[..written]);
    }

    /// <summary>A fraction with two decimals (confidence).</summary>
    public void Fixed2(double value)
    {
        Span<char> chars = stackalloc char[32];
        if (value.TryFormat(chars, out var written, "F2", CultureInfo.InvariantCulture))
        {
            Text(chars[..written]);
        }
        else
        {
            Text(value.ToString("F2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Ends the row with CRLF.</summary>
    public void EndRow()
    {
        Ensure(2);
        _bytes[_length++] = (byte)'\r';
        _bytes[_length++] = (byte)'\n';
        _rowStarted = false;
    }

    private void Field(ReadOnlySpan<char> text, bool protect)
    {
        // A field's UTF-8 is at most 3 bytes a UTF-16 char; quoted, every char may be a doubled quote.
        Ensure(1 + 1 + 1 + (text.Length * 3) + 2);
        if (_rowStarted)
        {
            _bytes[_length++] = Delimiter;
        }

        _rowStarted = true;
        if (text.IsEmpty)
        {
            return;
        }

        var quoted = text.ContainsAny(QuoteAnywhere)
            || (!protect && text[0] is ' ' or '\t')
            || text[^1] is ' ' or '\t';
        if (!quoted)
        {
            if (protect)
            {
                _bytes[_length++] = (byte)'\'';
            }

            Encode(text);
            return;
        }

        _bytes[_length++] = Quote;
        if (protect)
        {
            _bytes[_length++] = (byte)'\'';
        }

        var rest = text;
        int at;
        while ((at = rest.IndexOf('"')) >= 0)
        {
            Encode(rest[..(at + 1)]);
            _bytes[_length++] = Quote;
            rest = rest[(at + 1)..];
        }

        Encode(rest);
        _bytes[_length++] = Quote;
    }

    private void Encode(ReadOnlySpan<char> text)
    {
        Utf8.FromUtf16(text, _bytes.AsSpan(_length), out _, out var written, replaceInvalidSequences: true);
        _length += written;
    }

    private void Ensure(int more)
    {
        if (_bytes.Length - _length < more)
        {
            Array.Resize(ref _bytes, Math.Max(_length + more, _bytes.Length * 2));
        }
    }
}
