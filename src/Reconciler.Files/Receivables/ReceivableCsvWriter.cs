using CsvHelper;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Writes receivables in the layout that <see cref="ReceivableCsvReader"/> reads, so a file written here reads
/// back to equal records. Values are written as they are (no spreadsheet protection), RFC 4180 quoted.
/// </summary>
public static class ReceivableCsvWriter
{
    /// <summary>Writes the header and one row per receivable to <paramref name="stream"/>, which is flushed and left open.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="receivables">The receivables, written in order.</param>
    /// <param name="columns">
    /// The column map (names, delimiter, first date format); <see cref="ReceivableColumns.Default"/> when null. Columns
    /// the map leaves unnamed (customer id, currency, issue date, sales owner) are not written; amounts are always
    /// invariant and the file UTF-8, whatever the map says about reading them.
    /// </param>
    public static void Write(Stream stream, IEnumerable<Receivable> receivables, ReceivableColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(receivables);
        var map = columns ?? ReceivableColumns.Default;
        var dateFormat = map.DateFormats is [var first, ..] && !string.IsNullOrWhiteSpace(first)
            ? first
            : throw new ArgumentException("The column map needs a date format to write dates with.", nameof(columns));
        var withId = IsNamed(map.CustomerId);
        var withCurrency = IsNamed(map.Currency);
        var withIssueDate = IsNamed(map.IssueDate);
        var withOwner = IsNamed(map.SalesOwner);
        using var writer = CsvOutput.Create(stream, map.Delimiter);
        string?[] header = [
            map.ContractNo, withId ? map.CustomerId : null, map.CustomerName, map.Amount, withCurrency ? map.Currency : null,
            withIssueDate ? map.IssueDate : null, map.DueDate, withOwner ? map.SalesOwner : null];
        writer.WriteHeader([.. header.OfType<string>()]);
        foreach (var receivable in receivables)
        {
            writer.WriteField(receivable.ContractNo);
            if (withId)
            {
                writer.WriteField(receivable.CustomerId);
            }

            writer.WriteField(receivable.CustomerName);
            writer.WriteMoney(receivable.Amount);
            if (withCurrency)
            {
                writer.WriteField(receivable.Currency);
            }

            if (withIssueDate)
            {
                writer.WriteDate(receivable.IssueDate, dateFormat);
            }

            writer.WriteDate(receivable.DueDate, dateFormat);
            if (withOwner)
            {
                writer.WriteField(receivable.SalesOwner);
            }

            writer.EndRecord();
        }

        writer.Flush();
    }

    private static bool IsNamed(string? name) => !string.IsNullOrWhiteSpace(name);
}
