using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Reads a receivables file (one open receivable per row) into <see cref="Receivable"/>s.</summary>
public static class ReceivableCsvReader
{
    /// <summary>The currency of rows whose currency is empty, unless the caller gives another.</summary>
    public const string DefaultCurrency = "CNY";

    /// <summary>
    /// Reads every row of a receivables file, or throws: it never returns part of a file. The stream is read
    /// from its current position and left open.
    /// </summary>
    /// <param name="stream">The file's content (UTF-8; a byte order mark is honoured).</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="Receivable.Source"/> and messages.</param>
    /// <param name="columns">The column map; <see cref="ReceivableColumns.Default"/> when null.</param>
    /// <param name="defaultCurrency">The currency of rows whose currency is empty.</param>
    /// <returns>The receivables in file order, each with <see cref="Receivable.Source"/> = <c>"file, row N"</c>.</returns>
    /// <exception cref="InputFormatException">A column is missing or a value cannot be read; the message says where.</exception>
    public static IReadOnlyList<Receivable> Read(
        Stream stream,
        string fileName,
        ReceivableColumns? columns = null,
        string defaultCurrency = DefaultCurrency)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var map = columns ?? ReceivableColumns.Default;
        var dateFormat = new DateFormat(map.DateFormats);
        var currencies = new CurrencyCache(defaultCurrency);

        using var reader = new CsvRecordReader(stream, fileName, map.Delimiter, encoding: null, poolStrings: true);
        var header = reader.ReadHeader(ExpectedColumns(map));
        var contractNo = header.Required(map.ContractNo);
        var customerId = header.Required(map.CustomerId);
        var customerName = header.Required(map.CustomerName);
        var amount = header.Required(map.Amount);
        var currency = header.Required(map.Currency);
        var issueDate = header.Required(map.IssueDate);
        var dueDate = header.Required(map.DueDate);
        var salesOwner = header.Optional(map.SalesOwner);
        header.ThrowIfMissing();

        var receivables = new List<Receivable>();
        while (reader.Read())
        {
            receivables.Add(new Receivable(
                reader.RequiredText(contractNo, map.ContractNo, "a contract number"),
                reader.RequiredText(customerId, map.CustomerId, "a customer id"),
                reader.RequiredText(customerName, map.CustomerName, "a customer name"),
                reader.Amount(amount, map.Amount, AmountFormat.Invariant),
                reader.Currency(currency, map.Currency, currencies),
                reader.Date(issueDate, map.IssueDate, dateFormat),
                reader.Date(dueDate, map.DueDate, dateFormat),
                reader.Text(salesOwner))
            {
                Source = string.Create(CultureInfo.InvariantCulture, $"{fileName}, row {reader.Row}"),
            });
        }

        return receivables;
    }

    private static IEnumerable<string> ExpectedColumns(ReceivableColumns map) =>
        new[] { map.ContractNo, map.CustomerId, map.CustomerName, map.Amount, map.Currency, map.IssueDate, map.DueDate, map.SalesOwner }
            .OfType<string>()
            .Where(name => name.Length > 0);
}
