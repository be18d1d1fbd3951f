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
    /// <summary>Results per block: formatted by one thread into one buffer, written whole.</summary>
    internal const int BlockSize = 16_384;

    /// <summary>Bytes a results row takes in UTF-8, a little above the average (293 in the 1M scale run's file).</summary>
    private const int TypicalRowBytes = 320;

    /// <summary>Writes the header and one row per result to <paramref name="stream"/>, which is flushed and left open.</summary>
    public static void Write(Stream stream, IEnumerable<MatchResult> results) => Write(stream, results, Environment.ProcessorCount);

    /// <summary>
    /// Writes as <see cref="Write(Stream, IEnumerable{MatchResult})"/> does, with the rows formatted in blocks of
    /// <see cref="BlockSize"/> by up to <paramref name="threads"/> threads side by side; blocks are written in order,
    /// so the bytes are the same for any number of threads. A list (<see cref="IReadOnlyList{T}"/>) is read by index,
    /// each block on the thread that formats it, so up to <paramref name="threads"/> threads read it at once: it must
    /// be safe to read from several threads (arrays, <see cref="List{T}"/> and the matcher's results are); any other
    /// sequence is enumerated once, on the calling thread.
    /// </summary>
    internal static void Write(Stream stream, IEnumerable<MatchResult> results, int threads)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var header = new MemoryStream();
        using (var writer = CsvOutput.Create(header))
        {
            writer.WriteHeader(ResultColumns.Span);
            writer.Flush();
        }

        header.WriteTo(stream);

        // A list is cut into blocks by index, and each block reads its own results on the thread that formats it:
        // the matcher's results are built from its figures when read, which is then done on every core too.
        var blocks = results is IReadOnlyList<MatchResult> list
            ? Blocks(list).Select(range => (Func<CsvRowBuffer, CsvRowBuffer>)(buffer => Format(list, range, buffer)))
            : results.Chunk(BlockSize).Select(block => (Func<CsvRowBuffer, CsvRowBuffer>)(buffer => Format(block, buffer)));
        // A buffer sized for a block of rows of typical length from the start: grown by doubling from 64 KiB instead,
        // each buffer left 16 MiB of outgrown arrays behind at a million rows.
        var capacity = results is IReadOnlyList<MatchResult> sized ? Math.Max(1 << 16, Math.Min(sized.Count, BlockSize) * TypicalRowBytes) : 1 << 16;
        if (threads == 1)
        {
            var buffer = new CsvRowBuffer(capacity);
            foreach (var format in blocks)
            {
                format(buffer).WriteTo(stream);
            }

            stream.Flush();
            return;
        }

        // A block in flight per thread plus one: while one is written out, the others are being formatted. Buffers
        // are reused, so memory stays at a few blocks whatever the number of results.
        var spare = new Stack<CsvRowBuffer>();
        var inFlight = new Queue<Task<CsvRowBuffer>>();
        try
        {
            foreach (var format in blocks)
            {
                var buffer = spare.Count > 0 ? spare.Pop() : new CsvRowBuffer(capacity);
                inFlight.Enqueue(Task.Run(() => format(buffer)));
                if (inFlight.Count > threads)
                {
                    spare.Push(WriteOut(inFlight.Dequeue(), stream));
                }
            }

            while (inFlight.Count > 0)
            {
                WriteOut(inFlight.Dequeue(), stream);
            }
        }
        finally
        {
            // On a failure, let the blocks still being formatted finish before the caller's stream is closed.
            Task.WaitAll([.. inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))]);
        }

        stream.Flush();
    }

    /// <summary>The index ranges of the blocks of <paramref name="results"/>, in order.</summary>
    private static IEnumerable<Range> Blocks(IReadOnlyList<MatchResult> results)
    {
        for (var start = 0; start < results.Count; start += BlockSize)
        {
            yield return start..Math.Min(results.Count, start + BlockSize);
        }
    }

    private static CsvRowBuffer WriteOut(Task<CsvRowBuffer> formatted, Stream stream)
    {
        var buffer = formatted.GetAwaiter().GetResult();
        buffer.WriteTo(stream);
        return buffer;
    }

    /// <summary>How many results <see cref="Format(IReadOnlyList{MatchResult}, Range, CsvRowBuffer)"/> reads ahead.</summary>
    private const int ReadAhead = 16;

    /// <summary>
    /// Formats the results of <paramref name="range"/> into <paramref name="buffer"/> (emptied before) and returns it,
    /// <see cref="ReadAhead"/> at a time: the results are taken, then their receivables' contract numbers read, then
    /// the rows written. Lines pay receivables in no order, so each receivable is a cache miss; read for a batch at once,
    /// the misses overlap instead of following one another.
    /// </summary>
    private static CsvRowBuffer Format(IReadOnlyList<MatchResult> results, Range range, CsvRowBuffer buffer)
    {
        var scratch = new char[1024];
        var batch = new MatchResult[ReadAhead];
        var (start, length) = range.GetOffsetAndLength(results.Count);
        for (var at = start; at < start + length; at += ReadAhead)
        {
            var count = Math.Min(ReadAhead, start + length - at);
            for (var k = 0; k < count; k++)
            {
                batch[k] = results[at + k];
            }

            var characters = 0;
            for (var k = 0; k < count; k++)
            {
                var allocations = batch[k].Allocations;
                for (var a = 0; a < allocations.Count; a++) // not foreach: over an interface it boxes the array's enumerator
                {
                    characters += allocations[a].Receivable.ContractNo.Length;
                }
            }

            buffer.Reserve(characters); // the contract cells' room, and a use of what was read
            for (var k = 0; k < count; k++)
            {
                Row(batch[k], buffer, ref scratch);
            }
        }

        return buffer;
    }

    /// <summary>Formats <paramref name="block"/> into <paramref name="buffer"/> (emptied before) and returns it.</summary>
    private static CsvRowBuffer Format(MatchResult[] block, CsvRowBuffer buffer)
    {
        var scratch = new char[1024];
        foreach (var result in block)
        {
            Row(result, buffer, ref scratch);
        }

        return buffer;
    }

    /// <summary>One result's row.</summary>
    private static void Row(MatchResult result, CsvRowBuffer buffer, ref char[] scratch)
    {
        var line = result.Line;
        buffer.ProtectedText(line.File);
        buffer.Integer(line.Row);
        buffer.ProtectedText(line.BankRef);
        buffer.IsoDate(line.Date);
        buffer.Money(line.Amount);
        buffer.ProtectedText(line.Currency);
        buffer.ProtectedText(line.PayerName);
        buffer.Text(result.Status.ToName());
        buffer.Text(JoinContracts(result.Allocations, ref scratch));
        buffer.Text(JoinAmounts(result.Allocations, ref scratch));
        buffer.Money(result.Difference);
        buffer.Fixed2(result.Confidence);
        buffer.ProtectedText(result.Rule);
        buffer.ProtectedText(Explanation(result, ref scratch));
        buffer.EndRow();
    }

    /// <summary>
    /// The result's sentence, written from its figures straight into <paramref name="scratch"/> (no string per row),
    /// which grows for a long one; past <see cref="MaxScratch"/> characters the sentence is taken as a string.
    /// </summary>
    private static ReadOnlySpan<char> Explanation(MatchResult result, ref char[] scratch)
    {
        int written;
        while (!result.TryWriteExplanation(scratch, out written))
        {
            if (scratch.Length >= MaxScratch)
            {
                return result.Explanation;
            }

            Array.Resize(ref scratch, scratch.Length * 2);
        }

        return scratch.AsSpan(0, written);
    }

    /// <summary>The largest scratch a formatting thread keeps for one cell.</summary>
    private const int MaxScratch = 1 << 20;

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
