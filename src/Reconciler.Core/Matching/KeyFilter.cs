using System.Numerics;

namespace Reconciler.Matching;

/// <summary>
/// A cheap first test before the key dictionary: the lengths and first characters keys have, and a Bloom filter of
/// about a byte per key (two bits per key in one 64-bit word) that stays in the processor's cache. Most memo words fail one of the
/// three tests, sparing a dictionary look-up that would miss the cache.
/// </summary>
internal sealed class KeyFilter
{
    private readonly ulong _lengths;
    private readonly ulong _firsts;
    private readonly ulong[] _pairs = new ulong[((Slots * Slots) + 63) / 64]; // the first two characters keys have
    private readonly ulong[] _words;
    private readonly int _shift;

    public KeyFilter(string[] keys)
    {
        var bits = (int)Math.Max(64 * 64, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, keys.Length)) * 8);
        _words = new ulong[bits / 64];
        _shift = 64 - BitOperations.Log2((uint)_words.Length);
        foreach (var key in keys)
        {
            _lengths |= 1UL << Math.Min(key.Length, 63);
            _firsts |= 1UL << Slot(key[0]);
            if (key.Length > 1)
            {
                var pair = Pair(key[0], key[1]);
                _pairs[pair >> 6] |= 1UL << (pair & 63);
            }
            var hash = Finish(Continue(Start, key));
            _words[hash >> _shift] |= Mask(hash);
        }
    }

    /// <summary>The hash state of no text; extend it with <see cref="Continue"/>.</summary>
    public const ulong Start = 14695981039346656037UL;

    /// <summary>The hash state of the text hashed so far (<paramref name="state"/>) followed by <paramref name="text"/>.</summary>
    public static ulong Continue(ulong state, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            state = (state ^ c) * 1099511628211UL;
        }

        return state;
    }

    /// <summary>False when the text is certainly no key; true when it may be one.</summary>
    public bool MayContain(ReadOnlySpan<char> text) => !text.IsEmpty && MayContain(text.Length, text[0], Continue(Start, text));

    /// <summary>
    /// <see cref="MayContain(ReadOnlySpan{char})"/> for a text of <paramref name="length"/> characters starting with
    /// <paramref name="first"/> whose hash state (<see cref="Continue"/> from <see cref="Start"/>) is
    /// <paramref name="state"/>: a memo's candidate keys grow run by run, so their hash is extended rather than redone.
    /// </summary>
    public bool MayContain(int length, char first, ulong state)
    {
        if (!MayHave(length, first))
        {
            return false;
        }

        var hash = Finish(state);
        var mask = Mask(hash);
        return (_words[hash >> _shift] & mask) == mask;
    }

    /// <summary>
    /// <see cref="MayContain(int, char, ulong)"/> without its one memory read: false only when no key has this length
    /// or first character. For the warm-up ahead of a batch (<see cref="KeyTable.Warm"/>), which reads the word itself.
    /// </summary>
    public bool MayHave(int length, char first) =>
        (_lengths & (1UL << Math.Min(length, 63))) != 0 && (_firsts & (1UL << Slot(first))) != 0;

    /// <summary>Reads the word <see cref="MayContain(int, char, ulong)"/> would read for this hash state; returns it.</summary>
    public ulong Touch(ulong state) => _words[Finish(state) >> _shift];

    /// <summary>
    /// False when no key starts with <paramref name="first"/>: no text starting with it can be a key, however long.
    /// </summary>
    public bool MayStartWith(char first) => (_firsts & (1UL << Slot(first))) != 0;

    /// <summary>
    /// False when no key of two characters or more starts with <paramref name="first"/> then <paramref name="second"/>:
    /// no text of two characters or more starting with them can be a key.
    /// </summary>
    public bool MayStartWith(char first, char second)
    {
        var pair = Pair(first, second);
        return (_pairs[pair >> 6] & (1UL << (pair & 63))) != 0;
    }

    // Pairs of slots 0..35, and one slot (36) for anything else.
    private const int Slots = 37;

    private static int Pair(char first, char second) => (Math.Min(Slot(first), Slots - 1) * Slots) + Math.Min(Slot(second), Slots - 1);

    // Keys are upper-case ASCII letters and digits: 36 slots; anything else shares slot 63.
    private static int Slot(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 63;

    /// <summary>The hash of a text from its hash state (<see cref="Continue"/>).</summary>
    internal static ulong Finish(ulong state) => state * 0x9E3779B97F4A7C15UL;

    // Two bits of one 64-bit word per key (one memory read per test; about 5% false positives at 8 bits per key,
    // against 12% with one bit).
    private static ulong Mask(ulong hash) => (1UL << (int)((hash >> 32) & 63)) | (1UL << (int)((hash >> 38) & 63));
}
