using System.Globalization;
using System.Text;

namespace Reconciler.Files;

/// <summary>The date formats a file may use (tried in order), with a fast path for ISO <c>yyyy-MM-dd</c>.</summary>
internal sealed class DateFormat
{
    private const string Iso = "yyyy-MM-dd";
    private const int MaxDateChars = 64;
    private static readonly DateOnly ExampleDate = new(2026, 3, 31);

    private readonly string[] _formats;
    private readonly bool _acceptsIso;

    public DateFormat(IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count == 0 || formats.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one date format is needed, and none may be empty.", nameof(formats));
        }

        _formats = [.. formats];
        _acceptsIso = _formats.Contains(Iso, StringComparer.Ordinal);
        Description = string.Join(" or ", _formats);
        // Through DateTime, so a format with a time of day ("yyyy-MM-dd HH:mm:ss", which ERP exports write) gives
        // an example too: the time is read and dropped.
        Example = ExampleDate.ToDateTime(TimeOnly.MinValue).ToString(_formats[0], CultureInfo.InvariantCulture);
        First = _formats[0];
    }

    /// <summary>ISO dates only.</summary>
    public static DateFormat IsoDate { get; } = new([Iso]);

    /// <summary>The formats for messages: <c>yyyy-MM-dd or dd/MM/yyyy</c>.</summary>
    public string Description { get; }

    /// <summary>A date in the first format, for messages: <c>2026-03-31</c>.</summary>
    public string Example { get; }

    /// <summary>The first format, the one writers use.</summary>
    public string First { get; }

    /// <summary>Parses UTF-8 text in one of the formats (surrounding spaces allowed).</summary>
    public bool TryParse(ReadOnlySpan<byte> utf8, out DateOnly date)
    {
        utf8 = utf8.Trim(" \t"u8);
        if (_acceptsIso && TryParseIso(utf8, out date))
        {
            return true;
        }

        if (utf8.Length > MaxDateChars)
        {
            date = default;
            return false;
        }

        Span<char> chars = stackalloc char[MaxDateChars];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return DateOnly.TryParseExact(chars[..length], _formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool TryParseIso(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
