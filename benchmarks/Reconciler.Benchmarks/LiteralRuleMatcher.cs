using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Benchmarks;

/// <summary>
/// The rule finance used by hand, as a baseline: a contract number found verbatim (as written) in the memo,
/// the amount within ±3% of the receivable and the date inside the window ⇒ matched. Memo words are looked up
/// in a dictionary of contract numbers, so it is as fast as a rule this simple can be. It has no partial, no
/// suggestion, no duplicate detection and no allocation limit, which is what the comparison shows.
/// </summary>
public sealed class LiteralRuleMatcher
{
    private static readonly char[] Separators = [' ', ',', ';', ':', '：', '，', '　'];
    private readonly Dictionary<string, Receivable> _byContract;
    private readonly MatchingOptions _options;

    /// <summary>Indexes the receivables by contract number as written.</summary>
    public LiteralRuleMatcher(IReadOnlyList<Receivable> receivables, MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        _options = options;
        _byContract = new Dictionary<string, Receivable>(receivables.Count, StringComparer.Ordinal);
        foreach (var receivable in receivables)
        {
            _byContract.TryAdd(receivable.ContractNo, receivable);
        }
    }

    /// <summary>The receivable the literal rule would match a line to, or null.</summary>
    public Receivable? Match(StatementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Amount <= 0)
        {
            return null;
        }

        foreach (var word in line.Memo.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (_byContract.TryGetValue(word, out var receivable)
                && Math.Abs(line.Amount - receivable.Amount) <= _options.ToleranceFor(receivable.Amount)
                && line.Date >= receivable.IssueDate.AddDays(-(int)_options.EarlyWindow.TotalDays)
                && line.Date <= receivable.DueDate.AddDays((int)_options.LateWindow.TotalDays))
            {
                return receivable;
            }
        }

        return null;
    }
}
