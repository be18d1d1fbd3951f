using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// How a <see cref="ReceivableColumns"/> map reads values, on the parsers bank statements use: amounts with
/// <see cref="MoneyText"/>, dates with <see cref="DateText"/>, currencies with <see cref="CurrencyText"/>. The map
/// adds what those do not know: a thousands separator other than theirs, and currency symbols other than theirs.
/// Built once per file, before it is opened, so a map that cannot be used fails as an <see cref="ArgumentException"/>.
/// </summary>
internal sealed class ReceivableFormats
{
    private readonly MoneyText _money;
    private readonly char? _extraGroupSeparator;
    private readonly string[] _symbols;

    /// <exception cref="ArgumentException">The separators, date formats or default currency cannot be used.</exception>
    public ReceivableFormats(ReceivableColumns map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.ThousandsSeparator == map.DecimalSeparator)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The thousands separator '{map.ThousandsSeparator}' cannot also be the decimal separator."),
                nameof(map));
        }

        _money = new MoneyText(map.DecimalSeparator);
        _extraGroupSeparator = map.ThousandsSeparator is { } group && !IsKnownGroupSeparator(group, map.DecimalSeparator) ? group : null;

        // Longest first, so "HK$" is taken whole before "$" is tried.
        _symbols = [.. (map.CurrencySymbols ?? [])
            .Select(symbol => symbol.Trim())
            .Where(symbol => symbol.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(symbol => symbol.Length)];
        Dates = new DateText(map.DateFormats, excelSerials: false);
        Serials = new DateText(map.DateFormats, excelSerials: true);
        Currencies = new CurrencyText(map.DefaultCurrency);
    }

    /// <summary>An amount as the map writes it, for messages: <c>1,234.56</c>.</summary>
    public string AmountExample => _money.Example;

    /// <summary>Text dates in the map's formats (a number in text is never a serial day).</summary>
    public DateText Dates { get; }

    /// <summary>Number cells of a workbook read as Excel serial days.</summary>
    public DateText Serials { get; }

    /// <summary>Currency codes, symbols and names; the map's default for an empty cell.</summary>
    public CurrencyText Currencies { get; }

    /// <summary>
    /// Reads a text amount: what <see cref="MoneyText"/> reads (thousands groups, a sign, a currency symbol or code),
    /// with the map's own thousands separator, or one of the map's currency symbols before or after the number.
    /// </summary>
    public bool TryAmount(ReadOnlySpan<char> text, out decimal value)
    {
        if (_extraGroupSeparator is { } group && text.Contains(group))
        {
            // An apostrophe is a group separator MoneyText knows, and is held to the same three-digit groups.
            text = text.ToString().Replace(group, '\'');
        }

        return _money.TryParse(text, out value) || (_symbols.Length > 0 && TryWithoutSymbol(text, out value));
    }

    // One sign, then one of the map's symbols before or after the number ("-人民币5", "5 人民币"); MoneyText reads the rest.
    private bool TryWithoutSymbol(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        var s = text.Trim();
        var sign = s.Length > 0 && s[0] is '-' or '+' or '\u2212' ? s[..1] : default;
        s = s[sign.Length..].TrimStart();
        foreach (var symbol in _symbols)
        {
            if (s.StartsWith(symbol, StringComparison.Ordinal) || s.EndsWith(symbol, StringComparison.Ordinal))
            {
                var number = s.StartsWith(symbol, StringComparison.Ordinal) ? s[symbol.Length..] : s[..^symbol.Length];
                return _money.TryParse(string.Concat(sign, number.Trim()), out value);
            }
        }

        return false;
    }

    private static bool IsKnownGroupSeparator(char c, char decimalSeparator) =>
        c is ' ' or '\u00A0' or '\u202F' or '\'' || (c is '.' or ',' && c != decimalSeparator);
}
