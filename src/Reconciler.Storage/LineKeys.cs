using System.Globalization;
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
        var keys = new string[lines.Count];
        var seen = new Dictionary<string, int>(lines.Count, StringComparer.Ordinal);
        var bytes = new byte[1024];
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var amount = line.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
            var date = LedgerStore.Day(line.Date);
            // A bank reference seen twice in one file (a bank that reuses it for two postings) is two lines too.
            var content = line.BankRef.Length > 0
                ? string.Join('\u001F', "ref", line.BankRef, date, amount, line.Currency)
                : string.Join('\u001F', "line", line.PayerAccount, date, amount, line.Currency, line.PayerName, line.Memo);
            var occurrence = seen.TryGetValue(content, out var n) ? n + 1 : 1;
            seen[content] = occurrence;

            // The identity is the content, "\u001F#" and the occurrence, hashed as UTF-8 (written in place, not concatenated).
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
            keys[i] = Convert.ToHexStringLower(hash);
        }

        return keys;
    }
}
