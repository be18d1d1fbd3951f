using System.Buffers;
using System.Buffers.Binary;

namespace Reconciler.Storage;

/// <summary>
/// The line keys of one file as a key table stores them (<see cref="Dialects.SqlDialect.LineKeyTable"/>, migration 16):
/// each SHA-256 as its 32 bytes, all of them in one buffer, in byte order (the key table's own), so that its index is
/// read and filled leaf by leaf, and two imports that share keys insert them in the same order (neither waits on the
/// other's key while holding one the other waits for). Sorted by the keys' first eight bytes, then, where those are
/// equal (about one pair in 10^8 at a million keys), by all 32.
/// </summary>
internal sealed class SortedLineKeys
{
    /// <summary>The bytes of one key.</summary>
    public const int Width = 32;

    private SortedLineKeys(byte[] bytes, int[] lines)
    {
        Bytes = bytes;
        Lines = lines;
    }

    /// <summary>The keys' bytes, <see cref="Width"/> each, in order.</summary>
    public byte[] Bytes { get; }

    /// <summary>For each key in order, the index of its line in the file.</summary>
    public int[] Lines { get; }

    /// <summary>How many keys there are.</summary>
    public int Count => Lines.Length;

    /// <summary>The bytes of the key at <paramref name="position"/> in order, as an array of their own.</summary>
    public byte[] Key(int position) => Bytes.AsSpan(position * Width, Width).ToArray();

    /// <summary>Orders <paramref name="keys"/> (64 hex digits each, <see cref="LineKeys"/>).</summary>
    /// <exception cref="ArgumentException">A key is not 64 hex digits.</exception>
    public static SortedLineKeys Of(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var bytes = new byte[keys.Length * Width];
        var prefixes = new ulong[keys.Length];
        var lines = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = bytes.AsSpan(i * Width, Width);
            if (keys[i].Length != 2 * Width
                || Convert.FromHexString(keys[i], key, out _, out var written) != OperationStatus.Done
                || written != Width)
            {
                throw new ArgumentException($"line {i}'s key is not a SHA-256 in hex: '{keys[i]}'", nameof(keys));
            }

            prefixes[i] = BinaryPrimitives.ReadUInt64BigEndian(key);
            lines[i] = i;
        }

        Array.Sort(prefixes, lines);
        for (var start = 0; start < prefixes.Length;)
        {
            var end = start + 1;
            while (end < prefixes.Length && prefixes[end] == prefixes[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(lines, start, end - start, Comparer<int>.Create((x, y) =>
                    bytes.AsSpan(x * Width, Width).SequenceCompareTo(bytes.AsSpan(y * Width, Width))));
            }

            start = end;
        }

        var sorted = new byte[bytes.Length];
        for (var k = 0; k < lines.Length; k++)
        {
            bytes.AsSpan(lines[k] * Width, Width).CopyTo(sorted.AsSpan(k * Width, Width));
        }

        return new SortedLineKeys(sorted, lines);
    }
}
