using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// What a statement line must fit to be kept in the ledger, checked while the file is read (before anything is
/// written): amounts to 0.0001 (money is kept in ten-thousandths) and texts within their column widths (server
/// databases refuse longer ones).
/// </summary>
public static class LedgerLimits
{
    /// <summary>The widest bank reference, payer account or currency code kept.</summary>
    public const int ReferenceLength = 200;

    /// <summary>The longest payer name kept.</summary>
    public const int NameLength = 400;

    /// <summary>The first thing about <paramref name="line"/> the ledger cannot keep, or null when it fits.</summary>
    public static (string Role, string Value, string Problem)? Problem(StatementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (decimal.Round(line.Amount, 4) != line.Amount)
        {
            return ("amount", line.Amount.ToString(CultureInfo.InvariantCulture), "the ledger keeps amounts to 0.0001; this one has more decimals");
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

        return line.Currency.Length != 3
            ? ("currency", line.Currency, "a currency is a three-letter code")
            : null;
    }
}
