using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Files;

/// <summary>
/// Statement formats that are not tables: SWIFT MT940, ISO 20022 camt XML, BAI2, OFX/QFX and PDF. Banks offer
/// them beside CSV and Excel, and no profile can describe them (they are not rows and columns), so a file in one
/// of them is refused saying what it is and what to do, instead of being searched for a header row that is not there.
/// </summary>
internal static partial class NonTableFormats
{
    private const int SniffBytes = 4096;

    /// <summary>Throws when the stream (left where it was) holds one of these formats.</summary>
    /// <exception cref="InputFormatException">The file is one of these formats; the message names it and says what to do.</exception>
    public static void ThrowIfNotTable(Stream stream, string fileName)
    {
        if (Name(FileSniffer.Head(stream, SniffBytes)) is { } format)
        {
            throw new InputFormatException(
                fileName,
                1,
                null,
                null,
                $"this is {format}, not a table of rows and columns: Reconciler reads statements as CSV, .xlsx or .xls, and a profile cannot describe this format; " +
                "download the same statement from the online banking as CSV or Excel (or convert it to CSV) and give Reconciler that file");
        }
    }

    /// <summary>What the first bytes of a file say it is, when it is one of these formats; null for anything else.</summary>
    public static string? Name(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "a PDF document";
        }

        var text = Decode(head).TrimStart(' ', '\t', '\r', '\n', '\uFEFF', '\0');
        if (text.StartsWith("OFXHEADER:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<OFX>", StringComparison.OrdinalIgnoreCase))
        {
            return "an OFX/QFX file (Open Financial Exchange, as Quicken and Money read)";
        }

        if (text.StartsWith('<'))
        {
            if (CamtMessage().Match(text) is { Success: true } camt)
            {
                return $"an ISO 20022 {camt.Value} XML statement";
            }

            if (text.Contains("<OFX>", StringComparison.OrdinalIgnoreCase))
            {
                return "an OFX/QFX file (Open Financial Exchange, as Quicken and Money read)";
            }

            return text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                ? "an HTML page (some banks save one under an .xls name)"
                : "an XML file";
        }

        if (text.StartsWith("{1:", StringComparison.Ordinal) || SwiftField().IsMatch(text))
        {
            return "a SWIFT MT940/MT942 statement";
        }

        if (BaiFileHeader().IsMatch(text) && BaiRecord().IsMatch(text))
        {
            return "a BAI2 cash-management file";
        }

        return null;
    }

    /// <summary>The head as text: UTF-16 when a byte order mark says so, otherwise Latin-1 (the markers are ASCII in every other encoding).</summary>
    private static string Decode(ReadOnlySpan<byte> head) => TextEncodings.FromByteOrderMark(head) switch
    {
        "utf-16" => Encoding.Unicode.GetString(head[2..]),
        "utf-16be" => Encoding.BigEndianUnicode.GetString(head[2..]),
        _ => Encoding.Latin1.GetString(head),
    };

    /// <summary>The message name in a camt namespace, e.g. <c>camt.053</c>.</summary>
    [GeneratedRegex(@"camt\.05[2-4]", RegexOptions.CultureInvariant)]
    private static partial Regex CamtMessage();

    /// <summary>A SWIFT field tag opening the text, e.g. <c>:20:</c> or <c>:28C:</c>, possibly after a <c>-</c> message separator line.</summary>
    [GeneratedRegex(@"^(-\s*)?:[0-9]{2}[A-Z]?:", RegexOptions.CultureInvariant)]
    private static partial Regex SwiftField();

    /// <summary>
    /// A BAI2 file header: <c>01,</c> sender, receiver, creation date <c>YYMMDD</c> and time, and the <c>/</c> that ends a
    /// BAI2 record on the same line (a headerless CSV of numbered rows can have the rest: <c>01,2026-01-05,Acme,622200,1200,…</c>).
    /// </summary>
    [GeneratedRegex(@"^01,[^,\r\n]*,[^,\r\n]*,[0-9]{6},[0-9]{2,4},[^\r\n]*/", RegexOptions.CultureInvariant)]
    private static partial Regex BaiFileHeader();

    /// <summary>A BAI2 group or account record (<c>02,</c> or <c>03,</c>) after the file header, on its own line or after a <c>/</c>.</summary>
    [GeneratedRegex(@"(^|[\n/])\s*0[23],", RegexOptions.CultureInvariant)]
    private static partial Regex BaiRecord();
}
