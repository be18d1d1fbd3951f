using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>The tiers: exact and combined references, partial payments, and suggestions for a person.</summary>
internal sealed partial class LineEvaluator
{
    /// <summary>Decides a credit line against the open amounts as they are now. Reads <paramref name="open"/> only.</summary>
    public MatchResult Evaluate(StatementLine line, LineFacts facts, decimal[] open)
    {
        if (facts.References.Length > 0)
        {
            return EvaluateReferences(line, facts, open);
        }

        if (facts.Typos.Length > 0 && Suggest(line, facts, facts.Typos, open, requireAmount: false) is { } typo)
        {
            return typo;
        }

        return EvaluatePayer(line, facts, open);
    }

    private MatchResult EvaluateReferences(StatementLine line, LineFacts facts, decimal[] open)
    {
        var amount = line.Amount;
        var live = new List<int>(facts.References.Length);
        var otherCurrency = false;
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
            else
            {
                otherCurrency = true;
            }
        }

        var named = Contracts(facts.References);
        if (live.Count == 0)
        {
            var foreign = Array.Find(facts.References, r => open[r] > 0 && !string.Equals(_receivables[r].Currency, line.Currency, StringComparison.Ordinal));
            return otherCurrency
                ? Suggestion(line, facts.References, open, "reference-currency", ExceptionKind.CurrencyMismatch,
                    $"{named} in memo, but the payment is in {line.Currency} and the receivable is in {_receivables[foreign].Currency}")
                : Suggestion(line, facts.References, open, "reference-settled", ExceptionKind.AmountOver,
                    $"{named} in memo, but nothing is left open on it: {Text.Money(amount)} would be an over-payment");
        }

        if (SameKeyTwice(live, facts) is { } shared)
        {
            return Suggestion(line, live, open, "reference-ambiguous", ExceptionKind.Ambiguous,
                $"contract {_receivables[shared].ContractNo} in memo is on {live.Count(r => _receivables[r].Key == _receivables[shared].Key)} open receivables ({string.Join(", ", live.Where(r => _receivables[r].Key == _receivables[shared].Key).Select(r => _receivables[r].CustomerId))}) and the payer does not tell which");
        }

        if (live.Count > options.MaxCombinedReferences)
        {
            return Suggestion(line, live, open, "references-too-many", ExceptionKind.Ambiguous,
                $"{live.Count} open contracts in memo, more than the {options.MaxCombinedReferences} considered together");
        }

        var total = 0m;
        foreach (var r in live)
        {
            total += open[r];
        }

        var tolerance = options.ToleranceFor(total);
        var difference = amount - total;
        var outside = live.FindIndex(r => !InWindow(line.PaymentDate, r));

        // The sentence parts are built only on the branch that uses them: this is the hot path.
        string OpenText() => live.Count == 1 ? $"open {Text.Money(total)}" : $"open total {Text.Money(total)}";
        string Comparison() => $"{Text.Money(amount)} vs {OpenText()} ({Text.Percent(difference, total)}";
        string WindowText() => WindowSentence(line.PaymentDate, live);
        string LiveNamed() => Contracts(live);

        if (Math.Abs(difference) <= tolerance)
        {
            if (outside >= 0)
            {
                return Suggestion(line, live, open, "reference-date-window", ExceptionKind.DateOutOfWindow,
                    $"{LiveNamed()} in memo and {Comparison()}, within {Text.Tolerance(options)}), but paid {Text.Date(line.PaymentDate)} is outside the window {Window(live[outside])}");
            }

            return new MatchResult
            {
                Line = line,
                Status = MatchStatus.Matched,
                Allocations = SettleAllocations(live, amount, total, open),
                Difference = difference,
                Confidence = tolerance == 0 ? 1.0 : Math.Round(0.9 + (0.1 * (1 - (double)(Math.Abs(difference) / tolerance))), 3),
                Rule = live.Count == 1 ? "reference-amount-window" : "references-sum",
                Explanation = $"{LiveNamed()} in memo; {Comparison()}, within {Text.Tolerance(options)}); {WindowText()}",
            };
        }

        if (difference > 0)
        {
            return Suggestion(line, live, open, "reference-over", ExceptionKind.AmountOver,
                $"{LiveNamed()} in memo; {Comparison()}, beyond {Text.Tolerance(options)}): an over-payment, to be checked");
        }

        if (live.Count > 1 && FittingSubsets(live, amount, open) is { Count: > 0 } subsets)
        {
            var ranked = subsets[0].Concat(live.Except(subsets[0])).ToList();
            return Suggestion(line, ranked, open, "references-subset", ExceptionKind.Ambiguous,
                subsets.Count == 1
                    ? $"{LiveNamed()} in memo; {Comparison()}), but only {Contracts(subsets[0])} add up to the payment"
                    : $"{LiveNamed()} in memo; {Comparison()}), and {subsets.Count} different groups of them add up to the payment");
        }

        var shortKind = amount >= total * options.ShortPaymentShare ? ExceptionKind.AmountShort : ExceptionKind.PartialPayment;
        if (!options.AllowPartialPayments)
        {
            return Suggestion(line, live, open, "reference-short", shortKind,
                $"{LiveNamed()} in memo; {Comparison()}, beyond {Text.Tolerance(options)}), and partial payments are not allowed");
        }

        if (outside >= 0)
        {
            return Suggestion(line, live, open, "reference-date-window", ExceptionKind.DateOutOfWindow,
                $"{LiveNamed()} in memo; {Comparison()}), and paid {Text.Date(line.PaymentDate)} is outside the window {Window(live[outside])}");
        }

        var allocations = PartialAllocations(live, amount, open);
        var leftOpen = total - amount;
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
                ? $"{LiveNamed()} in memo; {Comparison()}, beyond {Text.Tolerance(options)}): applied as a short payment, {Text.Money(leftOpen)} stays open; {WindowText()}"
                : $"{LiveNamed()} in memo; {Text.Money(amount)} applied as a part payment of {OpenText()}, {Text.Money(leftOpen)} stays open; {WindowText()}",
        };
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
                if (!string.Equals(_receivables[live[i]].Key, _receivables[live[j]].Key, StringComparison.Ordinal))
                {
                    continue;
                }

                var key = _receivables[live[i]].Key;
                var payers = live.Where(r => _receivables[r].Key == key && Array.IndexOf(facts.Customers, index.CustomerOf(r)) >= 0).ToList();
                if (payers.Count != 1)
                {
                    return live[i];
                }

                live.RemoveAll(r => _receivables[r].Key == key && r != payers[0]);
                return SameKeyTwice(live, facts);
            }
        }

        return null;
    }

    private MatchResult EvaluatePayer(StatementLine line, LineFacts facts, decimal[] open)
    {
        var what = facts.UnknownReference.Length > 0
            ? $"\"{facts.UnknownReference}\" in memo is no open contract"
            : "no contract number in memo";
        var kind = facts.UnknownReference.Length > 0 ? ExceptionKind.UnknownContract : ExceptionKind.NoReference;
        if (facts.Customers.Length == 0)
        {
            return Unmatched(line, "no-candidate", kind, $"{what}, and payer \"{line.PayerName}\" is not a known customer");
        }

        var pool = new List<int>();
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

        var who = CustomerText(facts);
        if (Suggest(line, facts, pool, open, requireAmount: true) is { } suggestion)
        {
            return suggestion with
            {
                Rule = "payer-amount",
                Exception = suggestion.Exception == ExceptionKind.Ambiguous ? ExceptionKind.Ambiguous : kind,
                Explanation = $"{what}; payer is {who} (recognised by {facts.PayerRecognisedBy}); {suggestion.Explanation}",
            };
        }

        return Unmatched(line, "payer-no-amount", kind,
            $"{what}; payer is {who} (recognised by {facts.PayerRecognisedBy}), but none of its {openCount} open receivables is within {Text.Tolerance(options)} of {Text.Money(line.Amount)}");
    }

    private string CustomerText(LineFacts facts)
    {
        var (id, name) = index.Customer(facts.Customers[0]);
        return facts.Customers.Length == 1
            ? $"customer {id} {name}"
            : $"one of {facts.Customers.Length} customers named {name}";
    }

    private static MatchResult Unmatched(StatementLine line, string rule, ExceptionKind kind, string explanation) => new()
    {
        Line = line,
        Status = MatchStatus.Unmatched,
        Rule = rule,
        Exception = kind,
        Explanation = explanation,
    };
}
