using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Reconciler.Files;

/// <summary>
/// The current row of a worksheet read for receivables, cell by cell with the cells' own types: a date cell is a
/// date, a number cell a number (whatever separators the map gives for text), and only text cells are parsed as
/// the <see cref="ReceivableColumns"/> say. Every problem becomes an <see cref="InputFormatException"/> naming the
/// file (and sheet), the physical row, the column, the value and what was expected.
/// </summary>
internal sealed class ReceivableSheetRow
{
    // Excel's serial day numbers (1900 date system): 61 is 1900-03-01, the first one after Excel's phantom
    // 1900-02-29, from where DateTime.FromOADate agrees with Excel; 2958465 is 9999-12-31.
    private const double FirstSerial = 61;
    private const double LastSerial = 2958466;

    // Beyond about 7.9e28 a double does not fit in a decimal.
    private const double MaxAmount = 7.9e28;

    private readonly IExcelDataReader _reader;
    private readonly AmountFormat _amounts;
    private readonly DateFormat _dates;
    private readonly CurrencyCache _currencies;
    private byte[] _utf8 = new byte[256];

    public ReceivableSheetRow(IExcelDataReader reader, string location, AmountFormat amounts, DateFormat dates, CurrencyCache currencies)
    {
        _reader = reader;
        Location = location;
        _amounts = amounts;
        _dates = dates;
        _currencies = currencies;
    }

    /// <summary>The file, and the sheet when the workbook has several: <c>erp.xlsx, sheet 应收明细</c>.</summary>
    public string Location { get; }

    /// <summary>The physical row in the sheet, 1-based.</summary>
    public int Row => _reader.Depth + 1;

    /// <summary>The number of cells in the row.</summary>
    public int Count => _reader.FieldCount;

    /// <summary>Every cell of the row as text, for header matching.</summary>
    public string[] Texts()
    {
        var cells = new string[Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Text(i);
        }

        return cells;
    }

    /// <summary>True when no cell holds a value (blank text counts as none).</summary>
    public bool IsEmpty()
    {
        for (var i = 0; i < Count; i++)
        {
            if (_reader.GetValue(i) is { } value && (value is not string text || !string.IsNullOrWhiteSpace(text)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A cell as text, trimmed: numbers invariant (<c>123456</c>, <c>12.5</c>), dates <c>yyyy-MM-dd</c>; empty when the column is absent (-1).</summary>
    public string Text(int index) => index < 0 || index >= Count ? "" : CellText(_reader.GetValue(index));

    /// <summary>A text that must not be empty.</summary>
    public string RequiredText(int index, string column, string what)
    {
        var text = Text(index);
        return text.Length > 0 ? text : throw Error(column, "", $"the value is empty (expected {what})");
    }

    /// <summary>An amount: a number cell as it is, a text cell in the map's format; must not be empty.</summary>
    public decimal Amount(int index, string column)
    {
        switch (Value(index))
        {
            case double number when Math.Abs(number) < MaxAmount:
                return (decimal)number;
            case string text when text.Trim().Length > 0:
                return _amounts.TryParse(Utf8(text), out var value)
                    ? value
                    : throw Error(column, text, $"{InputFormatException.Quote(text)} is not an amount (expected a number such as {_amounts.Example})");
            case null or string:
                throw Error(column, "", $"the value is empty (expected an amount such as {_amounts.Example})");
            case var other:
                var shown = CellText(other);
                throw Error(column, shown, $"{InputFormatException.Quote(shown)} is not an amount (expected a number such as {_amounts.Example})");
        }
    }

    /// <summary>
    /// A date: a date cell's day (its time of day dropped), text in one of the map's formats, or an Excel serial day
    /// number in a number cell (a date column formatted as General); must not be empty.
    /// </summary>
    public DateOnly Date(int index, string column)
    {
        var value = Value(index);
        switch (value)
        {
            case DateTime date:
                return DateOnly.FromDateTime(date);
            case string text when text.Trim().Length > 0:
                if (_dates.TryParse(Utf8(text), out var parsed))
                {
                    return parsed;
                }

                throw Error(column, text, $"{InputFormatException.Quote(text)} is not a date (expected {_dates.Description}, such as {_dates.Example}, or a date cell)");
            case double number:
                // A number such as 20260331 may be text in a format the map names (yyyyMMdd); any other is a serial day.
                if (_dates.TryParse(Utf8(CellText(number)), out var written))
                {
                    return written;
                }

                if (number is >= FirstSerial and < LastSerial)
                {
                    return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(number)));
                }

                break;
            case null or string:
                throw Error(column, "", $"the value is empty (expected a date such as {_dates.Example})");
        }

        var shown = CellText(value);
        throw Error(column, shown, $"{InputFormatException.Quote(shown)} is not a date (expected {_dates.Description}, such as {_dates.Example}, or a date cell)");
    }

    /// <summary>A currency code, upper-cased; the default when empty or when the column is absent (-1).</summary>
    public string Currency(int index, string column)
    {
        if (index < 0)
        {
            return _currencies.Default;
        }

        var text = Text(index);
        return _currencies.TryGet(Utf8(text), out var code)
            ? code
            : throw Error(column, text, $"{InputFormatException.Quote(text)} is not a currency code (expected three letters such as {_currencies.Default})");
    }

    /// <summary>An error at the current row.</summary>
    public InputFormatException Error(string? column, string? value, string problem) => new(Location, Row, column, value, problem);

    private object? Value(int index) => index < 0 || index >= Count ? null : _reader.GetValue(index);

    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double n => Number(n),
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };

    // Whole numbers without a decimal point (a contract or customer number typed as a number), others as decimals.
    private static string Number(double n) =>
        Math.Abs(n) < MaxAmount ? ((decimal)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture);

    private ReadOnlySpan<byte> Utf8(string text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[needed];
        }

        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8));
    }
}
