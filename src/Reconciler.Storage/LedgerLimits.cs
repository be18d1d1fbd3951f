using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// What a statement line or a receivable must fit to be kept in the ledger, checked after the file is read (before
/// anything is written): amounts within <see cref="AmountLimits"/> (which the readers already apply to every amount,
/// with a ledger or without), receivables' amounts not negative, and texts within their column widths (server
/// databases refuse longer ones).
/// </summary>
public static class LedgerLimits
{
    /// <summary>The widest bank reference, payer account or currency code kept.</summary>
    public const int ReferenceLength = 200;

    /// <summary>The longest bank status of a line the bank has not booked kept.</summary>
    public const int StatusLength = 100;

    /// <summary>The longest payer name kept.</summary>
    public const int NameLength = 400;

    /// <summary>The largest amount kept, either sign: money is kept in ten-thousandths in a 64-bit integer.</summary>
    public const decimal MaxAmount = AmountLimits.MaxAmount;

    /// <summary>The first thing about <paramref name="line"/> the ledger cannot keep, or null when it fits.</summary>
    public static (string Role, string Value, string Problem)? Problem(StatementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (AmountLimits.Problem(line.Amount) is { } amount)
        {
            return ("amount", line.Amount.ToString(CultureInfo.InvariantCulture), amount);
        }

        if (line.BankRef.Length > ReferenceLength)
        {
            return ("bank reference", line.BankRef, string.Create(CultureInfo.InvariantCulture, $"a bank reference is at most {ReferenceLength} characters"));
        }

        if (line.PayerAccount.Length > ReferenceLength)
        {
            return ("payer account", line.PayerAccount, string.Create(CultureInfo.InvariantCulture, $"a payer account is at most {ReferenceLength} characters"));
        }

        if (line.PayerName.Length > NameLength)
        {
            return ("payer name", line.PayerName, string.Create(CultureInfo.InvariantCulture, $"a payer name is at most {NameLength} characters"));
        }

        if (line.NotBooked is { Length: > StatusLength } status)
        {
            return ("status", status, string.Create(CultureInfo.InvariantCulture, $"a line's status is at most {StatusLength} characters"));
        }

        return line.Currency.Length != 3
            ? ("currency", line.Currency, "a currency is a three-letter code")
            : null;
    }

    /// <summary>
    /// What about <paramref name="receivable"/>'s amount the ledger cannot keep, or null when it fits: a negative one
    /// (its open amount could never be paid, and a credit note is not a receivable), or one beyond <see cref="AmountLimits"/>.
    /// </summary>
    public static string? AmountProblem(Receivable receivable)
    {
        ArgumentNullException.ThrowIfNull(receivable);
        return receivable.Amount < 0
            ? "a receivable's open amount cannot be negative (a credit note is not a receivable: leave it out, or net it against the customer's receivables)"
            : AmountLimits.Problem(receivable.Amount);
    }
}
