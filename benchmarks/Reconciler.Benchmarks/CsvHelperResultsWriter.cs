using CsvHelper;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// The results writer as it was at 0320b33 (a CsvHelper <see cref="CsvWriter"/> per block of rows), kept as the
/// baseline of <see cref="ResultsCsvWriteBenchmark"/>: blocks formatted side by side, written in order.
/// </summary>
internal static class CsvHelperResultsWriter
{
    public static void Write(Stream stream, IEnumerable<MatchResult> results, int threads)
    {
        using (var writer = CsvOutput.Create(stream))
        {
            writer.WriteHeader(ResultColumns.Span);
            writer.Flush();
        }

        var spare = new Stack<MemoryStream>();
        var inFlight = new Queue<Task<MemoryStream>>();
        foreach (var block in results.Chunk(ResultsCsvWriter.BlockSize))
        {
            var buffer = spare.Count > 0 ? spare.Pop() : new MemoryStream();
            inFlight.Enqueue(Task.Run(() => Format(block, buffer)));
            if (inFlight.Count > threads)
            {
                spare.Push(WriteOut(inFlight.Dequeue(), stream));
            }
        }

        while (inFlight.Count > 0)
        {
            WriteOut(inFlight.Dequeue(), stream);
        }

        stream.Flush();
    }

    private static MemoryStream WriteOut(Task<MemoryStream> formatted, Stream stream)
    {
        var buffer = formatted.GetAwaiter().GetResult();
        buffer.WriteTo(stream);
        buffer.SetLength(0);
        return buffer;
    }

    /// <summary>Formats <paramref name="block"/> into <paramref name="buffer"/> (emptied before) and returns it.</summary>
    private static MemoryStream Format(MatchResult[] block, MemoryStream buffer)
    {
        using (var writer = CsvOutput.Create(buffer))
        {
            var scratch = new char[256];
            foreach (var result in block)
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
                writer.WriteField(JoinContracts(result.Allocations, ref scratch));
                writer.WriteField(JoinAmounts(result.Allocations, ref scratch));
                writer.WriteMoney(result.Difference);
                writer.WriteFixed2(result.Confidence);
                WriteText(writer, result.Rule);
                WriteText(writer, result.Explanation);
                writer.EndRecord();
            }

            writer.Flush();
        }

        return buffer;
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
