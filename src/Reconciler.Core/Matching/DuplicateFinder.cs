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
    public static int[] Find(IReadOnlyList<StatementLine> lines) => Find(lines, IdentityComparer.Hash);

    /// <summary>As <see cref="Find(IReadOnlyList{StatementLine})"/>, with the lines' hashes from <paramref name="hashOf"/> (tests give one that collides).</summary>
    internal static int[] Find(IReadOnlyList<StatementLine> lines, Func<StatementLine, int> hashOf)
    {
        // The hashes (string and decimal hashing, most of the work) are computed up front on all cores, into the array
        // that holds the answers once the lines are sorted.
        var duplicateOf = new int[lines.Count];
        var hashes = duplicateOf;
        Parallel.For(0, (lines.Count + 16_383) / 16_384, chunk =>
        {
            for (var i = chunk * 16_384; i < Math.Min(lines.Count, (chunk + 1) * 16_384); i++)
            {
                hashes[i] = hashOf(lines[i]);
            }
        });

        // Copies have equal hashes. Each line becomes one number, its hash above its index, put in the part its hash
        // falls in; each part is sorted on its own core, so that copies lie side by side, in input order, and only
        // neighbours with equal hashes are compared. No dictionary: a million entries of one cost more to build
        // and to touch than the sort.
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

        var sorted = new ulong[lines.Count];
        var filled = partStart[..parts];
        for (var i = 0; i < hashes.Length; i++)
        {
            sorted[filled[Part(hashes[i], parts)]++] = ((ulong)(uint)hashes[i] << 32) | (uint)i;
        }

        Array.Fill(duplicateOf, -1);
        var comparer = new IdentityComparer(lines);
        Parallel.For(0, parts, p => FindInPart(lines, sorted.AsSpan(partStart[p], partStart[p + 1] - partStart[p]), comparer, duplicateOf));
        return duplicateOf;
    }

    private static int Part(int hash, int parts) => (int)((uint)hash % (uint)parts);

    // The lines of one part (hash above index): groups copies and resolves each group.
    private static void FindInPart(IReadOnlyList<StatementLine> lines, Span<ulong> part, IdentityComparer comparer, int[] duplicateOf)
    {
        part.Sort();

        // One list of a run's lines, one of a group, one of kept lines and one comparison for the whole part: a group
        // is usually two lines, and ninety thousand groups each with their own would be garbage to sweep.
        var run = new List<int>();
        var members = new List<int>();
        var canonical = new List<int>();
        Comparison<int> byFileAndRow = (a, b) =>
        {
            var byFile = string.CompareOrdinal(lines[a].File, lines[b].File);
            return byFile != 0 ? byFile : lines[a].Row.CompareTo(lines[b].Row);
        };
        for (var start = 0; start < part.Length;)
        {
            var end = start + 1;
            while (end < part.Length && part[end] >> 32 == part[start] >> 32)
            {
                end++;
            }

            if (end - start > 1)
            {
                // Lines with one hash: usually one group of copies, but unequal lines may share a hash. Each group is
                // the first line left and every later one equal to it (the identity is an equivalence).
                run.Clear();
                foreach (var key in part[start..end])
                {
                    run.Add((int)(uint)key);
                }

                while (run.Count > 1)
                {
                    var first = run[0];
                    members.Clear();
                    members.Add(first);
                    var left = 0;
                    for (var k = 1; k < run.Count; k++)
                    {
                        if (comparer.Equals(first, run[k]))
                        {
                            members.Add(run[k]);
                        }
                        else
                        {
                            run[left++] = run[k];
                        }
                    }

                    run.RemoveRange(left, run.Count - left);
                    if (members.Count > 1)
                    {
                        ResolveGroup(lines, members, byFileAndRow, canonical, duplicateOf);
                    }
                }
            }

            start = end;
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

    internal sealed class IdentityComparer(IReadOnlyList<StatementLine> lines)
    {
        /// <summary>True when lines <paramref name="x"/> and <paramref name="y"/>, whose hashes are equal, are one bank line.</summary>
        public bool Equals(int x, int y)
        {
            var a = lines[x];
            var b = lines[y];
            if (a.Date != b.Date || a.Amount != b.Amount
                || !string.Equals(a.Currency, b.Currency, StringComparison.Ordinal)
                || !string.Equals(a.BankRef, b.BankRef, StringComparison.Ordinal)
                || !string.Equals(a.NotBooked, b.NotBooked, StringComparison.Ordinal)) // a movement booked is not the same line as it was when pending
            {
                return false;
            }

            return a.BankRef.Length > 0
                || (string.Equals(a.PayerAccount, b.PayerAccount, StringComparison.Ordinal)
                    && string.Equals(a.PayerName, b.PayerName, StringComparison.Ordinal)
                    && string.Equals(a.Memo, b.Memo, StringComparison.Ordinal));
        }

        /// <summary>
        /// A hash of what <see cref="Equals"/> compares (all of it but the currency): lines that differ only in a field
        /// left out would all share one hash and be compared with one another, each with each (thousands of payments
        /// of one amount on one day, without memo or account, from as many payers).
        /// </summary>
        public static int Hash(StatementLine line)
        {
            return line.BankRef.Length > 0
                ? HashCode.Combine(line.BankRef, line.Date, line.Amount)
                : HashCode.Combine(line.Date, line.Amount, line.PayerAccount, line.PayerName, line.Memo);
        }
    }
}
