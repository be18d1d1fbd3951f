using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The keys among <paramref name="keys"/> that a query finds on SQLite, each with the id it gives:
    /// <paramref name="sql"/> (the id of the one row, or no row, for the key bound as <c>?1</c>) run by one prepared
    /// statement for each distinct key, in key order (neighbouring keys share index pages), inside the connection's
    /// transaction. In-process a look-up costs no round trip.
    /// </summary>
    /// <remarks>
    /// Not the keys through a temporary table (at 1M lines, the import's second file's 532k keys were written into one,
    /// then joined), nor a list of keys per statement: Dapper expands a list into one parameter per value, and
    /// Microsoft.Data.Sqlite binds each by name, which SQLite finds by walking the statement's list of names, so a
    /// statement of 1,000 keys cost half a million name comparisons. A day's rules run on a 1M ledger asks which of
    /// 823k alert keys the outbox holds: 12 s that way (in a perf profile). Keys bound as one JSON array read by
    /// json_each took 4 s, but the process grew by 1 GB while they ran.
    /// </remarks>
    private static Dictionary<string, long> KeysFoundSqlite(SqliteConnection connection, string sql, IEnumerable<string> keys)
    {
        string[] sorted = [.. keys];
        Array.Sort(sorted, StringComparer.Ordinal);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        using var lookup = new SqliteStatement(connection, sql);
        string? previous = null;
        foreach (var key in sorted)
        {
            if (string.Equals(key, previous, StringComparison.Ordinal))
            {
                continue;
            }

            previous = key;
            if (lookup.Bind(1, key).FirstInt64() is { } id)
            {
                found.Add(key, id);
            }
        }

        return found;
    }
}
