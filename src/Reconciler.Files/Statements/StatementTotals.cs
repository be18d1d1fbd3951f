using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// The counts and sums a clerk checks a statement by: transaction lines (zero amounts included), credits and
/// debits with their sums (both positive), neutral lines (those the bank has not booked among them), and the first
/// and last booking dates.
/// </summary>
public sealed record StatementTotals(int Lines, int Credits, decimal CreditSum, int Debits, decimal DebitSum, int Neutral, DateOnly? FirstDate, DateOnly? LastDate)
{
    /// <summary>Of the <see cref="Neutral"/> lines, those the bank has not booked (pending, closed).</summary>
    public int NotBooked { get; init; }

    /// <summary>The totals of some lines.</summary>
    public static StatementTotals Of(IReadOnlyList<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int credits = 0, debits = 0, neutral = 0, notBooked = 0;
        decimal creditSum = 0, debitSum = 0;
        DateOnly? first = null, last = null;
        foreach (var line in lines)
        {
            if (line.Neutral)
            {
                neutral++;
                notBooked += line.NotBooked is null ? 0 : 1;
            }
            else if (line.Amount > 0)
            {
                credits++;
                creditSum += line.Amount;
            }
            else if (line.Amount < 0)
            {
                debits++;
                debitSum -= line.Amount;
            }

            first = first is null || line.Date < first ? line.Date : first;
            last = last is null || line.Date > last ? line.Date : last;
        }

        return new StatementTotals(lines.Count, credits, creditSum, debits, debitSum, neutral, first, last) { NotBooked = notBooked };
    }
}
