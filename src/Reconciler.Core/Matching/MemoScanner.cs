using System.Text;

namespace Reconciler.Matching;

/// <summary>
/// Splits a memo into runs of ASCII letters and digits (after NFKC and upper-casing) and records which runs are
/// joined only by separators, so that a contract number written with spaces, dashes or slashes is seen whole.
/// One scanner per thread: it reuses its buffers.
/// </summary>
internal sealed class MemoScanner
{
    private char[] _chars = new char[256];
    private int[] _runStart = new int[32];
    private int[] _runLength = new int[32];
    private bool[] _joinsPrevious = new bool[32];
    private bool[] _spaceBefore = new bool[32];

    /// <summary>Upper-cased letters and digits of the memo, runs back to back.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, CharCount);

    /// <summary>How many characters <see cref="Chars"/> holds.</summary>
    public int CharCount { get; private set; }

    /// <summary>How many runs the memo has.</summary>
    public int RunCount { get; private set; }

    /// <summary>Where run <paramref name="run"/> starts in <see cref="Chars"/>.</summary>
    public int RunStart(int run) => _runStart[run];

    /// <summary>The length of run <paramref name="run"/>.</summary>
    public int RunLength(int run) => _runLength[run];

    /// <summary>True when run <paramref name="run"/> follows the previous run with only separators between them.</summary>
    public bool JoinsPrevious(int run) => _joinsPrevious[run];

    /// <summary>True when white space stands between run <paramref name="run"/> and the previous one.</summary>
    public bool SpaceBefore(int run) => _spaceBefore[run];

    /// <summary>The characters of runs <paramref name="first"/> to <paramref name="last"/>, separators dropped.</summary>
    public ReadOnlySpan<char> Span(int first, int last) =>
        _chars.AsSpan(_runStart[first], _runStart[last] + _runLength[last] - _runStart[first]);

    /// <summary>Scans a memo; the previous scan's runs are forgotten.</summary>
    public void Scan(string? memo)
    {
        CharCount = 0;
        RunCount = 0;
        if (string.IsNullOrEmpty(memo))
        {
            return;
        }

        // As on Text.FoldWidth(memo), without making a string for a memo with full-width forms: they are folded as they
        // are read. A memo with any other character that NFKC may change is normalised first, and read again.
        if (!TryScan(memo, normalized: false))
        {
            TryScan(memo.Normalize(NormalizationForm.FormKC), normalized: true);
        }
    }

    // Scans `text`, folding full-width forms; false (the scan left unfinished) when `text` is not `normalized` and has a
    // character Text.FoldWidth would have NFKC normalise.
    private bool TryScan(string text, bool normalized)
    {
        CharCount = 0;
        RunCount = 0;
        if (_chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
        }

        // Counts and the current run's length are kept in locals and stored once per run.
        var chars = _chars;
        var count = 0;
        var runLength = 0; // of the run being read; 0 between runs
        var onlySeparators = false; // since the last run ended
        var space = false;
        foreach (var c in text)
        {
            var raw = c;
            if (!normalized && !Text.TryFoldAsRead(ref raw))
            {
                return false;
            }

            if (char.IsAsciiLetterOrDigit(raw))
            {
                if (runLength == 0)
                {
                    StartRun(count, joinsPrevious: RunCount > 0 && onlySeparators, space);
                    space = false;
                }

                chars[count++] = char.IsAsciiLetterLower(raw) ? (char)(raw - 32) : raw;
                runLength++;
            }
            else
            {
                if (runLength > 0)
                {
                    _runLength[RunCount - 1] = runLength;
                    onlySeparators = IsSeparator(raw);
                    runLength = 0;
                }
                else
                {
                    onlySeparators = onlySeparators && IsSeparator(raw);
                }

                space |= char.IsWhiteSpace(raw);
            }
        }

        if (runLength > 0)
        {
            _runLength[RunCount - 1] = runLength;
        }

        CharCount = count;
        return true;
    }

    // Text.IsSeparator, with ASCII answered here: every ASCII character but a letter or digit separates, except
    // those that end a list item.
    private static bool IsSeparator(char c) => c < 0x80 ? c is not (',' or ';' or '\n' or '\r') : Text.IsSeparator(c);

    private void StartRun(int start, bool joinsPrevious, bool spaceBefore)
    {
        if (RunCount == _runStart.Length)
        {
            Array.Resize(ref _runStart, RunCount * 2);
            Array.Resize(ref _runLength, RunCount * 2);
            Array.Resize(ref _joinsPrevious, RunCount * 2);
            Array.Resize(ref _spaceBefore, RunCount * 2);
        }

        _runStart[RunCount] = start;
        _runLength[RunCount] = 0;
        _joinsPrevious[RunCount] = joinsPrevious;
        _spaceBefore[RunCount] = spaceBefore;
        RunCount++;
    }
}
