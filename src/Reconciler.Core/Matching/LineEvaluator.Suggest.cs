using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>Ranked candidates for a person, allocation arithmetic and the date window.</summary>
internal sealed partial class LineEvaluator
{
    /// <summary>A suggestion over receivables in the order given (referenced contracts, in memo order).</summary>
    private MatchResult Suggestion(StatementLine line, IReadOnlyList<int> receivables, decimal[] open, string rule, ExceptionKind kind, string explanation) =>
        Suggestion(line, receivables, open, rule, kind, (Explainer?)null) with { Explanation = explanation };

    /// <summary>A suggestion whose sentence <paramref name="explainer"/> writes when read (none yet when null).</summary>
    private MatchResult Suggestion(StatementLine line, IReadOnlyList<int> receivables, decimal[] open, string rule, ExceptionKind kind, Explainer? explainer)
    {
        var allocations = new Allocation[receivables.Count];
        var left = line.Amount;
        var total = 0m;
        for (var i = 0; i < receivables.Count; i++)
        {
            var r = receivables[i];
            var proposed = Math.Max(0, Math.Min(open[r], left));
            allocations[i] = new Allocation(_receivables[r], proposed);
            left -= proposed;
            total += open[r];
        }

        return new MatchResult
        {
            Line = line,
            Status = MatchStatus.Suggested,
            Allocations = allocations,
            Difference = line.Amount - total,
            Confidence = 0.5,
            Rule = rule,
            Exception = kind,
            ExplainedBy = explainer,
        };
    }

    /// <summary>
    /// Scores each receivable of the pool for the line and suggests the best, with every candidate within the
    /// ambiguity margin of the best; null when the pool holds no candidate.
    /// </summary>
    /// <remarks>
    /// For a payer's pool (<paramref name="requireAmount"/>), <paramref name="payer"/> opens the sentence and
    /// <paramref name="payerKind"/> is the exception unless the candidates are ambiguous.
    /// </remarks>
    private MatchResult? Suggest(StatementLine line, LineFacts facts, IReadOnlyList<int> pool, decimal[] open, bool requireAmount, SentenceFigures? payer = null, ExceptionKind payerKind = ExceptionKind.None)
    {
        _candidates.Clear();
        var isTypo = !requireAmount;
        for (var k = 0; k < pool.Count; k++) // not foreach: over an interface it boxes the list's enumerator
        {
            var r = pool[k];
            if (open[r] <= 0)
            {
                continue;
            }

            // The amount is tested before the currency: most of a payer's receivables are not within tolerance,
            // and the test needs no read of the receivable itself (a cache miss each).
            var distance = Math.Abs(line.Amount - open[r]);
            var tolerance = options.ToleranceFor(open[r]);
            if (requireAmount && distance > tolerance)
            {
                continue;
            }

            var receivable = _receivables[r];
            if (!string.Equals(receivable.Currency, line.Currency, StringComparison.Ordinal))
            {
                continue;
            }

            var amountFit = distance <= tolerance ? 1.0 - (0.05 * (double)(tolerance == 0 ? 0 : distance / tolerance)) : Math.Max(0, 0.8 - (double)(distance / open[r]));
            var dateFit = InWindow(line.PaymentDate, r) ? 1.0 : Math.Max(0, 0.5 - (DaysOutside(line.PaymentDate, r) / 730.0));
            var payerFit = Array.IndexOf(facts.Customers, index.CustomerOf(r)) >= 0 ? 1.0 : 0.0;
            var score = (isTypo ? 0.3 : 0.0) + (0.35 * amountFit) + (0.15 * dateFit) + (0.2 * payerFit);
            _candidates.Add(new Candidate(r, Math.Round(score, 4), distance));
        }

        if (_candidates.Count == 0)
        {
            return null;
        }

        _candidates.Sort(_byRank ??= CompareCandidates); // a method group makes a new delegate at each use
        var best = _candidates[0];
        var shown = 0;
        while (shown < _candidates.Count
            && (shown < options.MaxCandidates || best.Score - _candidates[shown].Score < options.AmbiguityMargin))
        {
            shown++;
        }

        var ambiguous = _candidates.Count > 1 && best.Score - _candidates[1].Score < options.AmbiguityMargin;
        var allocations = new Allocation[shown];
        for (var i = 0; i < shown; i++)
        {
            var r = _candidates[i].Receivable;
            allocations[i] = new Allocation(_receivables[r], Math.Min(open[r], line.Amount));
        }

        var openBest = open[best.Receivable];
        var result = new MatchResult
        {
            Line = line,
            Status = MatchStatus.Suggested,
            Allocations = allocations,
            Difference = line.Amount - openBest,
            Confidence = Math.Round(best.Score * 0.8, 3),
            Rule = isTypo || payer is null ? "typo-reference" : "payer-amount",
            Exception = ambiguous ? ExceptionKind.Ambiguous : isTypo || payer is null ? ExceptionKind.TypoReference : payerKind,

            // "no open contract number in memo, but "{text}" is one edit from {contract} open {open}, paid {paid}
            // ({percent}), due {due}{others}", or for a payer "{payer}; best candidate {contract} open …", when read
            ExplainedBy = isTypo
                ? new SentenceFigures(_explainer) { Text = facts.TypoTexts[Array.IndexOf(facts.Typos, best.Receivable)] }
                : payer,
        };

        if (!isTypo && payer is null)
        {
            var top = _receivables[best.Receivable];
            var others = new OthersText(shown, ambiguous);
            result = result with
            {
                Explanation = string.Create(null, stackalloc char[256], $"best candidate {top.ContractNo} open {new MoneyText(openBest)}, paid {new MoneyText(line.Amount)} ({new PercentText(line.Amount - openBest, openBest)}), due {new DateText(top.DueDate)}{others}"),
            };
        }

        return result;
    }

    private Comparison<Candidate>? _byRank;

    private int CompareCandidates(Candidate a, Candidate b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byDistance = a.Distance.CompareTo(b.Distance);
        if (byDistance != 0)
        {
            return byDistance;
        }

        var x = _receivables[a.Receivable];
        var y = _receivables[b.Receivable];
        var byDue = x.DueDate.CompareTo(y.DueDate);
        if (byDue != 0)
        {
            return byDue;
        }

        var byContract = string.CompareOrdinal(x.ContractNo, y.ContractNo);
        return byContract != 0 ? byContract : string.CompareOrdinal(x.CustomerId, y.CustomerId);
    }

    /// <summary>
    /// Allocations that settle the receivables: each gets its open amount when the payment covers the total;
    /// when it falls short within tolerance, the payment is spread in proportion, the last receivable taking the
    /// rounding, so no receivable gets more than it has open.
    /// </summary>
    private Allocation[] SettleAllocations(List<int> live, decimal amount, decimal total, decimal[] open)
    {
        var allocations = new Allocation[live.Count];
        if (amount >= total)
        {
            for (var i = 0; i < live.Count; i++)
            {
                allocations[i] = new Allocation(_receivables[live[i]], open[live[i]]);
            }

            return allocations;
        }

        // Shares rounded down to the cent, then the cents left over go, in order, to receivables with room.
        var left = amount;
        for (var i = 0; i < live.Count; i++)
        {
            var share = Math.Min(open[live[i]], Math.Round(open[live[i]] / total * amount, 2, MidpointRounding.ToZero));
            allocations[i] = new Allocation(_receivables[live[i]], share);
            left -= share;
        }

        for (var i = 0; i < live.Count && left > 0; i++)
        {
            var extra = Math.Min(left, open[live[i]] - allocations[i].Amount);
            allocations[i] = allocations[i] with { Amount = allocations[i].Amount + extra };
            left -= extra;
        }

        return allocations;
    }

    /// <summary>What <see cref="SettleAllocations"/> allocates to a single receivable (the open total is its open amount).</summary>
    private static decimal SettleOne(decimal open, decimal amount)
    {
        if (amount >= open)
        {
            return open;
        }

        // open / open * amount is amount itself (a decimal divided by itself is 1, scale 0), without the division.
        var share = Math.Min(open, Math.Round(amount, 2, MidpointRounding.ToZero));
        var left = amount - share;
        return left > 0 ? share + Math.Min(left, open - share) : share;
    }

    /// <summary>A part payment goes to the oldest due first (then by contract number), never beyond an open amount.</summary>
    private Allocation[] PartialAllocations(List<int> live, decimal amount, decimal[] open)
    {
        var order = live.ToArray();
        if (order.Length > 1)
        {
            // Stable, as the ordering it replaces (ties keep the memo order).
            var positions = new Dictionary<int, int>(order.Length);
            for (var k = 0; k < order.Length; k++)
            {
                positions.TryAdd(order[k], k);
            }

            Array.Sort(order, (a, b) =>
            {
                var x = _receivables[a];
                var y = _receivables[b];
                var byDue = x.DueDate.CompareTo(y.DueDate);
                if (byDue != 0)
                {
                    return byDue;
                }

                var byContract = string.CompareOrdinal(x.ContractNo, y.ContractNo);
                if (byContract != 0)
                {
                    return byContract;
                }

                var byCustomer = string.CompareOrdinal(x.CustomerId, y.CustomerId);
                return byCustomer != 0 ? byCustomer : positions[a].CompareTo(positions[b]);
            });
        }

        var allocations = new List<Allocation>(order.Length);
        var left = amount;
        foreach (var r in order)
        {
            if (left <= 0)
            {
                break;
            }

            var share = Math.Min(left, open[r]);
            allocations.Add(new Allocation(_receivables[r], share));
            left -= share;
        }

        return [.. allocations];
    }

    /// <summary>Proper, non-empty groups of the referenced receivables whose open amounts add up to the payment.</summary>
    private List<List<int>> FittingSubsets(List<int> live, decimal amount, decimal[] open)
    {
        var fits = new List<List<int>>();
        var full = (1 << live.Count) - 1;
        for (var mask = 1; mask < full; mask++)
        {
            var sum = 0m;
            for (var i = 0; i < live.Count; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    sum += open[live[i]];
                }
            }

            if (Math.Abs(amount - sum) <= options.ToleranceFor(sum))
            {
                fits.Add([.. live.Where((_, i) => (mask & (1 << i)) != 0)]);
            }
        }

        return fits;
    }

    private bool InWindow(DateOnly date, int receivable) => DaysOutside(date, receivable) == 0;

    private int DaysOutside(DateOnly date, int receivable)
    {
        var (from, to) = WindowOf(receivable);
        return date < from ? from.DayNumber - date.DayNumber : date > to ? date.DayNumber - to.DayNumber : 0;
    }

    private WindowRange WindowOf(int receivable) => WindowRange.Of(_receivables[receivable], options);

    /// <summary>The window sentence part: the receivable's window for one receivable, "inside every window" for several.</summary>
    private WindowText Window(DateOnly paid, List<int> live) => WindowText.For(paid, live.Count == 1 ? WindowOf(live[0]) : null);

    private string Contracts(List<int> receivables) => new ContractsText(receivables, _receivables).ToString();
}
