namespace Reconciler.Storage;

/// <summary>Reading the ledger's days (<c>yyyy-MM-dd</c>) fast: a million rows hold two or three each.</summary>
internal static class Iso
{
    /// <summary>The day a stored <c>yyyy-MM-dd</c> names; anything else is read (or refused) as <see cref="LedgerStore.ParseDay"/> does.</summary>
    public static DateOnly Day(string text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return LedgerStore.ParseDay(text);
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
