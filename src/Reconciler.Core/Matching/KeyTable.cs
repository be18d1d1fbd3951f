using System.Numerics;
using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// Contract key to the first receivable with that key, for the memo search: one array of 64-bit slots (open
/// addressing, linear probing), hashed with <see cref="KeyFilter"/>'s hash, which the search has already worked out
/// for the filter. A slot holds the receivable, a flag for a key that several receivables share, and 31 bits of the
/// key's hash, so that a probe reads the slot and, only when those bits agree, the receivable's key to compare.
/// </summary>
/// <remarks>
/// The dictionary it replaced hashed the text again and read a bucket, an entry, the key string, the key's first
/// receivable and that receivable's next-with-the-same-key link; this table reads a slot, the receivable (which the
/// decision reads anyway) and the key string. Measured at 1M, the match stage gained about 8%: what is left is
/// mostly the slot's and the receivable's cache misses (benchmarks/RESULTS.md, sixth session).
/// </remarks>
internal sealed class KeyTable
{
    private const ulong SharedFlag = 1UL << 32;

    private readonly ulong[] _slots; // 0: empty; else (fingerprint << 33) | shared << 32 | (receivable + 1)
    private readonly int _shift;
    private readonly int _mask;
    private readonly Receivable[] _receivables;

    /// <summary>An empty table with room for <paramref name="capacity"/> keys of <paramref name="receivables"/>.</summary>
    public KeyTable(Receivable[] receivables, int capacity)
    {
        _receivables = receivables;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity + (capacity / 2)));
        _slots = new ulong[size];
        _mask = size - 1;
        _shift = 64 - BitOperations.Log2((uint)size);
    }

    /// <summary>
    /// Adds the key of receivable <paramref name="receivable"/> (whose hash state is <paramref name="hashState"/>);
    /// returns -1 when the key is new, or the first receivable that has it (and the key is then marked shared).
    /// </summary>
    public int Add(int receivable, ulong hashState)
    {
        var hash = KeyFilter.Finish(hashState);
        var position = Position(_receivables[receivable].Key, hash);
        var slot = _slots[position];
        if (slot == 0)
        {
            _slots[position] = Fingerprint(hash) | (uint)(receivable + 1);
            return -1;
        }

        _slots[position] = slot | SharedFlag;
        return (int)(uint)slot - 1;
    }

    /// <summary>
    /// The first receivable whose key is <paramref name="key"/> (hash state <paramref name="hashState"/>), or -1;
    /// <paramref name="shared"/> is true when other receivables have the key too.
    /// </summary>
    public int Find(ReadOnlySpan<char> key, ulong hashState, out bool shared)
    {
        var slot = _slots[Position(key, KeyFilter.Finish(hashState))];
        shared = (slot & SharedFlag) != 0;
        return (int)(uint)slot - 1; // -1 for an empty slot
    }

    /// <summary>
    /// Reads ahead what <see cref="Find"/> will read for these hash states: first every home slot, then (the caller)
    /// the receivables they hold, each level's reads issued before the next level needs them, so that the cache misses
    /// of a batch of look-ups overlap instead of following one another. Writes to <paramref name="found"/> the
    /// receivable of each home slot whose fingerprint agrees (a slot further along a probe is not read ahead); returns
    /// how many. <paramref name="slots"/> is scratch, at least as long as <paramref name="hashStates"/>.
    /// </summary>
    public int Warm(ReadOnlySpan<ulong> hashStates, Span<ulong> slots, Span<int> found)
    {
        // One load per iteration and nothing that waits for it: the loads are all in flight at once.
        for (var k = 0; k < hashStates.Length; k++)
        {
            slots[k] = _slots[(int)(KeyFilter.Finish(hashStates[k]) >> _shift)];
        }

        var count = 0;
        for (var k = 0; k < hashStates.Length; k++)
        {
            var slot = slots[k];
            if (slot != 0 && (slot & ~(SharedFlag | uint.MaxValue)) == Fingerprint(KeyFilter.Finish(hashStates[k])))
            {
                found[count++] = (int)(uint)slot - 1;
            }
        }

        return count;
    }

    // The position of the slot that holds `key` (hash `hash`), or of the empty slot where it would go: the fingerprint
    // is compared first, the receivable's key only when it agrees.
    private int Position(ReadOnlySpan<char> key, ulong hash)
    {
        var fingerprint = Fingerprint(hash);
        for (var position = (int)(hash >> _shift); ; position = (position + 1) & _mask)
        {
            var slot = _slots[position];
            if (slot == 0 || ((slot & ~(SharedFlag | uint.MaxValue)) == fingerprint && key.SequenceEqual(_receivables[(int)(uint)slot - 1].Key)))
            {
                return position;
            }
        }
    }

    // 31 bits of the hash that the position (its top bits) does not use, in the slot's top 31 bits.
    private static ulong Fingerprint(ulong hash) => (hash & 0x7FFF_FFFFUL) << 33;
}
