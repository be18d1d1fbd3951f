namespace Reconciler.Storage;

/// <summary>Reading and writing the ledger's days (<c>yyyy-MM-dd</c>) fast: a million rows hold two or three each.</summary>
internal static class Iso
{
    /// <summary>The day a stored <c>yyyy-MM-dd</c> names; anything else is read (or refused) as <see cref="LedgerStore.ParseDay"/> does.</summary>
    public static DateOnly Day(string text) => Day(text.AsSpan(), text);

    /// <summary>As <see cref="Day(string)"/>, from characters (a string is made only to refuse what is not a day).</summary>
    public static DateOnly Day(ReadOnlySpan<char> text) => Day(text, null);

    private static DateOnly Day(ReadOnlySpan<char> text, string? whole)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return LedgerStore.ParseDay(whole ?? text.ToString());
    }

    /// <summary>
    /// A day as the ledger stores it (<c>yyyy-MM-dd</c>, as <see cref="LedgerStore.Day"/> gives it), written digit by
    /// digit: the custom-format path of <c>ToString</c> took about 0.3 µs a day, and a million-row sync and import write
    /// three million of them.
    /// </summary>
    public static string Text(DateOnly day) => string.Create(10, day, static (chars, d) =>
    {
        Write(chars, 0, d.Year, 4);
        chars[4] = '-';
        Write(chars, 5, d.Month, 2);
        chars[7] = '-';
        Write(chars, 8, d.Day, 2);
    });

    /// <summary>A time of day as the ledger stores it: <c>HH:mm:ss</c> (24-hour, fractions dropped).</summary>
    public static string Text(TimeOnly time) => string.Create(8, time, static (chars, t) =>
    {
        Write(chars, 0, t.Hour, 2);
        chars[2] = ':';
        Write(chars, 3, t.Minute, 2);
        chars[5] = ':';
        Write(chars, 6, t.Second, 2);
    });

    // The value's last digits, zero-padded to width (a DateOnly's year has at most four).
    private static void Write(Span<char> chars, int start, int value, int width)
    {
        for (var i = start + width - 1; i >= start; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
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

/// <summary>
/// The ledger's text of each day met, made once: the rows of a million-row write name a few thousand days, and a
/// string made for each row's day lives as long as the write (two million of them for a receivables sync). Not for
/// use by several threads at once.
/// </summary>
internal sealed class DayTexts
{
    private readonly Dictionary<int, string> _texts = [];

    /// <summary>The day as <see cref="Iso.Text(DateOnly)"/> writes it.</summary>
    public string Of(DateOnly day)
    {
        ref var text = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_texts, day.DayNumber, out var known);
        if (!known)
        {
            text = Iso.Text(day);
        }

        return text!;
    }
}
