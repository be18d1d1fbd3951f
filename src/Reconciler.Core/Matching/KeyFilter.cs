using System.Numerics;

namespace Reconciler.Matching;

/// <summary>
/// A cheap first test before the key dictionary: the lengths and first characters keys have, and a one-hash
/// Bloom filter of about a byte per key that stays in the processor's cache. Most memo words fail one of the
/// three tests, sparing a dictionary look-up that would miss the cache.
/// </summary>
internal sealed class KeyFilter
{
    private readonly ulong _lengths;
    private readonly ulong _firsts;
    private readonly ulong[] _bits;
    private readonly int _shift;

    public KeyFilter(string[] keys)
    {
        var bits = (int)Math.Max(64 * 64, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, keys.Length)) * 8);
        _bits = new ulong[bits / 64];
        _shift = 64 - BitOperations.Log2((uint)bits);
        foreach (var key in keys)
        {
            _lengths |= 1UL << Math.Min(key.Length, 63);
            _firsts |= 1UL << Slot(key[0]);
            var bit = Hash(key) >> _shift;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>False when the text is certainly no key; true when it may be one.</summary>
    public bool MayContain(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || (_lengths & (1UL << Math.Min(text.Length, 63))) == 0 || (_firsts & (1UL << Slot(text[0]))) == 0)
        {
            return false;
        }

        var bit = Hash(text) >> _shift;
        return (_bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0;
    }

    // Keys are upper-case ASCII letters and digits: 36 slots; anything else shares slot 63.
    private static int Slot(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 63;

    private static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash * 0x9E3779B97F4A7C15UL;
    }
}
