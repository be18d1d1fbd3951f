using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Writes statement lines in the <see cref="BankProfile.Generic"/> layout, so a file written here reads back
/// with <see cref="StatementReader"/> to equal lines. Values are written as they are (no spreadsheet
/// protection), RFC 4180 quoted.
/// </summary>
public static class StatementCsvWriter
{
    /// <summary>
    /// Writes the header and one row per line to <paramref name="stream"/>, which is flushed and left open.
    /// The lines are written in order, one row each after the header, so line <c>i</c> (0-based) lands on
    /// spreadsheet row <c>i + 2</c>: every <see cref="StatementLine.Row"/> must say so.
    /// </summary>
    /// <exception cref="ArgumentException">A line's <see cref="StatementLine.Row"/> is not its position + 2; nothing after the previous line is written.</exception>
    public static void Write(Stream stream, IEnumerable<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(lines);
        var columns = BankProfile.Generic.Columns;
        using var writer = CsvOutput.Create(stream, ',');
        writer.WriteHeader([columns.Date!, columns.Amount!, columns.Currency!, columns.PayerName!, columns.PayerAccount!, columns.Memo[0], columns.BankRef!]);
        var row = 2;
        foreach (var line in lines)
        {
            if (line.Row != row)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The line at position {row - 2} says row {line.Row}, but it is written on row {row} (header = row 1): give lines in file order with Row = position + 2."),
                    nameof(lines));
            }

            writer.WriteDate(line.Date);
            writer.WriteMoney(line.Amount);
            writer.WriteField(line.Currency);
            writer.WriteField(line.PayerName);
            writer.WriteField(line.PayerAccount);
            writer.WriteField(line.Memo);
            writer.WriteField(line.BankRef);
            writer.EndRecord();
            row++;
        }

        writer.Flush();
    }
}
