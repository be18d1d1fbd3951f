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

    /// <summary>The normalised form of a name; empty when it holds no letter or digit.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var text = Text.FoldWidth(name);
        var words = new List<string>(8);
        var word = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.IsAsciiLetterLower(c) ? (char)(c - 32) : c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                // Only lower-case letters need ICU; CJK ideographs, the bulk of non-ASCII names, have no case.
                word.Append(char.IsLower(c) ? char.ToUpperInvariant(c) : c);
            }
            else if (c is '&')
            {
                Flush(word, words);
                words.Add("AND");
            }
            else if (c is not '\'' and not '’')
            {
                Flush(word, words);
            }
        }

        Flush(word, words);

        // Drop legal-form words at the end ("ACME TRADING CO LTD" -> "ACME TRADING"), keeping at least one word.
        while (words.Count > 1 && LatinSuffixes.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 0)
        {
            words[^1] = StripCjkSuffix(words[^1]);
            if (words[^1].Length == 0)
            {
                words.RemoveAt(words.Count - 1);
            }
        }

        return string.Join(' ', words);
    }

    private static string StripCjkSuffix(string word)
    {
        foreach (var suffix in CjkSuffixes)
        {
            if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return StripCjkSuffix(word[..^suffix.Length]);
            }
        }

        return word;
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
