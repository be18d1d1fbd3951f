using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

/// <summary>
/// SQLite: the indexes of a table that a bulk write is about to fill, dropped inside the write's transaction and made
/// again from their own stored definitions before it commits, so that the index is built once by sorting instead of
/// being kept up row by row (random keys, such as a line key or a contract and customer, land on a random leaf for every
/// row). Worth it only when the write adds about as many rows as the table holds; a table already larger keeps its
/// indexes. The schema after the commit is the same (the same names and statements); a write that fails is rolled back,
/// indexes and all; a unique index made again refuses duplicate keys as it would have row by row (a unique violation,
/// before the commit).
/// </summary>
internal sealed class SqliteIndexRebuild
{
    private readonly List<(string Name, string Sql)> _dropped;

    private SqliteIndexRebuild(List<(string Name, string Sql)> dropped) => _dropped = dropped;

    /// <summary>
    /// Drops the indexes of <paramref name="table"/> (not its primary key; only <paramref name="only"/> when given) when
    /// <paramref name="connection"/> is SQLite and the table holds at most <paramref name="rows"/> rows (the rows the
    /// write adds or changes); returns what to make again, or null when nothing was dropped.
    /// </summary>
    public static SqliteIndexRebuild? DropFor(DbConnection connection, DbTransaction transaction, string table, long rows, string? only = null)
    {
        if (connection is not SqliteConnection || rows < MinimumRows)
        {
            return null;
        }

        // Counting stops past that many rows: a large table is not counted through.
        var held = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT @Limit)", new { Limit = rows + 1 }, transaction);
        if (held > rows)
        {
            return null;
        }

        var indexes = connection.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @Table AND sql IS NOT NULL AND (@Only IS NULL OR name = @Only) ORDER BY name",
            new { Table = table, Only = only },
            transaction).ToList();
        if (indexes.Count == 0)
        {
            return null;
        }

        foreach (var (name, _) in indexes)
        {
            connection.Execute($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", transaction: transaction);
        }

        return new SqliteIndexRebuild(indexes);
    }

    /// <summary>Makes the dropped indexes again, in the same transaction.</summary>
    public void Restore(DbConnection connection, DbTransaction transaction)
    {
        foreach (var (_, sql) in _dropped)
        {
            connection.Execute(sql, transaction: transaction);
        }
    }

    /// <summary>Below this many rows the indexes are kept up as the rows come (nothing to gain).</summary>
    internal const long MinimumRows = 10_000;
}
