using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>Counts per status for one run, and amounts per status in each currency.</summary>
public sealed class MatchSummary
{
    private readonly int[] _counts = new int[MatchStatusNames.All.Count];
    private readonly Dictionary<string, Totals> _byCurrency = new(StringComparer.Ordinal);
    private string? _lastCurrency; // lines come in runs of one currency: the look-up is skipped within a run
    private Totals? _last;

    /// <summary>Builds the summary of a set of results.</summary>
    public static MatchSummary Of(IEnumerable<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results is MatchResults kept)
        {
            return kept.Summarize(); // from the figures, without building a result per line
        }

        var summary = new MatchSummary();
        foreach (var result in results)
        {
            summary.Add(result);
        }

        return summary;
    }

    /// <summary>Counts one result.</summary>
    internal void Add(MatchResult result)
    {
        var allocated = 0m;
        if (result.Status is MatchStatus.Matched or MatchStatus.Partial)
        {
            var allocations = result.Allocations;
            for (var k = 0; k < allocations.Count; k++) // not foreach: over an interface it boxes the array's enumerator
            {
                allocated += allocations[k].Amount;
            }
        }

        Add(result.Status, result.Line.Currency, result.Line.Amount, allocated, result.Line.Neutral, result.Line.NotBooked is not null);
    }

    /// <summary>
    /// Counts one line of a status, with its amount and the total it allocated, both in the line's currency (a line
    /// only ever allocates to receivables in its own currency).
    /// </summary>
    /// <remarks>
    /// An ignored line the bank marks as neither money in nor money out (<paramref name="neutral"/>) is counted, but its
    /// amount kept apart (<see cref="NeutralAmount"/>): added to the debits' signed amounts, it would make their sum
    /// mean nothing. One the bank has not booked (<paramref name="notBooked"/>, neutral too) is kept apart from both
    /// (<see cref="NotBookedAmount"/>): it moved no money at all.
    /// </remarks>
    internal void Add(MatchStatus status, string currency, decimal amount, decimal allocated, bool neutral = false, bool notBooked = false)
    {
        currency ??= "";
        if (_last is null || (!ReferenceEquals(currency, _lastCurrency) && !string.Equals(currency, _lastCurrency, StringComparison.Ordinal)))
        {
            (_lastCurrency, _last) = (currency, TotalsOf(currency));
        }

        _counts[(int)status]++;
        if (notBooked && status == MatchStatus.Ignored)
        {
            _last!.NotBooked += amount;
            NotBookedLines++;
        }
        else if (neutral && status == MatchStatus.Ignored)
        {
            _last!.Neutral += amount;
            NeutralLines++;
        }
        else
        {
            _last!.Amounts[(int)status] += amount;
        }

        _last.Allocated += allocated;
        Lines++;
    }

    /// <summary>Adds the counts and amounts of <paramref name="other"/> to these.</summary>
    internal void Add(MatchSummary other)
    {
        for (var s = 0; s < _counts.Length; s++)
        {
            _counts[s] += other._counts[s];
        }

        foreach (var (currency, theirs) in other._byCurrency)
        {
            var totals = TotalsOf(currency);
            for (var s = 0; s < totals.Amounts.Length; s++)
            {
                totals.Amounts[s] += theirs.Amounts[s];
            }

            totals.Allocated += theirs.Allocated;
            totals.Neutral += theirs.Neutral;
            totals.NotBooked += theirs.NotBooked;
        }

        Lines += other.Lines;
        NeutralLines += other.NeutralLines;
        NotBookedLines += other.NotBookedLines;
    }

    // The totals of a currency, made at its first line.
    private Totals TotalsOf(string currency)
    {
        ref var totals = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byCurrency, currency, out _);
        return totals ??= new Totals();
    }

    /// <summary>All lines.</summary>
    public int Lines { get; private set; }

    /// <summary>The currencies of the lines, in ordinal order.</summary>
    public IReadOnlyList<string> Currencies => [.. _byCurrency.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The total applied to receivables in <paramref name="currency"/> by matched and partial lines.</summary>
    public decimal Allocated(string currency) => _byCurrency.TryGetValue(currency, out var totals) ? totals.Allocated : 0;

    /// <summary>Lines with a status.</summary>
    public int Count(MatchStatus status) => _counts[(int)status];

    /// <summary>
    /// Sum of the signed amounts of the lines in <paramref name="currency"/> with a status; for <c>ignored</c>, without the
    /// lines neither in nor out (see <see cref="NeutralAmount"/>).
    /// </summary>
    public decimal Amount(MatchStatus status, string currency) => _byCurrency.TryGetValue(currency, out var totals) ? totals.Amounts[(int)status] : 0;

    /// <summary>Ignored lines the bank has not booked (pending, closed): no money moved.</summary>
    public int NotBookedLines { get; private set; }

    /// <summary>Sum of the amounts of the lines the bank has not booked in <paramref name="currency"/>, signed as the bank gave them.</summary>
    public decimal NotBookedAmount(string currency) => _byCurrency.TryGetValue(currency, out var totals) ? totals.NotBooked : 0;

    /// <summary>Ignored lines the bank marks as neither money in nor money out (a transfer between own accounts), booked.</summary>
    public int NeutralLines { get; private set; }

    /// <summary>Sum of the amounts of the lines neither in nor out in <paramref name="currency"/>, as the bank gave them.</summary>
    public decimal NeutralAmount(string currency) => _byCurrency.TryGetValue(currency, out var totals) ? totals.Neutral : 0;

    /// <summary>
    /// Share of the customer payments (lines that are neither duplicate nor ignored) that were matched or
    /// partially matched automatically, 0 to 1.
    /// </summary>
    public double AutoMatchRate => Payments == 0 ? 0 : (double)(Count(MatchStatus.Matched) + Count(MatchStatus.Partial)) / Payments;

    /// <summary>Customer payments: lines that are neither duplicate nor ignored.</summary>
    public int Payments => Lines - Count(MatchStatus.Duplicate) - Count(MatchStatus.Ignored);

    private sealed class Totals
    {
        public decimal[] Amounts { get; } = new decimal[MatchStatusNames.All.Count];

        public decimal Allocated { get; set; }

        public decimal Neutral { get; set; }

        public decimal NotBooked { get; set; }
    }
}
