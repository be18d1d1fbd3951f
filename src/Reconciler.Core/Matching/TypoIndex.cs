using System.Numerics;

namespace Reconciler.Matching;

/// <summary>
/// Finds contract keys one edit away (a character substituted, dropped, added, or two neighbours swapped) from a
/// string seen in a memo. It indexes a hash of every key and of every key with one character deleted, so a query
/// costs one look-up for the string and one for each of its own one-deletion variants; hits are verified exactly.
/// </summary>
/// <remarks>
/// <para>The table is open addressing with 32-bit fingerprints and the key id in one 8-byte slot (load at most 2/3),
/// split into a few thousand partitions by the top bits of the hash, each with its own run of slots.</para>
/// <para>A table of ten million entries is far larger than the processor's caches, so inserting the entries one by
/// one in key order costs a cache (and TLB) miss each. The build instead hashes every key twice: once to count the
/// entries of each partition, once to write them, in key order, into their partition's run of slots (a
/// sequential stream per partition); then each partition, small enough to stay in cache, is rearranged into its
/// open-addressing layout. The key ranges and then the partitions are shared out between the cores; the layout
/// does not depend on how many there are or on their timing.</para>
/// </remarks>
internal sealed class TypoIndex
{
    /// <summary>Keys shorter than this are not indexed: one edit away from a short key is almost anything.</summary>
    public const int MinKeyLength = 6;

    private const int MaxLength = 64;
    private const ulong Base = 0x100000001B3UL;

    // Entries per partition aimed at: a partition's slots (about 24 KB) stay in cache while it is laid out.
    private const int EntriesPerPartition = 2048;
    private const int MaxPartitionBits = 16;

    private readonly string[] _keys;
    private readonly ulong[] _slots;   // fingerprint << 32 | key id; 0 = empty
    private readonly int[] _start;     // partition -> its first slot; the next partition's first slot ends it
    private readonly int _shift;
    private readonly ulong _lengths;   // bit n: a key of n characters is indexed (bit 63: 63 or more)

    private TypoIndex(string[] keys, ulong[] slots, int[] start, int shift, ulong lengths)
    {
        _lengths = lengths;
        _keys = keys;
        _slots = slots;
        _start = start;
        _shift = shift;
    }

    /// <summary>Builds the index over distinct keys (the position of a key in the array is its id).</summary>
    public static TypoIndex Build(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var bound = 0L;
        var lengths = 0UL;
        foreach (var key in keys)
        {
            if (key.Length is >= MinKeyLength and <= MaxLength)
            {
                bound += key.Length + 1;
                lengths |= 1UL << Math.Min(key.Length, 63);
            }
        }

        var bits = Math.Min(MaxPartitionBits, BitOperations.Log2((ulong)Math.Max(1, bound / EntriesPerPartition)));
        var partitions = 1 << bits;
        var shift = 63 - bits;
        var chunks = bound < 100_000 ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8);

        // 1. Count the entries of each partition, per chunk of keys.
        var counts = new int[chunks][];
        Parallel.For(0, chunks, c =>
        {
            var sink = new CountingSink(new int[partitions], shift);
            Walk(keys, KeysFrom(keys.Length, chunks, c), KeysFrom(keys.Length, chunks, c + 1), ref sink);
            counts[c] = sink.Counts;
        });

        // 2. Lay the partitions out (a load of at most 2/3 and at least one empty slot each) and give each chunk
        //    its place inside every partition, chunks in key order.
        var start = new int[partitions + 1];
        var sizes = new int[partitions];
        var positions = new int[chunks][];
        for (var c = 0; c < chunks; c++)
        {
            positions[c] = new int[partitions];
        }

        var total = 0L;
        var largest = 0;
        for (var p = 0; p < partitions; p++)
        {
            start[p] = checked((int)total);
            var entries = 0;
            for (var c = 0; c < chunks; c++)
            {
                positions[c][p] = start[p] + entries;
                entries += counts[c][p];
            }

            sizes[p] = entries;
            largest = Math.Max(largest, entries);
            total += entries + (entries / 2) + 1;
        }

        start[partitions] = checked((int)total);
        var slots = new ulong[total];

        // 3. Write every entry, in key order, to the front of its partition's run of slots.
        Parallel.For(0, chunks, c =>
        {
            var sink = new StagingSink(slots, positions[c], shift);
            Walk(keys, KeysFrom(keys.Length, chunks, c), KeysFrom(keys.Length, chunks, c + 1), ref sink);
        });

        // 4. Rearrange each partition into open addressing, in cache.
        Parallel.For(0, chunks, () => new ulong[largest], (c, _, staged) =>
        {
            for (var p = (int)((long)partitions * c / chunks); p < (int)((long)partitions * (c + 1) / chunks); p++)
            {
                var begin = start[p];
                var capacity = start[p + 1] - begin;
                var entries = sizes[p];
                var region = slots.AsSpan(begin, capacity);
                region[..entries].CopyTo(staged);
                region.Clear();
                foreach (var entry in staged.AsSpan(0, entries))
                {
                    var slot = FirstSlot((uint)(entry >> 32), capacity);
                    while (region[slot] != 0)
                    {
                        slot = slot + 1 == capacity ? 0 : slot + 1;
                    }

                    region[slot] = entry;
                }
            }

            return staged;
        }, _ => { });

        return new TypoIndex(keys, slots, start, shift, lengths);
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

        // The text's own hash finds keys one character longer (by their deletion variants); its deletion variants
        // find keys one shorter (whole) or of the same length (by their deletion variants). A probe for lengths no
        // indexed key has can find nothing, and is left out.
        var longer = HasKeysOf(text.Length + 1);
        var shorterOrSame = HasKeysOf(text.Length - 1) || HasKeysOf(text.Length);
        if (!longer && !shorterOrSame)
        {
            return;
        }

        Span<ulong> prefix = stackalloc ulong[text.Length + 1];
        Span<ulong> suffix = stackalloc ulong[text.Length + 1];
        Span<ulong> powers = stackalloc ulong[text.Length + 1];
        Prepare(text, prefix, suffix, powers);

        // Every probe's hash first, then each probe's first slot read (the reads do not wait for one another, so their
        // cache misses overlap: each probe lands somewhere in a table of tens of megabytes), then the probes.
        Span<ulong> hashes = stackalloc ulong[text.Length + 1];
        var count = 0;

        // The text with one character missing from a key: the key's deletion variant equals the text.
        if (longer)
        {
            hashes[count++] = Finish(prefix[text.Length], text.Length);
        }

        // A key with one character missing from the text, or both missing the same position (substitution),
        // or neighbouring positions (swap).
        for (var i = 0; shorterOrSame && i < text.Length; i++)
        {
            if (i > 0 && text[i] == text[i - 1])
            {
                continue; // same variant as deleting i - 1
            }

            hashes[count++] = Finish(DeletionHash(prefix, suffix, powers, text.Length, i), text.Length - 1);
        }

        Span<ulong> firsts = stackalloc ulong[count];
        for (var k = 0; k < count; k++)
        {
            var partition = Partition(hashes[k], _shift);
            var begin = _start[partition];
            firsts[k] = _slots[begin + FirstSlot(Fingerprint(hashes[k]), _start[partition + 1] - begin)];
        }

        for (var k = 0; k < count; k++)
        {
            if (firsts[k] != 0)
            {
                Probe(hashes[k], text, found); // else its first slot is empty: no key has that variant
            }
        }
    }

    private bool HasKeysOf(int length) => length >= 63 || (length >= 0 && (_lengths & (1UL << length)) != 0);

    private void Probe(ulong hash, ReadOnlySpan<char> text, List<int> found)
    {
        var partition = Partition(hash, _shift);
        var begin = _start[partition];
        var capacity = _start[partition + 1] - begin;
        var fingerprint = Fingerprint(hash);
        var region = _slots.AsSpan(begin, capacity);
        for (var slot = FirstSlot(fingerprint, capacity); region[slot] != 0; slot = slot + 1 == capacity ? 0 : slot + 1)
        {
            if ((uint)(region[slot] >> 32) == fingerprint)
            {
                var id = (int)(uint)region[slot];
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

    // The partition: the top bits of the hash (none when there is one partition).
    private static int Partition(ulong hash, int shift) => (int)((hash >> 1) >> shift);

    // 32 bits of the hash below the partition bits, never zero (zero marks an empty slot).
    private static uint Fingerprint(ulong hash) => (uint)(hash >> 16) | 1u;

    private static int FirstSlot(uint fingerprint, int capacity) => (int)(((ulong)fingerprint * (uint)capacity) >> 32);

    private static int KeysFrom(int keys, int chunks, int chunk) => (int)((long)keys * chunk / chunks);

    /// <summary>Hashes every eligible key of ids from..to-1 and each of its one-deletion variants into the sink.</summary>
    private static void Walk<TSink>(string[] keys, int from, int to, ref TSink sink)
        where TSink : struct, ISink
    {
        Span<ulong> prefix = stackalloc ulong[MaxLength + 1];
        Span<ulong> suffix = stackalloc ulong[MaxLength + 1];
        Span<ulong> powers = stackalloc ulong[MaxLength + 1];
        for (var id = from; id < to; id++)
        {
            var key = keys[id].AsSpan();
            if (key.Length is < MinKeyLength or > MaxLength)
            {
                continue;
            }

            Prepare(key, prefix, suffix, powers);
            sink.Add(Finish(prefix[key.Length], key.Length), id);
            for (var i = 0; i < key.Length; i++)
            {
                if (i > 0 && key[i] == key[i - 1])
                {
                    continue; // same variant as deleting i - 1
                }

                sink.Add(Finish(DeletionHash(prefix, suffix, powers, key.Length, i), key.Length - 1), id);
            }
        }
    }

    private interface ISink
    {
        void Add(ulong hash, int id);
    }

    private struct CountingSink(int[] counts, int shift) : ISink
    {
        public readonly int[] Counts => counts;

        public readonly void Add(ulong hash, int id) => counts[Partition(hash, shift)]++;
    }

    private readonly struct StagingSink(ulong[] slots, int[] positions, int shift) : ISink
    {
        public void Add(ulong hash, int id) =>
            slots[positions[Partition(hash, shift)]++] = ((ulong)Fingerprint(hash) << 32) | (uint)id;
    }
}
