using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The order in which competing lines take their share of a receivable: tier (matched, then partial, then the
/// rest), higher confidence, earlier date, then bank reference, file and row so that the order is total and does
/// not depend on input order.
/// </summary>
internal sealed class LineOrder(IReadOnlyList<StatementLine> lines, MatchResults results)
{
    public int Compare(int x, int y)
    {
        var c = Tier(results.Status(x)).CompareTo(Tier(results.Status(y)));
        if (c != 0)
        {
            return c;
        }

        c = results.Confidence(y).CompareTo(results.Confidence(x));
        if (c != 0)
        {
            return c;
        }

        var p = lines[x];
        var q = lines[y];
        c = p.Date.CompareTo(q.Date);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(p.BankRef, q.BankRef);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(p.File, q.File);
        return c != 0 ? c : p.Row.CompareTo(q.Row);
    }

    private static int Tier(MatchStatus status) => status switch
    {
        MatchStatus.Matched => 0,
        MatchStatus.Partial => 1,
        MatchStatus.Suggested => 2,
        _ => 3,
    };
}
