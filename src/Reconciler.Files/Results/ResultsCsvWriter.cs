using CsvHelper;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Writes match results as CSV, one row per result, with the columns of <see cref="ResultColumns"/>: UTF-8
/// without a byte order mark, CRLF, RFC 4180 quoting. Text cells that a spreadsheet could run as a formula get a
/// leading <c>'</c>; numeric columns (amounts, allocations, difference, confidence) are written as they are.
/// </summary>
public static class ResultsCsvWriter
{
    /// <summary>Writes the header and one row per result to <paramref name="stream"/>, which is flushed and left open.</summary>
    public static void Write(Stream stream, IEnumerable<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        using var writer = CsvOutput.Create(stream);
        writer.WriteHeader(ResultColumns.Span);
        var buffer = new char[256];
        foreach (var result in results)
        {
            var line = result.Line;
            WriteText(writer, line.File);
            writer.WriteInteger(line.Row);
            WriteText(writer, line.BankRef);
            writer.WriteDate(line.Date);
            writer.WriteMoney(line.Amount);
            WriteText(writer, line.Currency);
            WriteText(writer, line.PayerName);
            writer.WriteField(result.Status.ToName());
            writer.WriteField(JoinContracts(result.Allocations, ref buffer));
            writer.WriteField(JoinAmounts(result.Allocations, ref buffer));
            writer.WriteMoney(result.Difference);
            writer.WriteFixed2(result.Confidence);
            WriteText(writer, result.Rule);
            WriteText(writer, result.Explanation);
            writer.EndRecord();
        }

        writer.Flush();
    }

    private static void WriteText(CsvWriter writer, string text) => writer.WriteField(SpreadsheetText.Protect(text));

    /// <summary>The contract numbers joined with <c>;</c>, protected as one text cell, in <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<char> JoinContracts(IReadOnlyList<Allocation> allocations, ref char[] buffer)
    {
        var length = 0;
        for (var i = 0; i < allocations.Count; i++)
        {
            var contract = allocations[i].Receivable.ContractNo;
            Ensure(ref buffer, length + contract.Length + 2);
            if (i == 0 && SpreadsheetText.IsFormulaLike(contract))
            {
                buffer[length++] = '\'';
            }
            else if (i > 0)
            {
                buffer[length++] = ';';
            }

            contract.CopyTo(buffer.AsSpan(length));
            length += contract.Length;
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>The allocated amounts joined with <c>;</c>, in <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<char> JoinAmounts(IReadOnlyList<Allocation> allocations, ref char[] buffer)
    {
        var length = 0;
        for (var i = 0; i < allocations.Count; i++)
        {
            Ensure(ref buffer, length + InvariantFormat.MaxMoneyChars + 1);
            if (i > 0)
            {
                buffer[length++] = ';';
            }

            length += InvariantFormat.Money(allocations[i].Amount, buffer.AsSpan(length));
        }

        return buffer.AsSpan(0, length);
    }

    private static void Ensure(ref char[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }
}
