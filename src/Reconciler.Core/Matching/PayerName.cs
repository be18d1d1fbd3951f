using System.Text;

namespace Reconciler.Matching;

/// <summary>
/// Normalises payer and customer names so that the bank's spelling and the ERP's compare equal:
/// NFKC, upper case, punctuation folded to single spaces, and legal-form suffixes dropped
/// (<c>Ltd</c>, <c>GmbH</c>, <c>有限公司</c>…).
/// </summary>
public static class PayerName
{
    // Longest first, so that "股份有限公司" goes before "有限公司" and "公司".
    private static readonly string[] CjkSuffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"];

    private static readonly HashSet<string> LatinSuffixes = new(StringComparer.Ordinal)
    {
        "LTD", "LIMITED", "CO", "COMPANY", "INC", "INCORPORATED", "CORP", "CORPORATION", "LLC", "LLP", "PLC",
        "GMBH", "AG", "KG", "UG", "BV", "NV", "SRL", "SPA", "SA", "SL", "SAS", "SARL", "OY", "AB", "AS", "PTE",
        "PTY", "KK", "HK",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LatinSuffixLookup =
        LatinSuffixes.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The normalised form of a name; empty when it holds no letter or digit.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var text = Text.FoldWidth(name);
        Span<char> buffer = text.Length <= 128 ? stackalloc char[BufferLength(text)] : new char[BufferLength(text)];
        var length = Normalize(text, buffer, folded: true);
        return length == text.Length && buffer[..length].SequenceEqual(text) ? text : new string(buffer[..length]);
    }

    /// <summary>
    /// The normalised form of a name written into <paramref name="buffer"/> (grown when too small), for look-ups
    /// that need no string; empty when it holds no letter or digit.
    /// </summary>
    internal static ReadOnlySpan<char> Normalize(string? name, ref char[] buffer)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        // As on Text.FoldWidth(name), without making a string for a name with full-width forms: they are folded as they
        // are read. A name with any other character that NFKC may change is normalised first.
        if (buffer.Length < BufferLength(name))
        {
            buffer = new char[Math.Max(BufferLength(name), buffer.Length * 2)];
        }

        var length = Normalize(name, buffer, folded: false);
        if (length < 0)
        {
            var text = name.Normalize(NormalizationForm.FormKC);
            if (buffer.Length < BufferLength(text))
            {
                buffer = new char[Math.Max(BufferLength(text), buffer.Length * 2)];
            }

            length = Normalize(text, buffer, folded: true);
        }

        return buffer.AsSpan(0, length);
    }

    // "&" becomes " AND " (up to 4 characters more than it takes): 4 characters per input character always fit.
    private static int BufferLength(string text) => (text.Length * 4) + 8;

    // Writes the normalised form of text to buffer (at least BufferLength long); returns its length. Text not `folded`
    // (Text.FoldWidth) has its full-width forms folded here, and -1 is returned when it needs NFKC instead.
    private static int Normalize(string text, Span<char> buffer, bool folded)
    {
        // One pass: upper-cased letters and digits, words separated by one space ("&" is the word AND).
        // "&" becomes " AND " (up to 4 characters more than it takes): 4 characters per input character always fit.
        Span<int> starts = stackalloc int[64];
        var length = 0;
        var words = 0;
        var inWord = false;
        foreach (var character in text)
        {
            var c = character;
            if (!folded && !Text.TryFoldAsRead(ref c))
            {
                return -1;
            }

            char upper;
            if (char.IsAsciiLetterOrDigit(c))
            {
                upper = char.IsAsciiLetterLower(c) ? (char)(c - 32) : c;
            }
            else if (char.IsLetterOrDigit(c))
            {
                // Only lower-case letters need ICU; CJK ideographs, the bulk of non-ASCII names, have no case.
                upper = char.IsLower(c) ? char.ToUpperInvariant(c) : c;
            }
            else
            {
                if (c is '\'' or '’')
                {
                    continue; // O'Brien is one word
                }

                inWord = false;
                if (c == '&')
                {
                    StartWord(buffer, starts, ref length, ref words);
                    "AND".AsSpan().CopyTo(buffer[length..]);
                    length += 3;
                }

                continue;
            }

            if (!inWord)
            {
                StartWord(buffer, starts, ref length, ref words);
                inWord = true;
            }

            buffer[length++] = upper;
        }

        // Drop legal-form words at the end ("ACME TRADING CO LTD" -> "ACME TRADING"), keeping at least one word.
        while (words > 1 && words <= starts.Length && LatinSuffixLookup.Contains(buffer[starts[words - 1]..length]))
        {
            length = starts[words - 1] - 1; // and the space before it
            words--;
        }

        if (words > 0 && words <= starts.Length)
        {
            var last = starts[words - 1];
            length = last + StripCjkSuffix(buffer[last..length]);
            if (length == last)
            {
                length = Math.Max(0, last - 1);
            }
        }

        return length;
    }

    private static void StartWord(Span<char> buffer, Span<int> starts, ref int length, ref int words)
    {
        if (words > 0)
        {
            buffer[length++] = ' ';
        }

        if (words < starts.Length)
        {
            starts[words] = length;
        }

        words++;
    }

    // The length of the word once CJK legal-form suffixes are removed (repeatedly: "集团有限公司").
    private static int StripCjkSuffix(ReadOnlySpan<char> word)
    {
        foreach (var suffix in CjkSuffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return StripCjkSuffix(word[..^suffix.Length]);
            }
        }

        return word.Length;
    }
}
