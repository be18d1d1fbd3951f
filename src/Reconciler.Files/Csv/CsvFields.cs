using System.Globalization;
using CsvHelper;

namespace Reconciler.Files;

/// <summary>Writes numbers and dates as fields, formatted by <see cref="InvariantFormat"/>.</summary>
internal static class CsvFields
{
    /// <summary>An amount: at least two decimals, more when the value has them.</summary>
    public static void WriteMoney(this CsvWriter writer, decimal value)
    {
        Span<char> buffer = stackalloc char[InvariantFormat.MaxMoneyChars];
        writer.WriteField(buffer[..InvariantFormat.Money(value, buffer)]);
    }

    /// <summary>A date in <paramref name="format"/>; ISO <c>yyyy-MM-dd</c> is formatted without a format string.</summary>
    public static void WriteDate(this CsvWriter writer, DateOnly value, string format = CsvOutput.DateFormat)
    {
        Span<char> buffer = stackalloc char[64];
        if (string.Equals(format, CsvOutput.DateFormat, StringComparison.Ordinal))
        {
            writer.WriteField(buffer[..InvariantFormat.IsoDate(value, buffer)]);
        }
        else
        {
            writer.WriteField(value.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A whole number.</summary>
    public static void WriteInteger(this CsvWriter writer, int value)
    {
        Span<char> buffer = stackalloc char[11];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteField(buffer[..written]);
    }

    /// <summary>A fraction with two decimals (confidence).</summary>
    public static void WriteFixed2(this CsvWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[32];
        if (!value.TryFormat(buffer, out var written, "F2", CultureInfo.InvariantCulture))
        {
            writer.WriteField(value.ToString("F2", CultureInfo.InvariantCulture));
            return;
        }

        writer.WriteField(buffer[..written]);
    }
}
