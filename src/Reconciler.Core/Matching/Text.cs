using System.Globalization;
using System.Text;

namespace Reconciler.Matching;

/// <summary>Text helpers shared by the normalisers and the memo scanner.</summary>
internal static class Text
{
    /// <summary>
    /// Applies Unicode NFKC (full-width forms become ASCII, the ideographic space a space). Text made only of
    /// ASCII, CJK ideographs, CJK punctuation and full-width forms, which is nearly every bank memo and name, is
    /// folded here without calling ICU, with the same result NFKC gives; anything else goes through
    /// <see cref="string.Normalize(NormalizationForm)"/>.
    /// </summary>
    public static string FoldWidth(string text)
    {
        var fold = false;
        foreach (var c in text)
        {
            if (c < 0x80 || KeepsWidth(c))
            {
                continue;
            }

            if (IsFullWidth(c))
            {
                fold = true;
                continue;
            }

            return text.Normalize(NormalizationForm.FormKC);
        }

        return fold ? FoldFullWidth(text) : text;
    }

    /// <summary>
    /// For text read a character at a time as <see cref="FoldWidth"/> would give it: folds a full-width form to its ASCII
    /// character in place; false when <paramref name="c"/> is one for which <see cref="FoldWidth"/> normalises the whole
    /// text (NFKC) instead, which the reader must then do.
    /// </summary>
    internal static bool TryFoldAsRead(ref char c)
    {
        if (c < 0x80 || KeepsWidth(c))
        {
            return true;
        }

        if (IsFullWidth(c))
        {
            c = FoldFullWidth(c);
            return true;
        }

        return false;
    }

    /// <summary>True for a CJK ideograph or CJK punctuation: <see cref="FoldWidth"/> leaves it as it is.</summary>
    internal static bool KeepsWidth(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3001' and <= '\u3035');

    /// <summary>True for the ideographic space or a full-width ASCII form, which <see cref="FoldFullWidth(char)"/> folds.</summary>
    internal static bool IsFullWidth(char c) => c is '\u3000' or (>= '\uFF01' and <= '\uFF5E');

    /// <summary>The ASCII character of a full-width form (<see cref="IsFullWidth"/>), as NFKC gives it.</summary>
    internal static char FoldFullWidth(char c) => c == '\u3000' ? ' ' : (char)(c - 0xFEE0);

    private static string FoldFullWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = IsFullWidth(c) ? FoldFullWidth(c) : c;
        }
    });

    /// <summary>
    /// Characters that may stand between the parts of one contract number in a memo (<c>KL26-004512</c>,
    /// <c>KL26 004512</c>, <c>HT2026/0458</c>, <c>PO#2026-0458</c>): every character the key normaliser drops
    /// (punctuation, symbols, white space), except those that end a list item — comma, semicolon, their CJK
    /// forms, the ideographic comma and full stop — and line breaks. Letters and digits of other scripts (CJK
    /// text around a reference) also end it.
    /// </summary>
    public static bool IsSeparator(char c) =>
        c is not (',' or ';' or '\n' or '\r' or '，' or '；' or '、' or '。') && !char.IsLetterOrDigit(c);

    /// <summary>The most characters <see cref="TryMoney"/> writes (the largest decimal, grouped, with sign and cents).</summary>
    public const int MaxMoneyChars = 48;

    /// <summary>Formats money for explanations: <c>9,950.00</c> (rounded half away from zero to cents).</summary>
    public static string Money(decimal amount)
    {
        Span<char> buffer = stackalloc char[MaxMoneyChars];
        _ = TryMoney(amount, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Writes <see cref="Money"/>'s text to <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryMoney(decimal amount, Span<char> destination, out int written)
    {
        if (Math.Abs(amount) >= 1e15m)
        {
            return amount.TryFormat(destination, out written, "#,##0.00", CultureInfo.InvariantCulture);
        }

        var cents = Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var value = (long)cents;
        Span<char> buffer = stackalloc char[32];
        var position = buffer.Length;
        var magnitude = (ulong)Math.Abs(value);
        buffer[--position] = (char)('0' + (int)(magnitude % 10));
        buffer[--position] = (char)('0' + (int)(magnitude / 10 % 10));
        buffer[--position] = '.';
        magnitude /= 100;
        var digits = 0;
        do
        {
            if (digits > 0 && digits % 3 == 0)
            {
                buffer[--position] = ',';
            }

            buffer[--position] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
            digits++;
        }
        while (magnitude > 0);

        if (value < 0)
        {
            buffer[--position] = '-';
        }

        written = buffer.Length - position;
        return buffer[position..].TryCopyTo(destination);
    }

    /// <summary>Formats a date for explanations: <c>2026-02-10</c>.</summary>
    public static string Date(DateOnly date) => string.Create(10, date, static (span, d) => TryDate(d, span, out _));

    /// <summary>Writes <see cref="Date"/>'s text to <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryDate(DateOnly date, Span<char> destination, out int written)
    {
        written = 0;
        if (destination.Length < 10)
        {
            return false;
        }

        var (year, month, day) = date; // yyyy-MM-dd: DateOnly years are 1 to 9999, four digits zero-padded
        destination[0] = (char)('0' + (year / 1000));
        destination[1] = (char)('0' + (year / 100 % 10));
        destination[2] = (char)('0' + (year / 10 % 10));
        destination[3] = (char)('0' + (year % 10));
        destination[4] = '-';
        destination[5] = (char)('0' + (month / 10));
        destination[6] = (char)('0' + (month % 10));
        destination[7] = '-';
        destination[8] = (char)('0' + (day / 10));
        destination[9] = (char)('0' + (day % 10));
        written = 10;
        return true;
    }

    /// <summary>Formats a signed percentage for explanations: <c>-0.50%</c>, <c>+2.10%</c>.</summary>
    public static string Percent(decimal part, decimal whole)
    {
        Span<char> buffer = stackalloc char[64];
        _ = TryPercent(part, whole, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Writes <see cref="Percent"/>'s text to <paramref name="destination"/>; false when it does not fit.</summary>
    public static bool TryPercent(decimal part, decimal whole, Span<char> destination, out int written)
    {
        written = 0;
        if (whole == 0)
        {
            return Copy("n/a", destination, ref written);
        }

        var percent = Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);
        if (percent > 0 && !Copy("+", destination, ref written))
        {
            return false;
        }

        int digits;
        if (Math.Abs(percent) < 1e15m && !(percent == 0 && decimal.IsNegative(percent)))
        {
            // "0.00" by hand: the value is already rounded to cents of a percent.
            var hundredths = (long)(percent * 100m);
            Span<char> buffer = stackalloc char[24];
            var position = buffer.Length;
            var magnitude = (ulong)Math.Abs(hundredths);
            buffer[--position] = (char)('0' + (int)(magnitude % 10));
            buffer[--position] = (char)('0' + (int)(magnitude / 10 % 10));
            buffer[--position] = '.';
            magnitude /= 100;
            do
            {
                buffer[--position] = (char)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }
            while (magnitude > 0);

            if (hundredths < 0)
            {
                buffer[--position] = '-';
            }

            if (!buffer[position..].TryCopyTo(destination[written..]))
            {
                return false;
            }

            digits = buffer.Length - position;
        }
        else if (!percent.TryFormat(destination[written..], out digits, "0.00", CultureInfo.InvariantCulture))
        {
            return false;
        }

        written += digits;
        return Copy("%", destination, ref written);
    }

    private static bool Copy(ReadOnlySpan<char> text, Span<char> destination, ref int written)
    {
        if (!text.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }

    /// <summary>Formats the tolerance setting: <c>±3%</c> or <c>±3% (at most 50.00)</c>.</summary>
    public static string Tolerance(MatchingOptions options) =>
        "±" + options.TolerancePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        + (options.ToleranceCap is { } cap ? " (at most " + Money(cap) + ")" : "");
}
