using Reconciler.Matching;

namespace Reconciler.Synthetic;

/// <summary>
/// Writes a contract number with one typo in its serial: a digit changed (or read as a letter, <c>0</c> as
/// <c>O</c>), dropped, doubled in, or two neighbours swapped. The result is never an issued key and never one edit
/// from an issued key other than the real one, so the right answer stays unambiguous.
/// </summary>
internal static class Typos
{
    private const string LookAlikeDigits = "012568";
    private const string LookAlikeLetters = "OIZSGB";

    /// <summary>A typo of <paramref name="contractNo"/> (as written) one edit from <paramref name="key"/> and from no other issued key.</summary>
    public static string Make(string contractNo, string key, ContractNumbers numbers, Random random)
    {
        var start = contractNo.LastIndexOfAny(['-', '/']) + 1; // the serial group, check digit included
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var kind = random.Next(5);
            var typo = kind switch
            {
                0 => Substitute(contractNo, start, random),
                1 => Delete(contractNo, start, random),
                2 => Insert(contractNo, start, random),
                3 => Swap(contractNo, start, random),
                _ => LookAlike(contractNo, start, random),
            };

            // A letter among the digits can be no issued key, nor one edit from one but the real key: turning it
            // back into a digit at the same place gives the real key or a key one substitution from it.
            if (typo is not null && (kind == 4 || IsUnambiguous(typo, key, numbers)))
            {
                return typo;
            }
        }

        return LookAlike(contractNo, start, random);
    }

    /// <summary>
    /// True when the normalised <paramref name="typo"/> is not issued and no issued key other than
    /// <paramref name="realKey"/> is one edit from it. Only digit edits after the prefix need trying: an issued key
    /// has its format's prefix and only digits after it, and no edit of a prefix gives another prefix.
    /// </summary>
    public static bool IsUnambiguous(string typo, string realKey, ContractNumbers numbers)
    {
        var text = ContractKey.Normalize(typo).AsSpan();
        if (numbers.IsIssued(text))
        {
            return false;
        }

        var prefix = ContractNumbers.PrefixLength(text);
        if (prefix < 0)
        {
            return true;
        }

        Span<char> buffer = stackalloc char[text.Length + 1];
        for (var i = prefix; i < text.Length; i++)
        {
            // Substitutions.
            text.CopyTo(buffer);
            for (var d = '0'; d <= '9'; d++)
            {
                buffer[i] = d;
                if (d != text[i] && IsOtherKey(buffer[..text.Length], realKey, numbers))
                {
                    return false;
                }
            }

            // Swaps with the next character.
            if (i + 1 < text.Length && text[i] != text[i + 1])
            {
                text.CopyTo(buffer);
                (buffer[i], buffer[i + 1]) = (buffer[i + 1], buffer[i]);
                if (IsOtherKey(buffer[..text.Length], realKey, numbers))
                {
                    return false;
                }
            }

            // Deletions.
            text[..i].CopyTo(buffer);
            text[(i + 1)..].CopyTo(buffer[i..]);
            if (IsOtherKey(buffer[..(text.Length - 1)], realKey, numbers))
            {
                return false;
            }
        }

        // Insertions, after the prefix up to the end.
        for (var i = prefix; i <= text.Length; i++)
        {
            text[..i].CopyTo(buffer);
            text[i..].CopyTo(buffer[(i + 1)..]);
            for (var d = '0'; d <= '9'; d++)
            {
                buffer[i] = d;
                if (IsOtherKey(buffer, realKey, numbers))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsOtherKey(ReadOnlySpan<char> candidate, string realKey, ContractNumbers numbers) =>
        !candidate.SequenceEqual(realKey) && numbers.IsIssued(candidate);

    private static string Substitute(string contractNo, int start, Random random)
    {
        var at = start + random.Next(contractNo.Length - start);
        var digit = (char)('0' + ((contractNo[at] - '0' + 1 + random.Next(9)) % 10));
        return Replace(contractNo, at, digit);
    }

    private static string LookAlike(string contractNo, int start, Random random)
    {
        var count = contractNo.Length - start;
        var first = random.Next(count);
        for (var i = 0; i < count; i++)
        {
            var at = start + ((first + i) % count);
            var which = LookAlikeDigits.IndexOf(contractNo[at], StringComparison.Ordinal);
            if (which >= 0)
            {
                return Replace(contractNo, at, LookAlikeLetters[which]);
            }
        }

        return Replace(contractNo, start + first, 'O');
    }

    private static string Delete(string contractNo, int start, Random random) =>
        contractNo.Remove(start + random.Next(contractNo.Length - start), 1);

    private static string Insert(string contractNo, int start, Random random)
    {
        var at = start + random.Next(contractNo.Length - start + 1);
        ReadOnlySpan<char> digit = [(char)('0' + random.Next(10))];
        return string.Concat(contractNo.AsSpan(0, at), digit, contractNo.AsSpan(at));
    }

    private static string? Swap(string contractNo, int start, Random random)
    {
        var count = contractNo.Length - start - 1;
        var first = random.Next(count);
        for (var i = 0; i < count; i++)
        {
            var at = start + ((first + i) % count);
            if (contractNo[at] != contractNo[at + 1])
            {
                return string.Create(contractNo.Length, (contractNo, at), static (span, state) =>
                {
                    state.contractNo.CopyTo(span);
                    (span[state.at], span[state.at + 1]) = (span[state.at + 1], span[state.at]);
                });
            }
        }

        return null;
    }

    private static string Replace(string contractNo, int at, char c) =>
        string.Create(contractNo.Length, (contractNo, at, c), static (span, state) =>
        {
            state.contractNo.CopyTo(span);
            span[state.at] = state.c;
        });
}
