using System.Globalization;
using System.Text;

namespace Reconciler.Core.Tests.Synthetic;

/// <summary>
/// Test helpers: the strings a reader of a memo may take for a contract key (runs of letters and digits after NFKC
/// and upper-casing, joined only through separators, never starting or ending inside a run), and edit distance one.
/// Written from the design, independently of the matcher's own scanner.
/// </summary>
internal static class MemoSpans
{
    /// <summary>Every concatenation of consecutive runs joined by separators only, at most <paramref name="maxLength"/> long.</summary>
    public static List<string> Of(string memo, int maxLength = 24)
    {
        var text = memo.Normalize(NormalizationForm.FormKC);
        var runs = new List<(string Text, bool JoinsPrevious)>();
        var run = new StringBuilder();
        var onlySeparators = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (run.Length == 0)
                {
                    run.Append('\0'); // marker: a run starts here
                }

                run.Append(char.ToUpperInvariant(c));
                continue;
            }

            if (run.Length > 0)
            {
                runs.Add((run.ToString(1, run.Length - 1), runs.Count > 0 && onlySeparators));
                run.Clear();
                onlySeparators = IsSeparator(c);
            }
            else
            {
                onlySeparators = onlySeparators && IsSeparator(c);
            }
        }

        if (run.Length > 0)
        {
            runs.Add((run.ToString(1, run.Length - 1), runs.Count > 0 && onlySeparators));
        }

        var spans = new List<string>();
        for (var i = 0; i < runs.Count; i++)
        {
            var span = runs[i].Text;
            spans.Add(span);
            for (var j = i + 1; j < runs.Count && runs[j].JoinsPrevious && span.Length + runs[j].Text.Length <= maxLength; j++)
            {
                span += runs[j].Text;
                spans.Add(span);
            }
        }

        return spans;
    }

    /// <summary>True when one substitution, insertion, deletion or swap of neighbours turns one into the other.</summary>
    /// <remarks>The matcher's own check; <c>TypoIndexTests.IsOneEdit_Pairs_Agree</c> pins its behaviour.</remarks>
    public static bool IsOneEdit(string a, string b) => Reconciler.Matching.TypoIndex.IsOneEdit(a, b);

    /// <summary>Every string one edit (over A–Z and 0–9) from <paramref name="text"/>.</summary>
    public static IEnumerable<string> Neighbours(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var i = 0; i <= text.Length; i++)
        {
            foreach (var c in alphabet)
            {
                yield return text.Insert(i, new string(c, 1));
                if (i < text.Length && c != text[i])
                {
                    yield return string.Concat(text.AsSpan(0, i), new string(c, 1), text.AsSpan(i + 1));
                }
            }

            if (i < text.Length)
            {
                yield return text.Remove(i, 1);
            }

            if (i + 1 < text.Length && text[i] != text[i + 1])
            {
                yield return string.Concat(text.AsSpan(0, i), text.AsSpan(i + 1, 1), text.AsSpan(i, 1), text.AsSpan(i + 2));
            }
        }
    }

    /// <summary>Pairs of keys one edit apart, found through their shared one-deletion variants.</summary>
    public static List<(string, string)> PairsWithinOneEdit(List<string> keys)
    {
        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            Add(key, k);
            for (var i = 0; i < key.Length; i++)
            {
                Add(key.Remove(i, 1), k);
            }
        }

        var pairs = new List<(string, string)>();
        foreach (var bucket in buckets.Values.Where(b => b.Count > 1))
        {
            foreach (var a in bucket)
            {
                foreach (var b in bucket.Where(b => b > a && MemoSpans.IsOneEdit(keys[a], keys[b])))
                {
                    pairs.Add((keys[a], keys[b]));
                }
            }
        }

        return pairs;

        void Add(string variant, int k)
        {
            if (!buckets.TryGetValue(variant, out var list))
            {
                buckets[variant] = list = [];
            }

            if (list.Count == 0 || list[^1] != k)
            {
                list.Add(k);
            }
        }
    }

    private static bool IsSeparator(char c) =>
        c is ' ' or '-' or '_' or '/' or '.' or '\\' or '\t'
        || (c >= 0x80 && (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation));
}
