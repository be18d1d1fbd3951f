using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>The tiers: exact and combined references, partial payments, and suggestions for a person.</summary>
internal sealed partial class LineEvaluator
{
    /// <summary>Decides a credit line against the open amounts as they are now. Reads <paramref name="open"/> only.</summary>
    public MatchResult Evaluate(StatementLine line, LineFacts facts, decimal[] open) => Evaluate(line, facts, open, null, -1)!;

    /// <summary>
    /// Decides line <paramref name="index"/> of <paramref name="results"/> as <see cref="Evaluate(StatementLine, LineFacts, decimal[])"/>
    /// does and keeps the decision there; a match to one receivable is kept as its figures without building a result.
    /// </summary>
    public void Decide(StatementLine line, LineFacts facts, decimal[] open, MatchResults results, int index)
    {
        if (Evaluate(line, facts, open, results, index) is { } result)
        {
            results.Set(index, result, facts.References);
        }
    }

    // With results given, a match to one receivable goes straight into them (null is returned).
    private MatchResult? Evaluate(StatementLine line, LineFacts facts, decimal[] open, MatchResults? results, int index)
    {
        if (facts.References.Length > 0)
        {
            return EvaluateReferences(line, facts, open, results, index);
        }

        if (facts.Typos.Length > 0 && Suggest(line, facts, facts.Typos, open, requireAmount: false) is { } typo)
        {
            return typo;
        }

        return EvaluatePayer(line, facts, open);
    }

    private MatchResult? EvaluateReferences(StatementLine line, LineFacts facts, decimal[] open, MatchResults? results, int index)
    {
        var amount = line.Amount;
        var live = _live; // reused: no result keeps it
        live.Clear();
        var foreign = -1;
        foreach (var r in facts.References)
        {
            if (open[r] <= 0)
            {
                continue;
            }

            if (string.Equals(_receivables[r].Currency, line.Currency, StringComparison.Ordinal))
            {
                live.Add(r);
            }
            else if (foreign < 0)
            {
                foreign = r;
            }
        }

        if (live.Count == 0)
        {
            var references = facts.References.ToArray();
            var named = new ContractsText(references, _receivables);
            return foreign >= 0
                ? Suggestion(line, references, open, "reference-currency", ExceptionKind.CurrencyMismatch,
                    $"{named} in memo, but the payment is in {line.Currency} and the receivable is in {_receivables[foreign].Currency}")
                : Suggestion(line, references, open, "reference-settled", ExceptionKind.AmountOver,
                    $"{named} in memo, but nothing is left open on it: {new MoneyText(amount)} would be an over-payment");
        }

        if (SameKeyTwice(live, facts) is { } shared)
        {
            return SharedKey(line, live, open, shared);
        }

        if (live.Count > options.MaxCombinedReferences)
        {
            return Suggestion(line, live, open, "references-too-many", ExceptionKind.Ambiguous,
                $"{live.Count} open contracts in memo, more than the {options.MaxCombinedReferences} considered together");
        }

        var total = 0m;
        var outside = -1;
        for (var k = 0; k < live.Count; k++)
        {
            total += open[live[k]];
            if (outside < 0 && !InWindow(line.PaymentDate, live[k]))
            {
                outside = k;
            }
        }

        var tolerance = options.ToleranceFor(total);
        var difference = amount - total;

        // This is the hot path: each sentence is written once, its figures formatted straight into it.
        var contracts = new ContractsText(live, _receivables);
        var comparison = new ComparisonText(amount, total, live.Count);
        if (Math.Abs(difference) <= tolerance)
        {
            if (outside >= 0)
            {
                // "{contracts} in memo and {comparison}, within {tolerance}), but paid {date} is outside the window {window}", when read
                return Suggestion(line, live, open, "reference-date-window", ExceptionKind.DateOutOfWindow,
                    new SentenceFigures(_explainer) { Number = outside, WithinTolerance = true });
            }

            var confidence = tolerance == 0 ? 1.0 : Math.Round(0.9 + (0.1 * (1 - (double)(Math.Abs(difference) / tolerance))), 3);
            if (results is not null && live.Count == 1)
            {
                results.SetMatchedToOne(index, live[0], SettleOne(open[live[0]], amount), difference, confidence);
                return null;
            }

            return new MatchResult
            {
                Line = line,
                Status = MatchStatus.Matched,
                Allocations = SettleAllocations(live, amount, total, open),
                Difference = difference,
                Confidence = confidence,
                Rule = live.Count == 1 ? "reference-amount-window" : "references-sum",
                ExplainedBy = _explainer, // "{contracts} in memo; {comparison}, within {tolerance}); {window}", when read
            };
        }

        if (difference > 0)
        {
            // "{contracts} in memo; {comparison}, beyond {tolerance}): an over-payment, to be checked", when read
            return Suggestion(line, live, open, "reference-over", ExceptionKind.AmountOver, _explainer);
        }

        if (live.Count > 1 && FittingSubsets(live, amount, open) is { Count: > 0 } subsets)
        {
            var ranked = subsets[0].Concat(live.Except(subsets[0])).ToList();
            return Suggestion(line, ranked, open, "references-subset", ExceptionKind.Ambiguous,
                subsets.Count == 1
                    ? $"{contracts} in memo; {comparison}), but only {Contracts(subsets[0])} add up to the payment"
                    : $"{contracts} in memo; {comparison}), and {subsets.Count} different groups of them add up to the payment");
        }

        var shortKind = amount >= total * options.ShortPaymentShare ? ExceptionKind.AmountShort : ExceptionKind.PartialPayment;
        if (!options.AllowPartialPayments)
        {
            return Suggestion(line, live, open, "reference-short", shortKind,
                $"{contracts} in memo; {comparison}, beyond {_tolerance}), and partial payments are not allowed");
        }

        if (outside >= 0)
        {
            // "{contracts} in memo; {comparison}), and paid {date} is outside the window {window}", when read
            return Suggestion(line, live, open, "reference-date-window", ExceptionKind.DateOutOfWindow,
                new SentenceFigures(_explainer) { Number = outside, WithinTolerance = false });
        }

        var allocations = PartialAllocations(live, amount, open);
        var leftOpen = total - amount;
        if (live.Count == 1)
        {
            return new MatchResult
            {
                Line = line,
                Status = MatchStatus.Partial,
                Allocations = allocations,
                Difference = difference,
                Confidence = shortKind == ExceptionKind.AmountShort ? 0.8 : 0.85,
                Rule = shortKind == ExceptionKind.AmountShort ? "reference-short" : "reference-partial",
                Exception = shortKind,
                ExplainedBy = _explainer, // as below, for the only receivable, when read
            };
        }

        return new MatchResult
        {
            Line = line,
            Status = MatchStatus.Partial,
            Allocations = allocations,
            Difference = difference,
            Confidence = shortKind == ExceptionKind.AmountShort ? 0.8 : 0.85,
            Rule = shortKind == ExceptionKind.AmountShort ? "reference-short" : "reference-partial",
            Exception = shortKind,
            Explanation = shortKind == ExceptionKind.AmountShort
                ? string.Create(null, stackalloc char[256], $"{contracts} in memo; {comparison}, beyond {_tolerance}): applied as a short payment, {new MoneyText(leftOpen)} stays open; {Window(line.PaymentDate, live)}")
                : string.Create(null, stackalloc char[256], $"{contracts} in memo; {new MoneyText(amount)} applied as a part payment of {(live.Count == 1 ? "open " : "open total ")}{new MoneyText(total)}, {new MoneyText(leftOpen)} stays open; {Window(line.PaymentDate, live)}"),
        };
    }

    // Kept out of EvaluateReferences: a lambda there would capture `shared`, and C# allocates the captured variables'
    // object as the method starts, for every line with a reference (23 MiB at 1M lines).
    private MatchResult SharedKey(StatementLine line, List<int> live, decimal[] open, int shared)
    {
        var key = _receivables[shared].Key;
        var holders = live.Where(r => _receivables[r].Key == key).ToList();
        return Suggestion(line, live, open, "reference-ambiguous", ExceptionKind.Ambiguous,
            $"contract {_receivables[shared].ContractNo} in memo is on {holders.Count} open receivables ({string.Join(", ", holders.Select(r => _receivables[r].CustomerId))}) and the payer does not tell which");
    }

    /// <summary>
    /// When a contract key found in the memo is on several open receivables (the ERP reused a number), keeps only
    /// those of the payer's customers; returns a receivable whose key is still shared, or null when none is.
    /// </summary>
    private int? SameKeyTwice(List<int> live, LineFacts facts)
    {
        for (var i = 0; i < live.Count; i++)
        {
            for (var j = i + 1; j < live.Count; j++)
            {
                if (string.Equals(_receivables[live[i]].Key, _receivables[live[j]].Key, StringComparison.Ordinal))
                {
                    return KeepPayersOf(live, facts.Customers, _receivables[live[i]].Key) ? SameKeyTwice(live, facts) : live[i];
                }
            }
        }

        return null;
    }

    // Of the live receivables with this key, keeps only the payer's, when the payer has exactly one of them; false
    // (nothing removed) otherwise. Kept out of SameKeyTwice, which every line with a reference calls: its lambdas'
    // captured parameter would be allocated at every call (36 MiB at 1M lines), not only when a key is shared.
    private bool KeepPayersOf(List<int> live, int[] customers, string key)
    {
        var payers = live.Where(r => _receivables[r].Key == key && Array.IndexOf(customers, index.CustomerOf(r)) >= 0).ToList();
        if (payers.Count != 1)
        {
            return false;
        }

        live.RemoveAll(r => _receivables[r].Key == key && r != payers[0]);
        return true;
    }

    private MatchResult EvaluatePayer(StatementLine line, LineFacts facts, decimal[] open)
    {
        var kind = facts.UnknownReference.Length > 0 ? ExceptionKind.UnknownContract : ExceptionKind.NoReference;
        if (facts.Customers.Length == 0)
        {
            // "{unknown reference or none}, and payer "{payer}" is not a known customer", when read
            return Unmatched(line, "no-candidate", kind, new SentenceFigures(_explainer) { Text = facts.UnknownReference });
        }

        var pool = _pool; // reused: no result keeps it
        pool.Clear();
        var openCount = 0;
        foreach (var customer in facts.Customers)
        {
            foreach (var r in index.ReceivablesOf(customer))
            {
                if (open[r] > 0)
                {
                    openCount++;
                    pool.Add(r);
                }
            }
        }

        // "{unknown reference or none}; payer is {customer} (recognised by {how})" opens the sentence, when read
        var (id, name) = index.Customer(facts.Customers[0]);
        var payer = new SentenceFigures(_explainer)
        {
            Text = facts.UnknownReference,
            Number = openCount,
            CustomerId = id,
            CustomerName = name,
            CustomerCount = facts.Customers.Length,
            RecognisedBy = facts.PayerRecognisedBy ?? "",
        };

        // "{payer}, but none of its {count} open receivables is within {tolerance} of {amount}", when read
        return Suggest(line, facts, pool, open, requireAmount: true, payer, kind)
            ?? Unmatched(line, "payer-no-amount", kind, payer);
    }

    private static MatchResult Unmatched(StatementLine line, string rule, ExceptionKind kind, SentenceFigures figures) => new()
    {
        Line = line,
        Status = MatchStatus.Unmatched,
        Rule = rule,
        Exception = kind,
        ExplainedBy = figures,
    };
}
