using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads a delimited receivables file (one open receivable per row) into <see cref="Receivable"/>s.</summary>
public static class ReceivableCsvReader
{
    /// <summary>
    /// Reads every row of a receivables file, or throws: it never returns part of a file. The stream is read
    /// from its current position and left open.
    /// </summary>
    /// <remarks>
    /// The header is the first row within the first <see cref="ReceivableColumns.HeaderSearchRows"/> that holds
    /// every required column; rows above it (an ERP report's title) are skipped, every non-empty row below it is a
    /// receivable. Rows are numbered as the file has them (an empty line or a title row counts), so messages and
    /// <see cref="Receivable.Source"/> point at the row a clerk sees in a spreadsheet.
    /// </remarks>
    /// <param name="stream">The file's content, in <see cref="ReceivableColumns.Encoding"/> (a byte order mark is honoured).</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="Receivable.Source"/> and messages.</param>
    /// <param name="columns">The column map; <see cref="ReceivableColumns.Default"/> when null.</param>
    /// <returns>The receivables in file order, each with <see cref="Receivable.Source"/> = <c>"file, row N"</c>.</returns>
    /// <exception cref="InputFormatException">A column is missing or a value cannot be read; the message says where.</exception>
    /// <exception cref="ArgumentException">The column map's formats are not usable (e.g. the same decimal and thousands separator).</exception>
    public static IReadOnlyList<Receivable> Read(Stream stream, string fileName, ReceivableColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var map = columns ?? ReceivableColumns.Default;
        var amountFormat = new AmountFormat(map.DecimalSeparator, map.ThousandsSeparator, map.CurrencySymbols);
        var dateFormat = new DateFormat(map.DateFormats);
        var currencies = new CurrencyCache(map.DefaultCurrency);

        using var reader = new CsvRecordReader(stream, fileName, map.Delimiter, map.Encoding, poolStrings: true);
        var header = FindHeader(reader, map);
        var contractNo = header.Required(map.ContractNo);
        var customerId = RequiredIfNamed(header, map.CustomerId);
        var customerName = header.Required(map.CustomerName);
        var amount = header.Required(map.Amount);
        var currency = RequiredIfNamed(header, map.Currency);
        var issueDate = RequiredIfNamed(header, map.IssueDate);
        var dueDate = header.Required(map.DueDate);
        var salesOwner = header.Optional(map.SalesOwner);
        header.ThrowIfMissing();

        var receivables = new List<Receivable>();
        while (reader.Read())
        {
            var contract = reader.RequiredText(contractNo, map.ContractNo, "a contract number");
            var id = customerId < 0 ? null : reader.RequiredText(customerId, map.CustomerId!, "a customer id");
            var name = reader.RequiredText(customerName, map.CustomerName, "a customer name");
            var open = reader.Amount(amount, map.Amount, amountFormat);
            var code = reader.Currency(currency, map.Currency ?? "", currencies);
            DateOnly? issued = issueDate < 0 ? null : reader.Date(issueDate, map.IssueDate!, dateFormat);
            var due = reader.Date(dueDate, map.DueDate, dateFormat);
            receivables.Add(new Receivable(contract, id ?? name, name, open, code, issued ?? due, due, reader.Text(salesOwner))
            {
                Source = string.Create(CultureInfo.InvariantCulture, $"{fileName}, row {reader.Row}"),
            });
        }

        return receivables;
    }

    /// <summary>The first row among the first <see cref="ReceivableColumns.HeaderSearchRows"/> that holds every required column.</summary>
    private static CsvHeader FindHeader(CsvRecordReader reader, ReceivableColumns map)
    {
        var search = new ReceivableHeaderSearch(map);
        while (reader.TryReadHeader(out var candidate) && reader.Row <= ReceivableColumns.HeaderSearchRows)
        {
            if (search.IsHeader(reader.File, reader.Row, candidate.Names))
            {
                return candidate;
            }
        }

        throw search.NotFound(reader.File, "the file", searched: null);
    }

    private static int RequiredIfNamed(CsvHeader header, string? name) =>
        string.IsNullOrWhiteSpace(name) ? -1 : header.Required(name);
}
