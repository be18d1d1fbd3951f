using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// Reads dates in the formats a profile lists (tried in order, invariant culture). A format may hold a time
/// (<c>yyyy-MM-dd HH:mm:ss</c>): the time is kept apart. Workbook cells that are real dates, and workbook number
/// cells (Excel serial days) where the reader allows them, are dates too. A bare number written as text (a CSV's
/// <c>45231</c>) is a date only when the formats list <see cref="SerialFormat"/>: in a text file it is almost always
/// a column mix-up, so it is refused unless a profile declares that its bank writes serial days.
/// </summary>
internal sealed class DateText
{
    private const string Iso = "yyyy-MM-dd";
    private static readonly DateTime ExampleDate = new(2026, 3, 31, 14, 5, 0, DateTimeKind.Unspecified);

    // Excel serial numbers for 1950-01-01 and 2099-12-31: anything else in a date column is not a date.
    private const double FirstSerial = 18264;
    private const double LastSerial = 73050;

    /// <summary>
    /// The pseudo-format a profile lists in <c>dateFormats</c> when its bank writes dates as Excel serial day numbers
    /// in a text file (<c>45231</c> for 2023-11-01).
    /// </summary>
    public const string SerialFormat = "excel-serial";

    private readonly string[] _formats;
    private readonly bool _iso;

    /// <param name="formats">The formats, tried in order; <see cref="SerialFormat"/> among them reads text serial days.</param>
    /// <param name="excelSerials">Whether a workbook's number cell (<see cref="TryTyped"/>) is read as an Excel serial day.</param>
    public DateText(IReadOnlyList<string> formats, bool excelSerials)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count == 0 || formats.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one date format is needed, and none may be empty.", nameof(formats));
        }

        _formats = [.. formats.Where(f => !IsSerialFormat(f))];
        TextSerials = _formats.Length < formats.Count;
        _iso = _formats.Contains(Iso, StringComparer.Ordinal);
        ExcelSerials = excelSerials;
        Description = string.Join(" or ", [.. _formats, .. TextSerials ? (string[])["an Excel serial day number"] : []]);
        Example = _formats.Length > 0
            ? ExampleDate.ToString(_formats[0], CultureInfo.InvariantCulture)
            : ExampleDate.Date.ToOADate().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when a number cell of a workbook in a date column is read as an Excel serial date.</summary>
    public bool ExcelSerials { get; }

    /// <summary>True when the formats list <see cref="SerialFormat"/>: a bare number written as text is a serial day.</summary>
    public bool TextSerials { get; }

    /// <summary>The formats for messages: <c>yyyy-MM-dd or dd/MM/yyyy</c>.</summary>
    public string Description { get; }

    /// <summary>A date in the first format, for messages.</summary>
    public string Example { get; }

    /// <summary>Parses text in one of the formats (surrounding spaces and tabs allowed).</summary>
    public bool TryParse(ReadOnlySpan<char> text, out DateOnly date, out TimeOnly? time)
    {
        text = text.Trim(" \t\u00A0\u3000");
        time = null;
        if (_iso && text.Length == 10 && TryIso(text, out date))
        {
            return true;
        }

        if (_formats.Length > 0 && DateTime.TryParseExact(text, _formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var value))
        {
            date = DateOnly.FromDateTime(value);
            time = value.TimeOfDay == TimeSpan.Zero && !HasTime(text) ? null : TimeOnly.FromDateTime(value);
            return true;
        }

        if (TextSerials && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial))
        {
            return TrySerial(serial, out date, out time);
        }

        date = default;
        return false;
    }

    /// <summary>A workbook cell's typed value: a date cell, or a number when serials are allowed.</summary>
    public bool TryTyped(object? value, out DateOnly date, out TimeOnly? time)
    {
        switch (value)
        {
            case DateTime d:
                date = DateOnly.FromDateTime(d);
                time = d.TimeOfDay == TimeSpan.Zero ? null : TimeOnly.FromDateTime(d);
                return true;
            case double n when ExcelSerials:
                return TrySerial(n, out date, out time);
            default:
                date = default;
                time = null;
                return false;
        }
    }

    /// <summary>True for <see cref="SerialFormat"/> (trimmed, any case).</summary>
    public static bool IsSerialFormat(string format) =>
        string.Equals(format?.Trim(), SerialFormat, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For a value refused as a date: when it is a bare number that reads as an Excel serial day, a sentence saying
    /// so (with the day it would be) and what to do; otherwise empty.
    /// </summary>
    public static string SerialHint(ReadOnlySpan<char> text)
    {
        text = text.Trim(" \t\u00A0\u3000");
        if (text.IsEmpty || !char.IsAsciiDigit(text[0])
            || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
            || !TrySerial(serial, out var date, out _))
        {
            return "";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"; it looks like an Excel serial day number ({date:yyyy-MM-dd}), which a text file should not hold: check that the date column is the right one, or export the dates as text (a bank that really writes serial days needs \"{SerialFormat}\" in its profile's dateFormats)");
    }

    private static bool TrySerial(double serial, out DateOnly date, out TimeOnly? time)
    {
        date = default;
        time = null;
        if (serial is < FirstSerial or > LastSerial)
        {
            return false;
        }

        var value = DateTime.FromOADate(serial);
        date = DateOnly.FromDateTime(value);
        time = value.TimeOfDay == TimeSpan.Zero ? null : TimeOnly.FromDateTime(value);
        return true;
    }

    private static bool HasTime(ReadOnlySpan<char> text) => text.Contains(':');

    private static bool TryIso(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s[4] != '-' || s[7] != '-'
            || !int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.Slice(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(s.Slice(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
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
}
