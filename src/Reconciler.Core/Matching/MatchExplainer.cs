using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// Writes the sentences of matched, duplicate and ignored results from the figures each result holds, when they
/// are read (see <see cref="MatchResult"/>); every other sentence the evaluator writes when it decides. The text
/// is exactly what the evaluator would have written: a matched result's contracts are its allocations' receivables
/// (one per referenced open receivable, in memo order), and the open total it was compared with is the payment
/// minus its difference.
/// </summary>
internal sealed class MatchExplainer(MatchingOptions options) : Explainer
{
    private readonly string _tolerance = Text.Tolerance(options);

    public override string Explain(MatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = result.Line;
        return result.Status switch
        {
            MatchStatus.Matched => Matched(result),
            MatchStatus.Duplicate when result.DuplicateOf is { } original => Matcher.DuplicateExplanation(original),
            MatchStatus.Ignored when line.Neutral =>
                string.Create(null, stackalloc char[160], $"the bank marks {new MoneyText(line.Amount)} as neither money in nor money out (e.g. a transfer between own accounts): not matched"),
            MatchStatus.Ignored when line.Amount < 0 =>
                string.Create(null, stackalloc char[128], $"a debit of {new MoneyText(line.Amount)}: money going out is not matched against receivables"),
            MatchStatus.Ignored => "a zero amount: nothing to match",
            _ => throw new InvalidOperationException($"No sentence is kept for a {result.Status.ToName()} result of {line.File} row {line.Row}."),
        };
    }

    // "{contracts} in memo; {comparison}, within {tolerance}); {window}", as LineEvaluator decides a match.
    private string Matched(MatchResult result)
    {
        var line = result.Line;
        var allocations = result.Allocations;
        var amount = line.Amount;
        var total = amount - result.Difference;
        var contracts = new AllocatedContractsText(allocations);
        var comparison = new ComparisonText(amount, total, allocations.Count);
        var window = WindowText.For(line.PaymentDate, allocations.Count == 1 ? WindowRange.Of(allocations[0].Receivable, options) : null);
        return string.Create(null, stackalloc char[256], $"{contracts} in memo; {comparison}, within {_tolerance}); {window}");
    }
}
