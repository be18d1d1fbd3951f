using System.Globalization;

namespace Reconciler.Files;

/// <summary>How amounts are written in a file: the decimal separator and an optional thousands separator.</summary>
internal sealed class AmountFormat
{
    private readonly NumberStyles _styles;
    private readonly NumberFormatInfo _numberFormat;

    public AmountFormat(char decimalSeparator, char? thousandsSeparator)
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

        Example = thousandsSeparator is null
            ? string.Concat("1234", _numberFormat.NumberDecimalSeparator, "56")
            : string.Concat("1", _numberFormat.NumberGroupSeparator, "234", _numberFormat.NumberDecimalSeparator, "56");
    }

    /// <summary>Invariant amounts: a point for decimals, no thousands separators, an optional leading sign.</summary>
    public static AmountFormat Invariant { get; } = new('.', null);

    /// <summary>An amount as a clerk would write it in this format, for messages: <c>1234.56</c>.</summary>
    public string Example { get; }

    /// <summary>Parses UTF-8 text; no exponents, currency symbols or parentheses.</summary>
    public bool TryParse(ReadOnlySpan<byte> utf8, out decimal value) =>
        decimal.TryParse(utf8, _styles, _numberFormat, out value);
}
