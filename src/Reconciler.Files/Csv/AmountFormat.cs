using System.Globalization;
using System.Text;

namespace Reconciler.Files;

/// <summary>
/// How amounts are written in a file: the decimal separator, an optional thousands separator and the currency
/// symbols or codes that may stand before or after the number (<c>¥1,234.56</c>, <c>-¥5</c>, <c>1,234.56 元</c>).
/// </summary>
internal sealed class AmountFormat
{
    private readonly NumberStyles _styles;
    private readonly NumberFormatInfo _numberFormat;
    private readonly byte[][] _symbols;

    public AmountFormat(char decimalSeparator, char? thousandsSeparator, IReadOnlyList<string>? currencySymbols = null)
    {
        if (thousandsSeparator == decimalSeparator)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The thousands separator '{thousandsSeparator}' cannot also be the decimal separator."),
                nameof(thousandsSeparator));
        }

        _numberFormat = (NumberFormatInfo)NumberFormatInfo.InvariantInfo.Clone();
        _numberFormat.NumberDecimalSeparator = decimalSeparator.ToString();
        _numberFormat.NumberGroupSeparator = thousandsSeparator?.ToString() ?? (decimalSeparator == ',' ? "." : ",");
        _styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
            | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (thousandsSeparator is not null)
        {
            _styles |= NumberStyles.AllowThousands;
        }

        // Longest first, so "HK$" is taken whole before "$" is tried.
        _symbols = [.. (currencySymbols ?? [])
            .Select(symbol => symbol.Trim())
            .Where(symbol => symbol.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(symbol => symbol.Length)
            .Select(symbol => Encoding.UTF8.GetBytes(symbol))];
        Example = thousandsSeparator is null
            ? string.Concat("1234", _numberFormat.NumberDecimalSeparator, "56")
            : string.Concat("1", _numberFormat.NumberGroupSeparator, "234", _numberFormat.NumberDecimalSeparator, "56");
    }

    /// <summary>Invariant amounts: a point for decimals, no thousands separators, an optional leading sign.</summary>
    public static AmountFormat Invariant { get; } = new('.', null);

    /// <summary>An amount as a clerk would write it in this format, for messages: <c>1234.56</c>.</summary>
    public string Example { get; }

    /// <summary>Parses UTF-8 text; no exponents or parentheses, and currency symbols only when the format has some.</summary>
    public bool TryParse(ReadOnlySpan<byte> utf8, out decimal value) =>
        _symbols.Length == 0
            ? decimal.TryParse(utf8, _styles, _numberFormat, out value)
            : TryParseWithSymbol(utf8, out value);

    // One sign and one symbol, in either order, before the number ("-¥5", "¥-5", "¥ 5"), or the symbol after it ("5元").
    private bool TryParseWithSymbol(ReadOnlySpan<byte> utf8, out decimal value)
    {
        value = 0;
        var s = utf8.Trim(" \t"u8);
        var negative = TakeMinus(ref s);
        var symbol = TakeSymbol(ref s, leading: true);
        if (!negative && symbol)
        {
            negative = TakeMinus(ref s);
        }

        if (!symbol)
        {
            TakeSymbol(ref s, leading: false);
        }

        if (s.IsEmpty || (negative && s[0] is (byte)'-' or (byte)'+'))
        {
            return false;
        }

        if (!decimal.TryParse(s, _styles, _numberFormat, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    private static bool TakeMinus(ref ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s[0] != (byte)'-')
        {
            return false;
        }

        s = s[1..].TrimStart(" \t"u8);
        return true;
    }

    private bool TakeSymbol(ref ReadOnlySpan<byte> s, bool leading)
    {
        foreach (var symbol in _symbols)
        {
            if (leading && s.StartsWith(symbol))
            {
                s = s[symbol.Length..].TrimStart(" \t"u8);
                return true;
            }

            if (!leading && s.EndsWith(symbol))
            {
                s = s[..^symbol.Length].TrimEnd(" \t"u8);
                return true;
            }
        }

        return false;
    }
}
