namespace Reconciler.Files;

/// <summary>
/// Turns a currency cell into an ISO 4217 code: three letters (any case), a symbol that names one currency
/// (<c>€</c>, <c>£</c>), or a Chinese name (<c>人民币</c>, <c>美元</c>, <c>港币</c>…). An empty cell takes the default.
/// </summary>
internal sealed class CurrencyText
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["人民币"] = "CNY",
        ["人民币元"] = "CNY",
        ["RMB"] = "CNY",
        ["¥"] = "CNY",
        ["￥"] = "CNY",
        ["元"] = "CNY",
        ["美元"] = "USD",
        ["美金"] = "USD",
        ["US$"] = "USD",
        ["港币"] = "HKD",
        ["港元"] = "HKD",
        ["HK$"] = "HKD",
        ["欧元"] = "EUR",
        ["€"] = "EUR",
        ["英镑"] = "GBP",
        ["£"] = "GBP",
        ["日元"] = "JPY",
        ["澳元"] = "AUD",
        ["加元"] = "CAD",
        ["新加坡元"] = "SGD",
        ["瑞士法郎"] = "CHF",
    };

    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);

    public CurrencyText(string defaultCurrency)
    {
        if (!TryCode(defaultCurrency ?? "", out var code))
        {
            throw new ArgumentException(
                $"The default currency \"{defaultCurrency}\" is not a currency code (expected three letters such as CNY).",
                nameof(defaultCurrency));
        }

        Default = code;
    }

    /// <summary>The code of empty cells.</summary>
    public string Default { get; }

    /// <summary>The code for a cell's text; false when the text names no currency.</summary>
    public bool TryGet(string text, out string code)
    {
        if (_seen.TryGetValue(text, out code!))
        {
            return true;
        }

        var trimmed = text.Trim(" \t\u00A0\u3000".ToCharArray());
        if (trimmed.Length == 0)
        {
            code = Default;
        }
        else if (!TryCode(trimmed, out code))
        {
            return false;
        }

        // One string per currency, however many spellings the file uses, so a million lines share a handful.
        code = _codes.TryGetValue(code, out var shared) ? shared : _codes[code] = code;
        if (_seen.Count < 64)
        {
            _seen[text] = code;
        }

        return true;
    }

    private static bool TryCode(string text, out string code)
    {
        if (Names.TryGetValue(text, out code!))
        {
            return true;
        }

        if (text.Length == 3 && text.All(char.IsAsciiLetter))
        {
            code = text.ToUpperInvariant();
            return true;
        }

        code = "";
        return false;
    }
}
