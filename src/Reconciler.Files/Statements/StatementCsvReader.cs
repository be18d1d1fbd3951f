using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads a delimited bank statement file into <see cref="StatementLine"/>s, as a <see cref="StatementLayout"/> says.</summary>
public static class StatementCsvReader
{
    /// <summary>
    /// Reads every line of a statement file, or throws: it never returns part of a file. The stream is read from
    /// its current position and left open.
    /// </summary>
    /// <param name="stream">The file's content.</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="StatementLine.File"/> and messages.</param>
    /// <param name="layout">The layout; <see cref="StatementLayout.Generic"/> for the project's own files.</param>
    /// <returns>The lines in file order; <see cref="StatementLine.Row"/> is the spreadsheet row (header = row 1).</returns>
    /// <exception cref="InputFormatException">A column is missing or a value cannot be read; the message says where.</exception>
    public static IReadOnlyList<StatementLine> Read(Stream stream, string fileName, StatementLayout layout)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(layout);
        var amountFormat = new AmountFormat(layout.DecimalSeparator, layout.ThousandsSeparator);
        var dateFormat = new DateFormat(layout.DateFormats);
        var currencies = new CurrencyCache(layout.DefaultCurrency);

        using var reader = new CsvRecordReader(stream, fileName, layout.Delimiter, layout.Encoding, poolStrings: true);
        var header = reader.ReadHeader(ExpectedColumns(layout));
        var date = header.Required(layout.Date);
        var amount = header.Required(layout.Amount);
        var currency = RequiredIfNamed(header, layout.Currency);
        var payerName = RequiredIfNamed(header, layout.PayerName);
        var payerAccount = RequiredIfNamed(header, layout.PayerAccount);
        var memo = layout.Memo.Select(header.Required).ToArray();
        var bankRef = RequiredIfNamed(header, layout.BankRef);
        header.ThrowIfMissing();

        var lines = new List<StatementLine>();
        var memoParts = memo.Length > 1 ? new string[memo.Length] : [];
        while (reader.Read())
        {
            lines.Add(new StatementLine(
                fileName,
                reader.Row,
                reader.Text(bankRef),
                reader.Date(date, layout.Date, dateFormat),
                reader.Amount(amount, layout.Amount, amountFormat),
                reader.Currency(currency, layout.Currency ?? "", currencies),
                reader.Text(payerName),
                reader.Text(payerAccount),
                ReadMemo(reader, memo, memoParts)));
        }

        return lines;
    }

    private static int RequiredIfNamed(CsvHeader header, string? name) =>
        string.IsNullOrWhiteSpace(name) ? -1 : header.Required(name);

    private static string ReadMemo(CsvRecordReader reader, int[] columns, string[] parts)
    {
        if (columns.Length == 0)
        {
            return "";
        }

        if (columns.Length == 1)
        {
            return reader.Text(columns[0]);
        }

        var count = 0;
        foreach (var column in columns)
        {
            var text = reader.Text(column);
            if (text.Length > 0)
            {
                parts[count++] = text;
            }
        }

        return count == 1 ? parts[0] : string.Join(' ', parts, 0, count);
    }

    private static IEnumerable<string> ExpectedColumns(StatementLayout layout) =>
        new[] { layout.Date, layout.Amount, layout.Currency, layout.PayerName, layout.PayerAccount }
            .Concat(layout.Memo)
            .Append(layout.BankRef)
            .OfType<string>()
            .Where(name => name.Length > 0);
}
