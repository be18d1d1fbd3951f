namespace Reconciler.Rules;

/// <summary>
/// Fact the hold rules insert: what calls for a credit hold on one receivable now, with the reason as the current
/// facts give it. At most one per receivable (a short payment wins over "overdue, nothing paid", the latest short
/// payment over earlier ones); the rules that keep holds in force compare it with the holds in force.
/// </summary>
/// <param name="Rule">The rule that found the cause (stamped on the hold it opens or revises).</param>
/// <param name="Key">The cause's key (see <see cref="CreditHold.Key"/>).</param>
/// <param name="Reason">Why, with the figures as they are now.</param>
/// <param name="Concern">The customer and the receivable.</param>
/// <param name="Waiting">
/// True when a payment waiting for a person may be for the receivable: no hold is opened for it until someone
/// decides, but a hold in force stays.
/// </param>
public sealed record HoldCause(string Rule, string Key, string Reason, Concern Concern, bool Waiting = false)
{
    /// <summary>
    /// True when short payment <paramref name="a"/> came after <paramref name="b"/>: by payment date, then file, row
    /// and ledger id, so the choice does not depend on the order the files were imported in (as far as dates and
    /// names tell them apart).
    /// </summary>
    public static bool IsLater(MatchException a, MatchException b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byDate = Nullable.Compare(a.Concern.PaymentDate, b.Concern.PaymentDate);
        if (byDate != 0)
        {
            return byDate > 0;
        }

        var byFile = string.CompareOrdinal(a.Concern.File, b.Concern.File);
        if (byFile != 0)
        {
            return byFile > 0;
        }

        return a.Concern.Row != b.Concern.Row ? a.Concern.Row > b.Concern.Row : a.LineId > b.LineId;
    }
}
