using System.Globalization;

namespace Reconciler.Storage.Erp;

/// <summary>
/// The values an ERP query gives, as the providers hand them over (<c>decimal</c> from <c>numeric</c>, <c>double</c>
/// from SQLite <c>REAL</c>, <c>long</c>, <c>DateTime</c> from <c>date</c>, text…), turned into text, amounts and days.
/// Each conversion says false rather than guess; the mapper turns that into a message.
/// </summary>
internal static class ErpValues
{
    /// <summary>The largest magnitude a double may have and still be a decimal.</summary>
    private const double MaxAmount = 7.9e28;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>ISO 8601 days, with or without a time, fractions and an offset; always read after the configured formats.</summary>
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>True when the value is missing: SQL NULL, or text that is empty or blank.</summary>
    public static bool IsEmpty(object? value) => value is null or DBNull || (value is string text && string.IsNullOrWhiteSpace(text));

    /// <summary>A value as text: text trimmed, whole numbers as their digits, days as <c>yyyy-MM-dd</c>; false for binary values.</summary>
    public static bool TryText(object? value, out string text)
    {
        if (value is byte[])
        {
            text = "";
            return false;
        }

        text = value switch
        {
            null or DBNull => "",
            string s => s.Trim(),
            decimal d => Digits(d),
            double d when double.IsFinite(d) && Math.Abs(d) < MaxAmount => Digits((decimal)d),
            float f when float.IsFinite(f) => Digits((decimal)f),
            DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", Invariant) : t.ToString("yyyy-MM-dd HH:mm:ss", Invariant),
            DateOnly d => d.ToString("yyyy-MM-dd", Invariant),
            IFormattable formattable => formattable.ToString(null, Invariant).Trim(),
            _ => value.ToString()?.Trim() ?? "",
        };
        return true;
    }

    /// <summary>
    /// An amount: a number of any type as it is, or text with <c>.</c> for decimals and optional <c>,</c> between groups
    /// of three digits (<c>1,234.56</c>); false for anything else (NaN, a word, a date, <c>1,2,3</c>).
    /// </summary>
    public static bool TryAmount(object? value, out decimal amount)
    {
        amount = 0;
        switch (value)
        {
            case decimal d:
                amount = d;
                return true;
            case double d when double.IsFinite(d) && Math.Abs(d) < MaxAmount:
                amount = (decimal)d;
                return true;
            case float f when float.IsFinite(f):
                amount = (decimal)f;
                return true;
            case long or int or short or sbyte or byte or ushort or uint or ulong:
                amount = Convert.ToDecimal(value, Invariant);
                return true;
            case string text:
                return TryAmountText(text.Trim(), out amount);
            default:
                return false;
        }
    }

    /// <summary>
    /// A day: a date or timestamp value's day (its time dropped), or text (or a whole number, such as 20260131) in one
    /// of <paramref name="formats"/> or in ISO 8601; false for anything else.
    /// </summary>
    public static bool TryDate(object? value, IReadOnlyList<string> formats, out DateOnly date)
    {
        date = default;
        switch (value)
        {
            case DateOnly day:
                date = day;
                return true;
            case DateTime time:
                date = DateOnly.FromDateTime(time);
                return true;
            case DateTimeOffset instant:
                date = DateOnly.FromDateTime(instant.DateTime);
                return true;
            case string or long or int or decimal or double:
                return TryText(value, out var text) && TryDateText(text, formats, out date);
            default:
                return false;
        }
    }

    /// <summary>What a value is, for a message: text quoted, other values with their type, e.g. <c>2026-01-05 (a DateTime)</c>.</summary>
    public static string Shown(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => ErpFormatException.Quote(text),
        byte[] bytes => string.Create(Invariant, $"{bytes.Length} bytes of binary data"),
        _ => $"{(TryText(value, out var text) ? text : value.ToString())} (a {value.GetType().Name})",
    };

    /// <summary>A value as text for <see cref="ErpFormatException.Value"/>.</summary>
    public static string Raw(object? value) => value is null or DBNull ? "" : TryText(value, out var text) ? text : value.ToString() ?? "";

    private static string Digits(decimal value) => value == decimal.Truncate(value)
        ? decimal.Truncate(value).ToString(Invariant)
        : value.ToString(Invariant);

    private static bool TryAmountText(string text, out decimal amount)
    {
        amount = 0;
        var negative = text.StartsWith('-');
        var body = negative || text.StartsWith('+') ? text[1..] : text;
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? body : body[..dot];
        var fraction = dot < 0 ? "" : body[(dot + 1)..];
        if ((dot >= 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        var groups = whole.Split(',');
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit))
            || (groups.Length > 1 && (groups[0].Length > 3 || groups.Skip(1).Any(g => g.Length != 3))))
        {
            return false;
        }

        var digits = fraction.Length > 0 ? string.Concat(string.Concat(groups), ".", fraction) : string.Concat(groups);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, Invariant, out amount))
        {
            return false;
        }

        amount = negative ? -amount : amount;
        return true;
    }

    private static bool TryDateText(string text, IReadOnlyList<string> formats, out DateOnly date)
    {
        date = default;
        foreach (var format in formats)
        {
            if (DateTime.TryParseExact(text, format, Invariant, DateTimeStyles.AllowWhiteSpaces, out var time))
            {
                date = DateOnly.FromDateTime(time);
                return true;
            }
        }

        // The day as written, whatever the offset says (an ERP in UTC+8 writing 2026-01-05T00:00:00+08:00 means the 5th).
        if (DateTimeOffset.TryParseExact(text, IsoFormats, Invariant, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var instant))
        {
            date = DateOnly.FromDateTime(instant.DateTime);
            return true;
        }

        return false;
    }
}
