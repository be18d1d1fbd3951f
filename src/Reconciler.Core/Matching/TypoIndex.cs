using System.Numerics;

namespace Reconciler.Matching;

/// <summary>
/// Finds contract keys one edit away (a character substituted, dropped, added, or two neighbours swapped) from a
/// string seen in a memo. It indexes a hash of every key and of every key with one character deleted, so a query
/// costs one look-up for the string and one for each of its own one-deletion variants; hits are verified exactly.
/// </summary>
/// <remarks>
/// The table is open addressing with 32-bit fingerprints (about 8 bytes a slot, load at most 2/3). It is built in
/// two halves, split on one hash bit, on two threads: the build is bound by cache misses, not arithmetic.
/// </remarks>
internal sealed class TypoIndex
{
    /// <summary>Keys shorter than this are not indexed: one edit away from a short key is almost anything.</summary>
    public const int MinKeyLength = 6;

    private const ulong Base = 0x100000001B3UL;

    private readonly string[] _keys;
    private readonly Half[] _halves;

    private TypoIndex(string[] keys, Half[] halves)
    {
        _keys = keys;
        _halves = halves;
    }

    /// <summary>Builds the index over distinct keys (the position of a key in the array is its id).</summary>
    public static TypoIndex Build(string[] keys)
    {
        var halves = new Half[2];
        Parallel.For(0, 2, half => halves[half] = Half.Build(keys, half));
        return new TypoIndex(keys, halves);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the id of every key at edit distance exactly one from
    /// <paramref name="text"/> (adjacent swaps count as one edit). Ids may repeat; callers de-duplicate.
    /// </summary>
    public void Find(ReadOnlySpan<char> text, List<int> found)
    {
        if (text.Length < 2 || text.Length > 64)
        {
            return;
        }

        Span<ulong> prefix = stackalloc ulong[text.Length + 1];
        Span<ulong> suffix = stackalloc ulong[text.Length + 1];
        Span<ulong> powers = stackalloc ulong[text.Length + 1];
        Prepare(text, prefix, suffix, powers);

        // The text with one character missing from a key: the key's deletion variant equals the text.
        Probe(Finish(prefix[text.Length], text.Length), text, found);

        // A key with one character missing from the text, or both missing the same position (substitution),
        // or neighbouring positions (swap).
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && text[i] == text[i - 1])
            {
                continue; // same variant as deleting i - 1
            }

            Probe(Finish(DeletionHash(prefix, suffix, powers, text.Length, i), text.Length - 1), text, found);
        }
    }

    private void Probe(ulong hash, ReadOnlySpan<char> text, List<int> found)
    {
        var half = _halves[(int)(hash >> 63)];
        var mask = half.Slots.Length - 1;
        var fingerprint = Fingerprint(hash);
        for (var slot = (int)hash & mask; half.Slots[slot] != 0; slot = (slot + 1) & mask)
        {
            if (half.Slots[slot] == fingerprint)
            {
                var id = half.Ids[slot];
                if (IsOneEdit(text, _keys[id]))
                {
                    found.Add(id);
                }
            }
        }
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are exactly one edit apart.</summary>
    public static bool IsOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        if (start == a.Length && start == b.Length)
        {
            return false; // equal
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var restA = endA - start;
        var restB = endB - start;
        return (restA <= 1 && restB <= 1)
            || (restA == 2 && restB == 2 && a[start] == b[start + 1] && a[start + 1] == b[start]);
    }

    private static void Prepare(ReadOnlySpan<char> text, Span<ulong> prefix, Span<ulong> suffix, Span<ulong> powers)
    {
        powers[0] = 1;
        prefix[0] = 0;
        for (var i = 0; i < text.Length; i++)
        {
            powers[i + 1] = powers[i] * Base;
            prefix[i + 1] = (prefix[i] * Base) + text[i];
        }

        suffix[text.Length] = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            suffix[i] = (text[i] * powers[text.Length - 1 - i]) + suffix[i + 1];
        }
    }

    // Hash of text without position i: prefix(0..i) shifted left by the suffix length, plus suffix(i+1..).
    private static ulong DeletionHash(ReadOnlySpan<ulong> prefix, ReadOnlySpan<ulong> suffix, ReadOnlySpan<ulong> powers, int length, int i) =>
        (prefix[i] * powers[length - 1 - i]) + suffix[i + 1];

    private static ulong Finish(ulong hash, int length)
    {
        hash ^= (ulong)length * 0x9E3779B97F4A7C15UL;
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        hash ^= hash >> 33;
        return hash;
    }

    private static uint Fingerprint(ulong hash) => (uint)(hash >> 32) | 1u;

    private sealed class Half
    {
        public required uint[] Slots { get; init; }

        public required int[] Ids { get; init; }

        public static Half Build(string[] keys, int which)
        {
            // First count this half's entries, then size its table for a load of at most 2/3 (and always at
            // least one empty slot, which ends every probe).
            var slots = new uint[1];
            var ids = Array.Empty<int>();
            var mask = 0;
            var count = 0;
            var counting = true;
            Walk();
            var capacity = (int)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(16, (count * 3L / 2) + 1));
            slots = new uint[capacity];
            ids = new int[capacity];
            mask = capacity - 1;
            counting = false;
            Walk();
            return new Half { Slots = slots, Ids = ids };

            void Walk()
            {
                Span<ulong> prefix = stackalloc ulong[65];
                Span<ulong> suffix = stackalloc ulong[65];
                Span<ulong> powers = stackalloc ulong[65];
                for (var id = 0; id < keys.Length; id++)
                {
                    var key = keys[id].AsSpan();
                    if (key.Length < MinKeyLength || key.Length > 64)
                    {
                        continue;
                    }

                    Prepare(key, prefix, suffix, powers);
                    Insert(Finish(prefix[key.Length], key.Length), id);
                    for (var i = 0; i < key.Length; i++)
                    {
                        if (i > 0 && key[i] == key[i - 1])
                        {
                            continue;
                        }

                        Insert(Finish(DeletionHash(prefix, suffix, powers, key.Length, i), key.Length - 1), id);
                    }
                }
            }

            void Insert(ulong hash, int id)
            {
                if ((int)(hash >> 63) != which)
                {
                    return;
                }

                if (counting)
                {
                    count++;
                    return;
                }

                var slot = (int)hash & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = Fingerprint(hash);
                ids[slot] = id;
            }
        }
    }
}
