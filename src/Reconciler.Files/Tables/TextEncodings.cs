using System.Text;
using System.Text.Unicode;

namespace Reconciler.Files;

/// <summary>The text encodings profiles name, and the detection of a file's encoding from its first bytes.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The names a profile may use.</summary>
    public static IReadOnlyList<string> Names { get; } = ["utf-8", "gb18030", "gbk", "windows-1252", "iso-8859-1", "utf-16", "utf-16be"];

    /// <summary>The encoding a profile names; throws naming the choices for any other name.</summary>
    public static Encoding Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => new UTF8Encoding(false),
            "GB18030" or "GBK" or "GB2312" or "CP936" => Encoding.GetEncoding("GB18030"),
            // Files labelled Latin-1 are Windows-1252 in practice (€ is 0x80 there), as browsers treat them too.
            "WINDOWS-1252" or "CP1252" or "ISO-8859-1" or "LATIN-1" or "LATIN1" => Encoding.GetEncoding(1252),
            "UTF-16" or "UTF-16LE" => Encoding.Unicode,
            "UTF-16BE" => Encoding.BigEndianUnicode,
            _ => throw new ArgumentException($"\"{name}\" is not an encoding Reconciler reads (expected one of {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>True when the name is one <see cref="Get"/> accepts.</summary>
    public static bool IsKnown(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            Get(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The encoding a byte order mark at the start of <paramref name="head"/> announces, or null.</summary>
    public static string? FromByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => "utf-8",
        [0xFF, 0xFE, ..] => "utf-16",
        [0xFE, 0xFF, ..] => "utf-16be",
        _ => null,
    };

    /// <summary>
    /// Guesses the encoding of text without a byte order mark: UTF-8 when the bytes are valid UTF-8 (a cut
    /// character at the end of the sample is allowed); UTF-16 when every other byte is zero; GB18030 when the
    /// high bytes pair up as Chinese characters do; Windows-1252 (a superset of Latin-1 for text) otherwise.
    /// </summary>
    /// <param name="sample">The first bytes of the file.</param>
    /// <param name="complete">True when the sample is the whole file (so its last character is not cut).</param>
    public static string Guess(ReadOnlySpan<byte> sample, bool complete = false)
    {
        if (FromByteOrderMark(sample) is { } bom)
        {
            return bom;
        }

        if (sample.Length >= 4 && LooksUtf16(sample, out var bigEndian))
        {
            return bigEndian ? "utf-16be" : "utf-16";
        }

        var cut = complete ? sample.Length : CutCharacter(sample);

        if (Utf8.IsValid(sample[..cut]))
        {
            return "utf-8";
        }

        return LooksGb18030(sample) ? "gb18030" : "windows-1252";
    }

    private static bool LooksUtf16(ReadOnlySpan<byte> s, out bool bigEndian)
    {
        int evenZeros = 0, oddZeros = 0, pairs = Math.Min(s.Length / 2, 512);
        for (var i = 0; i < pairs; i++)
        {
            evenZeros += s[2 * i] == 0 ? 1 : 0;
            oddZeros += s[(2 * i) + 1] == 0 ? 1 : 0;
        }

        bigEndian = evenZeros > oddZeros;
        return Math.Max(evenZeros, oddZeros) > pairs / 3 && Math.Min(evenZeros, oddZeros) < pairs / 20;
    }

    /// <summary>Where a UTF-8 character cut off by the end of the sample starts (or the sample's length).</summary>
    private static int CutCharacter(ReadOnlySpan<byte> s)
    {
        for (var back = 1; back <= 3 && back <= s.Length; back++)
        {
            var b = s[^back];
            if (b < 0x80)
            {
                return s.Length;
            }

            if (b >= 0xC0)
            {
                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return needed > back ? s.Length - back : s.Length;
            }
        }

        return s.Length;
    }

    private static bool LooksGb18030(ReadOnlySpan<byte> s)
    {
        // Chinese text in GBK is made of byte pairs in the GB2312 zone (both bytes 0xA1-0xFE), in runs (words).
        // Latin text in Windows-1252 has lone accented letters between ASCII letters ("Größe": r, F6 DF, e): the
        // pair may fall in the zone, but it stands alone inside a Latin word.
        int runs = 0, inLatinWords = 0, other = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] < 0x80)
            {
                continue;
            }

            var start = i;
            var pairs = 0;
            while (i + 1 < s.Length && s[i] is >= 0xA1 and <= 0xFE && s[i + 1] is >= 0xA1 and <= 0xFE)
            {
                pairs++;
                i += 2;
            }

            if (pairs == 0)
            {
                other++;
                continue;
            }

            runs++;
            var before = start > 0 && char.IsAsciiLetter((char)s[start - 1]);
            var after = i < s.Length && char.IsAsciiLetter((char)s[i]);
            if (pairs == 1 && (before || after))
            {
                inLatinWords++;
            }

            i--;
        }

        return runs > 0 && other * 5 <= runs && inLatinWords * 2 <= runs;
    }
}
