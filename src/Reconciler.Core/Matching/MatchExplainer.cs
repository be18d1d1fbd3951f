using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// Writes the sentences of matched, duplicate and ignored results from the figures each result holds, and those of
/// suggested, partial and unmatched results from the few figures kept beside them (<see cref="SentenceFigures"/>),
/// when they are read (see <see cref="MatchResult"/>), as a string or into a caller's buffer. The text
/// is exactly what the evaluator would have written: a matched result's contracts are its allocations' receivables
/// (one per referenced open receivable, in memo order), and the open total it was compared with is the payment
/// minus its difference.
/// </summary>
internal sealed class MatchExplainer(MatchingOptions options) : Explainer
{
    private readonly string _tolerance = Text.Tolerance(options);

    public override string Explain(MatchResult result) => Explain(result, null);

    /// <inheritdoc/>
    public override bool TryWrite(MatchResult result, Span<char> destination, out int written) => TryWrite(result, null, destination, out written);

    /// <summary>The sentence of <paramref name="result"/>, with the figures kept for it beyond its own.</summary>
    public string Explain(MatchResult result, SentenceFigures? figures)
    {
        Span<char> sentence = stackalloc char[512];
        if (TryWrite(result, figures, sentence, out var written))
        {
            return new string(sentence[..written]);
        }

        // Longer than most (many contracts, a long payer name or memo text): a larger buffer until it fits. The parts
        // return false only when out of room, so this ends (at the largest array, a sentence no input can make).
        for (var size = 2048; ; size = (int)Math.Min(Array.MaxLength, 4L * size))
        {
            var larger = new char[size];
            if (TryWrite(result, figures, larger, out written))
            {
                return new string(larger, 0, written);
            }

            if (size == Array.MaxLength)
            {
                throw new InvalidOperationException($"The sentence of {result.Line.File} row {result.Line.Row} does not fit in the largest buffer.");
            }
        }
    }

    /// <summary>
    /// Writes the sentence of <paramref name="result"/> into <paramref name="destination"/> (what <see cref="Explain(MatchResult, SentenceFigures?)"/>
    /// returns, without making a string); false when it does not fit.
    /// </summary>
    public bool TryWrite(MatchResult result, SentenceFigures? figures, Span<char> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = result.Line;
        return result.Status switch
        {
            MatchStatus.Matched => Matched(result, destination, out written),
            MatchStatus.Duplicate when result.DuplicateOf is { } original => Matcher.TryWriteDuplicate(original, destination, out written),
            MatchStatus.Ignored when line.NotBooked is { } bankStatus =>
                destination.TryWrite(null, $"the bank has not booked {new MoneyText(line.Amount)} (its status is \"{bankStatus}\"): no money moved, so it is not matched (if the bank books it later, that line is matched on its own)", out written),
            MatchStatus.Ignored when line.Neutral =>
                destination.TryWrite(null, $"the bank marks {new MoneyText(line.Amount)} as neither money in nor money out (e.g. a transfer between own accounts): not matched", out written),
            MatchStatus.Ignored when line.Amount < 0 =>
                destination.TryWrite(null, $"a debit of {new MoneyText(line.Amount)}: money going out is not matched against receivables", out written),
            MatchStatus.Ignored => destination.TryWrite(null, $"a zero amount: nothing to match", out written),
            MatchStatus.Partial when result.Allocations.Count == 1 => Partial(result, destination, out written),
            MatchStatus.Suggested when result.Rule == "reference-over" => ReferenceOver(result, destination, out written),
            MatchStatus.Suggested when result.Rule == "reference-date-window" && figures is not null => DateWindow(result, figures, destination, out written),
            MatchStatus.Suggested when result.Rule == "typo-reference" && figures?.Text is { } typo => Candidate(result, typo, null, destination, out written),
            MatchStatus.Suggested when result.Rule == "payer-amount" && figures?.CustomerId is not null => Candidate(result, null, figures, destination, out written),
            MatchStatus.Unmatched when result.Rule == "no-candidate" && figures is not null =>
                destination.TryWrite(null, $"{new UnknownReferenceText(figures.Text)}, and payer \"{line.PayerName}\" is not a known customer", out written),
            MatchStatus.Unmatched when result.Rule == "payer-no-amount" && figures?.CustomerId is not null =>
                destination.TryWrite(null, $"{new PayerText(figures)}, but none of its {figures.Number} open receivables is within {_tolerance} of {new MoneyText(line.Amount)}", out written),
            _ => throw new InvalidOperationException($"No sentence is kept for a {result.Status.ToName()} result of {line.File} row {line.Row}."),
        };
    }

    // "{contracts} in memo; {comparison}, within {tolerance}); {window}", as LineEvaluator decides a match.
    private bool Matched(MatchResult result, Span<char> destination, out int written)
    {
        var line = result.Line;
        var allocations = result.Allocations;
        var amount = line.Amount;
        var total = amount - result.Difference;
        var contracts = new AllocatedContractsText(allocations);
        var comparison = new ComparisonText(amount, total, allocations.Count);
        var window = WindowText.For(line.PaymentDate, allocations.Count == 1 ? WindowRange.Of(allocations[0].Receivable, options) : null);
        return destination.TryWrite(null, $"{contracts} in memo; {comparison}, within {_tolerance}); {window}", out written);
    }

    // A part or short payment of one receivable (its only allocation): the open amount it was compared with is the
    // payment minus the difference.
    private bool Partial(MatchResult result, Span<char> destination, out int written)
    {
        var line = result.Line;
        var amount = line.Amount;
        var total = amount - result.Difference;
        var leftOpen = total - amount;
        var contracts = new AllocatedContractsText(result.Allocations);
        var window = WindowText.For(line.PaymentDate, WindowRange.Of(result.Allocations[0].Receivable, options));
        return result.Exception == ExceptionKind.AmountShort
            ? destination.TryWrite(null, $"{contracts} in memo; {new ComparisonText(amount, total, 1)}, beyond {_tolerance}): applied as a short payment, {new MoneyText(leftOpen)} stays open; {window}", out written)
            : destination.TryWrite(null, $"{contracts} in memo; {new MoneyText(amount)} applied as a part payment of open {new MoneyText(total)}, {new MoneyText(leftOpen)} stays open; {window}", out written);
    }

    // The suggestions over the referenced receivables list them in memo order, each with an allocation; the open
    // total is the payment minus the difference.
    private bool ReferenceOver(MatchResult result, Span<char> destination, out int written)
    {
        var amount = result.Line.Amount;
        var comparison = new ComparisonText(amount, amount - result.Difference, result.Allocations.Count);
        return destination.TryWrite(null, $"{new AllocatedContractsText(result.Allocations)} in memo; {comparison}, beyond {_tolerance}): an over-payment, to be checked", out written);
    }

    private bool DateWindow(MatchResult result, SentenceFigures figures, Span<char> destination, out int written)
    {
        var line = result.Line;
        var amount = line.Amount;
        var contracts = new AllocatedContractsText(result.Allocations);
        var comparison = new ComparisonText(amount, amount - result.Difference, result.Allocations.Count);
        var window = WindowRange.Of(result.Allocations[figures.Number].Receivable, options);
        return figures.WithinTolerance
            ? destination.TryWrite(null, $"{contracts} in memo and {comparison}, within {_tolerance}), but paid {new DateText(line.PaymentDate)} is outside the window {window}", out written)
            : destination.TryWrite(null, $"{contracts} in memo; {comparison}), and paid {new DateText(line.PaymentDate)} is outside the window {window}", out written);
    }

    // A typo's or a payer's candidates, best first; the best one's open amount is the payment minus the difference.
    private static bool Candidate(MatchResult result, string? typo, SentenceFigures? payer, Span<char> destination, out int written)
    {
        var line = result.Line;
        var shown = result.Allocations.Count;
        var top = result.Allocations[0].Receivable;
        var openBest = line.Amount - result.Difference;
        var paid = new MoneyText(line.Amount);
        var percent = new PercentText(line.Amount - openBest, openBest);
        var due = new DateText(top.DueDate);
        var others = new OthersText(shown, result.Exception == ExceptionKind.Ambiguous);
        return payer is null
            ? destination.TryWrite(null, $"no open contract number in memo, but \"{typo}\" is one edit from {top.ContractNo} open {new MoneyText(openBest)}, paid {paid} ({percent}), due {due}{others}", out written)
            : destination.TryWrite(null, $"{new PayerText(payer)}; best candidate {top.ContractNo} open {new MoneyText(openBest)}, paid {paid} ({percent}), due {due}{others}", out written);
    }
}
