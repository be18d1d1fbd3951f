using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Reconciler.Domain;
using SQLitePCL;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// <see cref="TryOpenReceivables"/> on SQLite, straight through SQLite's C API on the connection's handle (inside
    /// its transaction): the same query and receivables, but each column read once as the bytes SQLite holds, and the
    /// values many rows repeat (customer ids, currencies, owners) looked up from those bytes without making a string.
    /// Through ADO.NET each value cost a type check, a few calls through the provider and a new string (about 5 µs a
    /// row for a million receivables).
    /// </summary>
    private static (List<Receivable> Receivables, Dictionary<Receivable, long> Ids)? TryOpenReceivablesSqlite(
        SqliteConnection connection,
        Dictionary<string, (string Id, string Name)> customers,
        Dictionary<string, string> pool)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(
            db,
            """
            SELECT r.id, r.contract_no, r.customer_id, r.open_amount, r.currency, r.issue_date, r.due_date, r.sales_owner
            FROM receivable r
            WHERE r.status = ?1 AND r.open_amount > 0
            ORDER BY r.id
            """,
            out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, OpenStatus), db);
            var receivables = new List<Receivable>();
            var ids = new Dictionary<Receivable, long>(ReferenceEqualityComparer.Instance);
            var known = customers.GetAlternateLookup<ReadOnlySpan<char>>();
            var kept = pool.GetAlternateLookup<ReadOnlySpan<char>>();
            var chars = new char[256];
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var id = raw.sqlite3_column_int64(statement, 0);
                if (!known.TryGetValue(Chars(statement, 2, ref chars), out var customer))
                {
                    return null; // committed after the customers were read: read again
                }

                // Each span of chars is used up before the next column is decoded into the same buffer.
                var receivable = new Receivable(
                    Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 1)),
                    customer.Id,
                    customer.Name,
                    Money.FromUnits(raw.sqlite3_column_int64(statement, 3)),
                    Pooled(kept, Chars(statement, 4, ref chars)),
                    Iso.Day(Chars(statement, 5, ref chars)),
                    Iso.Day(Chars(statement, 6, ref chars)),
                    Pooled(kept, Chars(statement, 7, ref chars)))
                {
                    Source = string.Create(CultureInfo.InvariantCulture, $"ledger receivable {id}"),
                };
                receivables.Add(receivable);
                ids[receivable] = id;
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return (receivables, ids);
        }
    }

    /// <summary>The text of a column of the current row, decoded into <paramref name="chars"/> (grown as needed).</summary>
    private static ReadOnlySpan<char> Chars(sqlite3_stmt statement, int column, ref char[] chars)
    {
        var bytes = raw.sqlite3_column_blob(statement, column);
        if (chars.Length < bytes.Length)
        {
            chars = new char[Math.Max(bytes.Length, chars.Length * 2)];
        }

        return chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, chars));
    }

    /// <summary>The one instance kept of a value many rows repeat, found from its characters.</summary>
    private static string Pooled(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> pool, ReadOnlySpan<char> value)
    {
        if (pool.TryGetValue(value, out var kept))
        {
            return kept;
        }

        var text = value.ToString();
        pool.Dictionary.Add(text, text);
        return text;
    }
}
