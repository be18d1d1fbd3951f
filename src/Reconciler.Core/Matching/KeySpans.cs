using System.Runtime.CompilerServices;

namespace Reconciler.Matching;

/// <summary>
/// The spans of a scanned memo that may be a contract key, starting at one run: that run, then it joined with each
/// following run that only separators part from it, each with its length and its hash state
/// (<see cref="KeyFilter.Continue"/>). The walk stops where no key can start with the span's first character or its
/// first two, or where the span grows longer than the longest key. The look-ups (<c>FindReferences</c>) and the reads
/// ahead of them (<c>CollectKeyStates</c>) walk the same spans.
/// </summary>
internal ref struct KeySpans
{
    private readonly MemoScanner _scanner;
    private readonly ReceivableIndex _index;
    private readonly int _first;
    private int _next;

    /// <summary>The spans starting at run <paramref name="first"/> of <paramref name="scanner"/>'s memo.</summary>
    public KeySpans(MemoScanner scanner, ReceivableIndex index, int first)
    {
        _scanner = scanner;
        _index = index;
        _first = first;
        _next = first;
        Last = first - 1;
    }

    /// <summary>The span's last run.</summary>
    public int Last { get; private set; }

    /// <summary>The span's length, separators dropped.</summary>
    public int Length { get; private set; }

    /// <summary>The span's hash state.</summary>
    public ulong Hash { get; private set; } = KeyFilter.Start;

    /// <summary>The span's first character.</summary>
    public readonly char FirstChar => _scanner.Chars[_scanner.RunStart(_first)];

    /// <summary>Moves to the span one run longer; false when there is none that may be a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in the matcher's loop over every memo: as fast as the loop written out
    public bool MoveNext()
    {
        var j = _next;
        if (j >= _scanner.RunCount || (j > _first && !_scanner.JoinsPrevious(j)))
        {
            return false;
        }

        // Runs are back to back in Chars, so a span's second character may be the next run's.
        var chars = _scanner.Chars;
        var start = _scanner.RunStart(_first);
        var length = Length + _scanner.RunLength(j);
        if ((j == _first && !_index.MayStartKey(chars[start]))
            || length > _index.MaxKeyLength
            || (length >= 2 && !_index.MayStartKey(chars[start], chars[start + 1])))
        {
            return false;
        }

        Hash = KeyFilter.Continue(Hash, chars.Slice(_scanner.RunStart(j), _scanner.RunLength(j))); // the runs before j are hashed already
        Length = length;
        Last = j;
        _next = j + 1;
        return true;
    }
}
