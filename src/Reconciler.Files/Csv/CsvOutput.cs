using System.Globalization;
using CsvHelper;

namespace Reconciler.Files;

/// <summary>How this project writes delimited files: UTF-8 without a byte order mark, CRLF, RFC 4180 quoting.</summary>
internal static class CsvOutput
{
    /// <summary>Dates: ISO.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    private const int BufferSize = 1 << 20;

    /// <summary>
    /// A writer over <paramref name="stream"/>, which stays open. Fields are quoted when they contain the
    /// delimiter, a quote or a line break, and when they start or end with whitespace (so readers that trim keep
    /// it). Nothing is changed for spreadsheets: callers protect text with <see cref="SpreadsheetText"/> where
    /// the file is meant for people.
    /// </summary>
    public static CsvWriter Create(Stream stream, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(stream);
        var options = new CsvWriterOptions
        {
            Separator = delimiter,
            Quoting = CsvQuoting.WhenNeededOrWhitespace,
            Injection = CsvInjection.None,
            WriteByteOrderMark = false,
            NewLine = "\r\n",
            FormatProvider = CultureInfo.InvariantCulture,
            BufferSize = BufferSize,
        };
        return CsvWriter.Create(stream, options, leaveOpen: true);
    }
}
