using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>The result of one <c>reconcile</c> run and what it cost.</summary>
/// <param name="Run">The match results.</param>
/// <param name="Receivables">How many receivables were read.</param>
/// <param name="Statements">Each statement file with its number of lines.</param>
/// <param name="Timings">Wall time per stage.</param>
internal sealed record ReconcileOutcome(
    MatchRun Run,
    int Receivables,
    IReadOnlyList<(string File, int Lines)> Statements,
    StageTimings Timings)
{
    /// <summary>What the ledger did (files imported or known, duplicates, whether a match run happened); empty in memory.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What is left open after the run, per currency (in ordinal order): the amount and how many receivables hold it.</summary>
    public IReadOnlyList<(string Currency, decimal Amount, int Receivables)> LeftOpen { get; init; } = [];

    /// <summary>The open amounts of <paramref name="receivables"/> (<paramref name="open"/>, in the same order) per currency, those with nothing open left out.</summary>
    public static IReadOnlyList<(string Currency, decimal Amount, int Receivables)> OpenByCurrency(IReadOnlyList<Domain.Receivable> receivables, IReadOnlyList<decimal> open)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        ArgumentNullException.ThrowIfNull(open);
        var totals = new SortedDictionary<string, (decimal Amount, int Receivables)>(StringComparer.Ordinal);
        for (var i = 0; i < open.Count; i++)
        {
            if (open[i] > 0)
            {
                var currency = receivables[i].Currency;
                totals[currency] = totals.TryGetValue(currency, out var t) ? (t.Amount + open[i], t.Receivables + 1) : (open[i], 1);
            }
        }

        return [.. totals.Select(t => (t.Key, t.Value.Amount, t.Value.Receivables))];
    }
}
