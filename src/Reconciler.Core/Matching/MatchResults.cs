using System.Collections;
using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The results of one run, one per line in input order, as the matcher keeps them: the common results (matched to
/// one receivable, duplicate, ignored) as a few figures in one array of structs, the rest as
/// <see cref="MatchResult"/> objects. Reading a result (the indexer) builds its <see cref="MatchResult"/> from the
/// figures, on the reader's thread, equal in every property to the one the evaluator decided.
/// </summary>
/// <remarks>
/// A million result objects (each with its allocation array) that live until the run is written are what the
/// single-threaded collector copied, twice each, while the matcher ran; figures in one large array are never
/// copied or scanned. A result read twice is two equal objects. Safe to read from several threads once the run is
/// built.
/// </remarks>
internal sealed class MatchResults : IReadOnlyList<MatchResult>
{
    private const string MatchedRule = "reference-amount-window";

    private readonly IReadOnlyList<StatementLine> _lines;
    private readonly Receivable[] _receivables;
    private readonly MatchExplainer _explainer;
    private readonly Figures[] _figures;
    private readonly MatchResult?[] _kept;

    public MatchResults(IReadOnlyList<StatementLine> lines, Receivable[] receivables, MatchExplainer explainer)
    {
        _lines = lines;
        _receivables = receivables;
        _explainer = explainer;
        _figures = new Figures[lines.Count];
        _kept = new MatchResult?[lines.Count];
    }

    private enum Kind : byte
    {
        Kept,       // _kept[i] (null until decided)
        Matched,    // matched to one receivable (Index), Amount allocated
        Duplicate,  // duplicate of line Index
        Ignored,    // a debit, zero amount or neutral line
    }

    public int Count => _figures.Length;

    public MatchResult this[int index]
    {
        get
        {
            ref readonly var f = ref _figures[index];
            return f.Kind switch
            {
                Kind.Matched => MatchedResult(index, f.Index, f.Amount, f.Difference, f.Confidence),
                Kind.Duplicate => Matcher.Duplicate(_lines[index], _lines[f.Index], _explainer),
                Kind.Ignored => Matcher.Ignored(_lines[index], _explainer),
                _ => _kept[index] ?? throw new InvalidOperationException($"Line {index} was not decided."),
            };
        }
    }

    private MatchResult MatchedResult(int index, int receivable, decimal amount, decimal difference, double confidence) => new()
    {
        Line = _lines[index],
        Status = MatchStatus.Matched,
        Allocations = new[] { new Allocation(_receivables[receivable], amount) },
        Difference = difference,
        Confidence = confidence,
        Rule = MatchedRule,
        ExplainedBy = _explainer,
    };

    /// <summary>The status of line <paramref name="index"/>, without building its result.</summary>
    public MatchStatus Status(int index) => _figures[index].Kind switch
    {
        Kind.Matched => MatchStatus.Matched,
        Kind.Duplicate => MatchStatus.Duplicate,
        Kind.Ignored => MatchStatus.Ignored,
        _ => _kept[index]!.Status,
    };

    /// <summary>The confidence of line <paramref name="index"/>, without building its result.</summary>
    public double Confidence(int index) => _figures[index].Kind switch
    {
        Kind.Matched => _figures[index].Confidence,
        Kind.Duplicate or Kind.Ignored => 1,
        _ => _kept[index]!.Confidence,
    };

    /// <summary>Line <paramref name="index"/> repeats line <paramref name="original"/>.</summary>
    public void SetDuplicate(int index, int original) => _figures[index] = new Figures { Kind = Kind.Duplicate, Index = original };

    /// <summary>Line <paramref name="index"/> is no customer payment.</summary>
    public void SetIgnored(int index) => _figures[index] = new Figures { Kind = Kind.Ignored };

    /// <summary>Line <paramref name="index"/> is matched to receivable <paramref name="receivable"/> alone (as <see cref="Set"/> keeps such a result).</summary>
    public void SetMatchedToOne(int index, int receivable, decimal amount, decimal difference, double confidence)
    {
        var figures = new Figures { Kind = Kind.Matched, Index = receivable };
        if (figures.TrySet(amount, difference, confidence))
        {
            _kept[index] = null;
            _figures[index] = figures;
        }
        else
        {
            // Figures beyond the compact form (never from a statement's amounts): kept as the result they make.
            _figures[index] = default;
            _kept[index] = MatchedResult(index, receivable, amount, difference, confidence);
        }
    }

    /// <summary>
    /// Keeps the evaluator's result for line <paramref name="index"/>; a result matched to one receivable (which is
    /// one of <paramref name="references"/>) is kept as its figures.
    /// </summary>
    public void Set(int index, MatchResult result, ReadOnlySpan<int> references)
    {
        if (result.Status == MatchStatus.Matched && result.Allocations.Count == 1 && result.IsExplainedBy(_explainer)
            && string.Equals(result.Rule, MatchedRule, StringComparison.Ordinal)
            && result.Exception == ExceptionKind.None && result.DuplicateOf is null)
        {
            var allocation = result.Allocations[0];
            foreach (var r in references)
            {
                if (ReferenceEquals(_receivables[r], allocation.Receivable))
                {
                    SetMatchedToOne(index, r, allocation.Amount, result.Difference, result.Confidence);
                    return;
                }
            }
        }

        _figures[index] = default;
        _kept[index] = result;
    }

    /// <summary>True when line <paramref name="index"/> is kept as figures of a match to one receivable.</summary>
    public bool IsMatchedToOne(int index, out int receivable)
    {
        receivable = _figures[index].Index;
        return _figures[index].Kind == Kind.Matched;
    }

    /// <summary>The result object kept for line <paramref name="index"/>; null when it is kept as figures.</summary>
    public MatchResult? Kept(int index) => _figures[index].Kind == Kind.Kept ? _kept[index] : null;

    /// <summary>
    /// Counts and amounts per status, without building the results: chunks of lines are counted on all cores and
    /// added together (sums of decimals are exact, so the order of the additions does not change them).
    /// </summary>
    public MatchSummary Summarize()
    {
        const int Chunk = 65_536;
        var parts = new MatchSummary[(_figures.Length + Chunk - 1) / Chunk];
        Parallel.For(0, parts.Length, p => parts[p] = Summarize(p * Chunk, Math.Min(_figures.Length, (p + 1) * Chunk)));
        var summary = new MatchSummary();
        foreach (var part in parts)
        {
            summary.Add(part);
        }

        return summary;
    }

    private MatchSummary Summarize(int start, int end)
    {
        var summary = new MatchSummary();
        for (var i = start; i < end; i++)
        {
            ref readonly var f = ref _figures[i];
            switch (f.Kind)
            {
                case Kind.Matched:
                    summary.Add(MatchStatus.Matched, _lines[i].Currency, _lines[i].Amount, f.Amount);
                    break;
                case Kind.Duplicate:
                    summary.Add(MatchStatus.Duplicate, _lines[i].Currency, _lines[i].Amount, 0);
                    break;
                case Kind.Ignored:
                    summary.Add(MatchStatus.Ignored, _lines[i].Currency, _lines[i].Amount, 0, _lines[i].Neutral, _lines[i].NotBooked is not null);
                    break;
                default:
                    summary.Add(this[i]);
                    break;
            }
        }

        return summary;
    }

    public IEnumerator<MatchResult> GetEnumerator()
    {
        for (var i = 0; i < _figures.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// A line's figures in 32 bytes (48 with two decimals and a double): the amounts as whole numbers with their
    /// scales, the confidence in thousandths. A million of them are new memory the matcher touches, and new memory is
    /// what costs most here. Only figures that come back exactly, scale and all, are kept so (<see cref="TrySet"/>).
    /// </summary>
    private struct Figures
    {
        private long _amount;
        private long _difference;
        public int Index;
        private short _confidence;
        private byte _amountScale;
        private byte _differenceScale;
        public Kind Kind;

        public readonly decimal Amount => Decimal(_amount, _amountScale);

        public readonly decimal Difference => Decimal(_difference, _differenceScale);

        public readonly double Confidence => _confidence / 1000.0;

        /// <summary>Keeps the three figures; false (and nothing to rely on) when one would not come back exactly.</summary>
        public bool TrySet(decimal amount, decimal difference, double confidence)
        {
            // The matcher's confidences are rounded to three places (Math.Round scales, rounds and divides by 1000, which
            // is what Confidence does); anything else is refused by the comparison.
            var thousandths = Math.Round(confidence * 1000);
            if (!(thousandths is >= 0 and <= 1000) || thousandths / 1000.0 != confidence)
            {
                return false;
            }

            _confidence = (short)thousandths;
            return TryWhole(amount, out _amount, out _amountScale) && TryWhole(difference, out _difference, out _differenceScale);
        }

        private static bool TryWhole(decimal value, out long whole, out byte scale)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var negative = bits[3] < 0;
            var magnitude = ((long)bits[1] << 32) | (uint)bits[0];
            scale = (byte)((bits[3] >> 16) & 0xFF);
            whole = negative ? -magnitude : magnitude;

            // A top word, a magnitude of 2^63 or more, or a negative zero (kept as it is by decimal) do not fit.
            return bits[2] == 0 && bits[1] >= 0 && !(negative && magnitude == 0);
        }

        private static decimal Decimal(long whole, byte scale)
        {
            var magnitude = (ulong)Math.Abs(whole);
            return new decimal((int)(uint)magnitude, (int)(magnitude >> 32), 0, whole < 0, scale);
        }
    }
}
