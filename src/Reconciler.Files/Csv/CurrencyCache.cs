using System.Text;

namespace Reconciler.Files;

/// <summary>
/// Reads currency codes (three ASCII letters, upper-cased) and hands out one string instance per code, since a
/// file holds a handful of distinct values over millions of rows.
/// </summary>
internal sealed class CurrencyCache
{
    private const int MaxEntries = 64;
    private readonly List<KeyValuePair<byte[], string>> _entries = [];

    public CurrencyCache(string defaultCurrency)
    {
        if (!TryNormalize(Encoding.UTF8.GetBytes(defaultCurrency ?? ""), out var code))
        {
            throw new ArgumentException(
                $"The default currency \"{defaultCurrency}\" is not a currency code (expected three letters such as CNY).",
                nameof(defaultCurrency));
        }

        Default = code;
    }

    /// <summary>The code used for an empty field.</summary>
    public string Default { get; }

    /// <summary>Reads a code; an empty (or blank) value gives <see cref="Default"/>.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string code)
    {
        foreach (var entry in _entries)
        {
            if (utf8.SequenceEqual(entry.Key))
            {
                code = entry.Value;
                return true;
            }
        }

        var trimmed = utf8.Trim(" \t"u8);
        if (trimmed.IsEmpty)
        {
            code = Default;
        }
        else if (!TryNormalize(trimmed, out code))
        {
            return false;
        }

        if (_entries.Count < MaxEntries)
        {
            code = Intern(code);
            _entries.Add(new(utf8.ToArray(), code));
        }

        return true;
    }

    private static bool TryNormalize(ReadOnlySpan<byte> utf8, out string code)
    {
        utf8 = utf8.Trim(" \t"u8);
        if (utf8.Length != 3)
        {
            code = "";
            return false;
        }

        Span<char> chars = stackalloc char[3];
        for (var i = 0; i < 3; i++)
        {
            var c = (char)utf8[i];
            if (!char.IsAsciiLetter(c))
            {
                code = "";
                return false;
            }

            chars[i] = char.ToUpperInvariant(c);
        }

        code = new string(chars);
        return true;
    }

    private string Intern(string code)
    {
        if (string.Equals(code, Default, StringComparison.Ordinal))
        {
            return Default;
        }

        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Value, code, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return code;
    }
}
