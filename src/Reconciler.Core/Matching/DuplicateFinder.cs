using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// Finds bank lines seen more than once in a run, such as the shared days of two overlapping exports. A line is
/// identified by its bank reference, date, amount and currency when it has a bank reference, and otherwise by
/// date, amount, currency, payer account, payer name and memo; in both cases together with its occurrence in its
/// own file, so that two legitimate identical lines in one file both count. Of the copies, the one in the file
/// whose name sorts first (ordinal), then the lowest row, is kept: the choice does not depend on input order.
/// </summary>
internal static class DuplicateFinder
{
    /// <summary>For each line, the index of the line it duplicates, or -1.</summary>
    public static int[] Find(IReadOnlyList<StatementLine> lines)
    {
        var duplicateOf = new int[lines.Count];
        Array.Fill(duplicateOf, -1);
        // The hashes (string and decimal hashing, most of the work) are computed up front on all cores.
        var hashes = new int[lines.Count];
        Parallel.For(0, (lines.Count + 16_383) / 16_384, chunk =>
        {
            for (var i = chunk * 16_384; i < Math.Min(lines.Count, (chunk + 1) * 16_384); i++)
            {
                hashes[i] = IdentityComparer.Hash(lines[i]);
            }
        });
        // Copies have equal hashes, so lines are split by hash into parts that share no group and are grouped side by
        // side; within a part, lines go in input order as before, and each group is resolved on its own.
        var parts = lines.Count < 65_536 ? 1 : 16;
        var partStart = new int[parts + 1];
        foreach (var hash in hashes)
        {
            partStart[Part(hash, parts) + 1]++;
        }

        for (var p = 0; p < parts; p++)
        {
            partStart[p + 1] += partStart[p];
        }

        var byPart = new int[lines.Count];
        var filled = partStart[..parts];
        for (var i = 0; i < lines.Count; i++)
        {
            byPart[filled[Part(hashes[i], parts)]++] = i;
        }

        var comparer = new IdentityComparer(lines, hashes);
        var next = new int[lines.Count];
        Parallel.For(0, parts, p => FindInPart(lines, byPart.AsSpan(partStart[p], partStart[p + 1] - partStart[p]), comparer, next, duplicateOf));
        return duplicateOf;
    }

    private static int Part(int hash, int parts) => (int)((uint)hash % (uint)parts);

    // The lines of one part (indexes ascending): groups copies and resolves each group.
    private static void FindInPart(IReadOnlyList<StatementLine> lines, ReadOnlySpan<int> part, IdentityComparer comparer, int[] next, int[] duplicateOf)
    {
        var firstOfGroup = new Dictionary<int, int>(part.Length, comparer);
        var last = new Dictionary<int, int>();
        foreach (var i in part)
        {
            next[i] = -1;
            if (firstOfGroup.TryGetValue(i, out var first))
            {
                var tail = last.GetValueOrDefault(first, first);
                next[tail] = i;
                last[first] = i;
            }
            else
            {
                firstOfGroup.Add(i, i);
            }
        }

        // One list, one list of kept lines and one comparison for every group of the part: a group is usually two
        // lines, and ninety thousand groups each with their own would be garbage the collector must sweep.
        var members = new List<int>();
        var canonical = new List<int>();
        Comparison<int> byFileAndRow = (a, b) =>
        {
            var byFile = string.CompareOrdinal(lines[a].File, lines[b].File);
            return byFile != 0 ? byFile : lines[a].Row.CompareTo(lines[b].Row);
        };
        foreach (var first in last.Keys)
        {
            members.Clear();
            for (var i = first; i >= 0; i = next[i])
            {
                members.Add(i);
            }

            ResolveGroup(lines, members, byFileAndRow, canonical, duplicateOf);
        }
    }

    private static void ResolveGroup(IReadOnlyList<StatementLine> lines, List<int> members, Comparison<int> byFileAndRow, List<int> canonical, int[] duplicateOf)
    {
        // Order by file name, then row: the k-th copy in each file is the same bank line as the k-th elsewhere.
        members.Sort(byFileAndRow);

        canonical.Clear(); // occurrence -> kept line, from the first file
        var occurrence = 0;
        for (var m = 0; m < members.Count; m++)
        {
            var line = members[m];
            occurrence = m > 0 && string.Equals(lines[members[m - 1]].File, lines[line].File, StringComparison.Ordinal) ? occurrence + 1 : 0;
            if (occurrence < canonical.Count)
            {
                duplicateOf[line] = canonical[occurrence];
            }
            else
            {
                canonical.Add(line);
            }
        }
    }

    private sealed class IdentityComparer(IReadOnlyList<StatementLine> lines, int[] hashes) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y)
        {
            if (hashes[x] != hashes[y])
            {
                return false;
            }

            var a = lines[x];
            var b = lines[y];
            if (a.Date != b.Date || a.Amount != b.Amount
                || !string.Equals(a.Currency, b.Currency, StringComparison.Ordinal)
                || !string.Equals(a.BankRef, b.BankRef, StringComparison.Ordinal))
            {
                return false;
            }

            return a.BankRef.Length > 0
                || (string.Equals(a.PayerAccount, b.PayerAccount, StringComparison.Ordinal)
                    && string.Equals(a.PayerName, b.PayerName, StringComparison.Ordinal)
                    && string.Equals(a.Memo, b.Memo, StringComparison.Ordinal));
        }

        public int GetHashCode(int obj) => hashes[obj];

        public static int Hash(StatementLine line)
        {
            return line.BankRef.Length > 0
                ? HashCode.Combine(line.BankRef, line.Date, line.Amount)
                : HashCode.Combine(line.Date, line.Amount, line.PayerAccount, line.Memo);
        }
    }
}
