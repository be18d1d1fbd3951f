using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The order in which competing lines take their share of a receivable: tier (matched, then partial, then the
/// rest), higher confidence, earlier date, then bank reference, file and row so that the order is total and does
/// not depend on input order.
/// </summary>
internal sealed class LineOrder(IReadOnlyList<StatementLine> lines, MatchResults results)
{
    /// <summary>
    /// Sorts line indexes in this order, as <c>items.Sort(Compare)</c> does: the tier, confidence and date of each
    /// line are read once into an array and compared there, and the lines themselves are only read to break ties.
    /// </summary>
    public void Sort(List<int> items)
    {
        var keys = new SortKey[items.Count];
        for (var k = 0; k < keys.Length; k++)
        {
            var i = items[k];
            keys[k] = new SortKey(Tier(results.Status(i)), results.Confidence(i), lines[i].Date.DayNumber, i);
        }

        Array.Sort(keys, new SortKeyComparer(lines));
        for (var k = 0; k < keys.Length; k++)
        {
            items[k] = keys[k].Line;
        }
    }

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

    private readonly record struct SortKey(int Tier, double Confidence, int Day, int Line);

    // Compare's order on the keys: the same comparisons, in the same sequence.
    private sealed class SortKeyComparer(IReadOnlyList<StatementLine> lines) : IComparer<SortKey>
    {
        public int Compare(SortKey x, SortKey y)
        {
            var c = x.Tier.CompareTo(y.Tier);
            if (c != 0)
            {
                return c;
            }

            c = y.Confidence.CompareTo(x.Confidence);
            if (c != 0)
            {
                return c;
            }

            c = x.Day.CompareTo(y.Day);
            if (c != 0)
            {
                return c;
            }

            var p = lines[x.Line];
            var q = lines[y.Line];
            c = string.CompareOrdinal(p.BankRef, q.BankRef);
            if (c != 0)
            {
                return c;
            }

            c = string.CompareOrdinal(p.File, q.File);
            return c != 0 ? c : p.Row.CompareTo(q.Row);
        }
    }
}
