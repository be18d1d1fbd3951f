using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// The identity of a bank line across files and runs: the bank's reference with the date and amount when there
/// is one, otherwise the payer account, date, amount, payer and memo; either with the line's occurrence among
/// identical lines of its file, so two legitimate identical lines in one file are two lines, and the same two
/// lines in a later, overlapping export are duplicates. Stored as a SHA-256 (fixed width, indexable in every dialect).
/// </summary>
internal static class LineKeys
{
    /// <summary>The key of every line of one file, in order.</summary>
    public static string[] Of(IReadOnlyList<StatementLine> lines)
    {
        if (lines.Count == 0)
        {
            // A statement with a header and no transactions (a day without movements); the partitioner refuses an empty range.
            return [];
        }

        // Each line's content and its occurrence among identical contents are found in file order; the hashing (most
        // of the time: a million SHA-256 calls) is spread over the cores, each with its own buffer.
        var contents = new string[lines.Count];
        var occurrences = new int[lines.Count];
        var seen = new Dictionary<string, int>(lines.Count, StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var amount = line.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
            var date = LedgerStore.Day(line.Date);
            // A bank reference seen twice in one file (a bank that reuses it for two postings) is two lines too.
            var content = line.BankRef.Length > 0
                ? string.Join('\u001F', "ref", line.BankRef, date, amount, line.Currency)
                : string.Join('\u001F', "line", line.PayerAccount, date, amount, line.Currency, line.PayerName, line.Memo);
            if (line.NotBooked is { } status)
            {
                // A line the bank has not booked yet is not the same line as the movement once booked (a later export):
                // that one must be imported and matched, not taken for a duplicate. Booked lines' keys are as before.
                content = string.Join('\u001F', content, "not-booked", status);
            }

            ref var occurrence = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, content, out _);
            occurrence++;
            contents[i] = content;
            occurrences[i] = occurrence;
        }

        var keys = new string[lines.Count];
        Parallel.ForEach(
            Partitioner.Create(0, lines.Count, Math.Max(4096, (lines.Count / (4 * Environment.ProcessorCount)) + 1)),
            range =>
            {
                var bytes = new byte[1024];
                Span<byte> hash = stackalloc byte[32];
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    keys[i] = Key(contents[i], occurrences[i], ref bytes, hash);
                }
            });
        return keys;
    }

    /// <summary>The identity is the content, "\u001F#" and the occurrence, hashed as UTF-8 (written in place, not concatenated).</summary>
    private static string Key(string content, int occurrence, ref byte[] bytes, Span<byte> hash)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(content.Length) + 16;
        if (bytes.Length < needed)
        {
            bytes = new byte[Math.Max(needed, bytes.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(content, bytes);
        bytes[length++] = 0x1F;
        bytes[length++] = (byte)'#';
        occurrence.TryFormat(bytes.AsSpan(length), out var digits, provider: CultureInfo.InvariantCulture);
        length += digits;
        SHA256.HashData(bytes.AsSpan(0, length), hash);
        return Convert.ToHexStringLower(hash);
    }
}
