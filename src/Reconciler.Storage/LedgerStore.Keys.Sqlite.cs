using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Which of <paramref name="keys"/> a query finds on SQLite: <paramref name="sql"/> (one row or none for the key bound
    /// as <c>?1</c>) run by one prepared statement for each distinct key, in key order (neighbouring keys share index
    /// pages), inside the connection's transaction.
    /// </summary>
    /// <remarks>
    /// Not a list of keys per statement: Dapper expands a list into one parameter per value, and Microsoft.Data.Sqlite
    /// binds each by name, which SQLite finds by walking the statement's list of names, so a statement of 1,000 keys cost
    /// half a million name comparisons. A day's rules run on a 1M ledger asks which of 823k alert keys the outbox
    /// holds: 12 s that way (in a perf profile). Keys bound as one JSON array read by json_each took 4 s, but the
    /// process grew by 1 GB while they ran.
    /// </remarks>
    private static HashSet<string> FoundKeysSqlite(SqliteConnection connection, string sql, IEnumerable<string> keys)
    {
        string[] sorted = [.. keys.Distinct(StringComparer.Ordinal)];
        Array.Sort(sorted, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        using var lookup = new SqliteStatement(connection, sql);
        foreach (var key in sorted)
        {
            if (lookup.Bind(1, key).Any())
            {
                found.Add(key);
            }
        }

        return found;
    }
}
