using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// Reads an amount as banks write it: a decimal point or comma (as the profile says), thousands separators
/// (the other of point and comma, a space, a no-break space or an apostrophe), a currency symbol or code before
/// or after (<c>¥28.16</c>, <c>€ 12,50</c>, <c>1.234,56 EUR</c>, <c>HK$ 5</c>), a sign before or after the
/// number (<c>-5</c>, <c>+5</c>, <c>5-</c>), or parentheses for a negative (<c>(5.00)</c>).
/// </summary>
internal sealed class MoneyText
{
    private const int MaxMantissaDigits = 18;

    /// <summary>
    /// A workbook's number cell (a double) as a decimal; false when it is not finite or beyond what a decimal holds
    /// (about 7.9E+28; this stops at 7.9E+27, already far beyond <see cref="Domain.AmountLimits.MaxAmount"/>), which
    /// the readers refuse as any amount too large.
    /// </summary>
    public static bool TryNumberCell(double number, out decimal amount)
    {
        var fits = double.IsFinite(number) && Math.Abs(number) < 7.9e27;
        amount = fits ? (decimal)number : 0;
        return fits;
    }

    private readonly char _decimal;

    public MoneyText(char decimalSeparator)
    {
        if (decimalSeparator is not ('.' or ','))
        {
            throw new ArgumentException($"The decimal separator must be \".\" or \",\", not \"{decimalSeparator}\".", nameof(decimalSeparator));
        }

        _decimal = decimalSeparator;
        Example = decimalSeparator == '.' ? "1,234.56" : "1.234,56";
    }

    /// <summary>Amounts with a decimal point.</summary>
    public static MoneyText Point { get; } = new('.');

    /// <summary>Amounts with a decimal comma.</summary>
    public static MoneyText Comma { get; } = new(',');

    /// <summary>The decimal separator.</summary>
    public char DecimalSeparator => _decimal;

    /// <summary>An amount as this format writes it, for messages.</summary>
    public string Example { get; }

    /// <summary>Parses an amount; false for empty text or anything that is not one amount.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out decimal value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses an amount as <see cref="TryParse(ReadOnlySpan{char}, out decimal)"/> does, also giving the currency the
    /// text names, when it names one beyond doubt: a code of three capitals (<c>EUR</c>, <c>RMB</c>), <c>HK$</c>,
    /// <c>US$</c>, <c>€</c> or <c>£</c>; null for none, or for a symbol several currencies share (<c>$</c>, <c>¥</c>).
    /// </summary>
    public bool TryParse(ReadOnlySpan<char> text, out decimal value, out string? currency)
    {
        value = 0;
        currency = null;
        var s = Trim(text);
        if (s.IsEmpty)
        {
            return false;
        }

        var negative = false;
        var signs = 0;
        if (s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            signs++;
            s = Trim(s[1..^1]);
        }

        // Sign and currency may come in either order before the number ("-$5", "$-5", "¥ -5"), and after it ("5- EUR").
        if (TakeSign(ref s, leading: true, ref negative))
        {
            signs++;
        }

        if (SkipCurrency(ref s, leading: true, ref currency) && TakeSign(ref s, leading: true, ref negative))
        {
            signs++;
        }

        if (TakeSign(ref s, leading: false, ref negative))
        {
            signs++;
        }

        if (SkipCurrency(ref s, leading: false, ref currency) && TakeSign(ref s, leading: false, ref negative))
        {
            signs++;
        }

        if (signs > 1 || s.IsEmpty || !char.IsAsciiDigit(s[0]) && s[0] != _decimal)
        {
            return false;
        }

        if (!TryDigits(s, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    private bool TryDigits(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        var lastGroup = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (digits == MaxMantissaDigits)
                {
                    return TryLong(s, out value);
                }

                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == _decimal && scale < 0)
            {
                scale = 0;
            }
            else if (IsGroupSeparator(c) && scale < 0 && i > 0 && char.IsAsciiDigit(s[i - 1]) && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                // A group separator sits between digits, three digits after the previous one (the first group may be
                // shorter, never longer: "1234,567" is no amount with a decimal point).
                if (lastGroup >= 0 ? i - lastGroup != 4 : digits > 3)
                {
                    return false;
                }

                lastGroup = i;
            }
            else
            {
                return false;
            }
        }

        if (lastGroup >= 0 && (scale >= 0 ? s.IndexOf(_decimal) : s.Length) - lastGroup != 4)
        {
            return false;
        }

        if (digits == 0)
        {
            return false;
        }

        value = new decimal(mantissa) / Pow10(Math.Max(scale, 0));
        return true;
    }

    private bool TryLong(ReadOnlySpan<char> s, out decimal value)
    {
        // Beyond 18 digits (amounts that large are rare, but valid): the same rules, through decimal.Parse.
        value = 0;
        Span<char> clean = stackalloc char[s.Length];
        var length = 0;
        var point = false;
        var sinceGroup = -1;
        var leading = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                clean[length++] = c;
                sinceGroup += sinceGroup >= 0 ? 1 : 0;
                leading += sinceGroup < 0 && !point ? 1 : 0;
            }
            else if (c == _decimal && !point)
            {
                if (sinceGroup is >= 0 and not 3)
                {
                    return false;
                }

                clean[length++] = '.';
                point = true;
                sinceGroup = -1;
            }
            else if (IsGroupSeparator(c) && !point && (sinceGroup == 3 || (sinceGroup == -1 && leading is >= 1 and <= 3)))
            {
                sinceGroup = 0;
            }
            else
            {
                return false;
            }
        }

        if (sinceGroup is >= 0 and not 3)
        {
            return false;
        }

        return decimal.TryParse(clean[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static decimal Pow10(int scale) => scale switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        4 => 10000m,
        _ => (decimal)Math.Pow(10, scale),
    };

    private bool IsGroupSeparator(char c) => c is ' ' or '\u00A0' or '\u202F' or '\'' || (c is '.' or ',' && c != _decimal);

    private static bool TakeSign(ref ReadOnlySpan<char> s, bool leading, ref bool negative)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        var c = leading ? s[0] : s[^1];
        if (c is not ('-' or '+' or '\u2212'))
        {
            return false;
        }

        negative |= c != '+';
        s = Trim(leading ? s[1..] : s[..^1]);
        return true;
    }

    /// <summary>
    /// Skips one currency token at the start or the end: a symbol (<c>¥ $ € £</c>…, <c>元</c>), an ISO code of three
    /// capital letters (<c>EUR</c>, <c>RMB</c>), or two capitals and a dollar (<c>HK$</c>, <c>US$</c>). Words such as
    /// <c>TOTAL</c> or debit marks such as <c>DR</c> are not currencies, so text holding them is not an amount.
    /// </summary>
    private static bool SkipCurrency(ref ReadOnlySpan<char> s, bool leading, ref string? currency)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        var length = CurrencyLength(s, leading);
        if (length == 0)
        {
            return false;
        }

        var token = leading ? s[..length] : s[^length..];
        currency ??= token switch
        {
            "€" => "EUR",
            "£" => "GBP",
            "HK$" => "HKD",
            "US$" => "USD",
            _ => token.Length == 3 && char.IsAsciiLetterUpper(token[2]) ? new string(token) : null,
        };
        s = Trim(leading ? s[length..] : s[..^length]);
        return true;
    }

    private static int CurrencyLength(ReadOnlySpan<char> s, bool leading)
    {
        if (IsSymbol(leading ? s[0] : s[^1]))
        {
            return 1;
        }

        if (s.Length < 3)
        {
            return 0;
        }

        var token = leading ? s[..3] : s[^3..];
        var letters = char.IsAsciiLetterUpper(token[0]) && char.IsAsciiLetterUpper(token[1]);
        var code = letters && (char.IsAsciiLetterUpper(token[2]) || (token[2] == '$' && leading));
        if (!code)
        {
            return 0;
        }

        // The token must stand alone: "EUR 5" or "5EUR", never the start of a longer word ("TOTAL").
        var next = leading ? (s.Length > 3 ? s[3] : ' ') : (s.Length > 3 ? s[^4] : ' ');
        return char.IsLetter(next) ? 0 : 3;
    }

    private static bool IsSymbol(char c) => c is '$' or '¥' or '￥' or '€' or '£' or '元' or '₩' or '₹' or '₽' or '₺' or '₫' or '฿';

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s) => s.Trim(" \t\u00A0\u3000");
}
