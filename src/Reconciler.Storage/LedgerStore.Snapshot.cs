using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The open receivables with something open, in id order, read column by column (no intermediate row objects);
    /// the values a million receivables repeat (customer ids and names, currencies, owners) are kept once.
    /// </summary>
    private static (List<Receivable> Receivables, Dictionary<Receivable, long> Ids) OpenReceivables(DbConnection connection, DbTransaction transaction)
    {
        var receivables = new List<Receivable>();
        var ids = new Dictionary<Receivable, long>(ReferenceEqualityComparer.Instance);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);

        // Customers are read once, not joined to every receivable (a million index lookups in SQLite).
        var customers = connection.Query<(string Id, string Name)>("SELECT id, name FROM customer", transaction: transaction)
            .ToDictionary(c => c.Id, c => (c.Id, Name: Pooled(pool, c.Name)), StringComparer.Ordinal);
        using var reader = connection.ExecuteReader(
            """
            SELECT r.id, r.contract_no, r.customer_id, r.open_amount, r.currency, r.issue_date, r.due_date, r.sales_owner
            FROM receivable r
            WHERE r.status = @Open AND r.open_amount > 0
            ORDER BY r.id
            """,
            new { Open = OpenStatus },
            transaction);
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var customer = customers[reader.GetString(2)];
            var receivable = new Receivable(
                reader.GetString(1),
                customer.Id,
                customer.Name,
                Money.FromUnits(reader.GetInt64(3)),
                Pooled(pool, reader.GetString(4)),
                Iso.Day(reader.GetString(5)),
                Iso.Day(reader.GetString(6)),
                Pooled(pool, reader.GetString(7)))
            {
                Source = string.Create(CultureInfo.InvariantCulture, $"ledger receivable {id}"),
            };
            receivables.Add(receivable);
            ids[receivable] = id;
        }

        return (receivables, ids);
    }

    /// <summary>
    /// The lines a run decides (<see cref="PendingCondition"/>), in file and row order, read column by column into
    /// the lines themselves (no row objects held beside them): the file names come from a separate small query
    /// instead of a join repeating them on every row, and the values lines repeat (file name, currency, status, the
    /// time of the import or run that last changed them) are kept once.
    /// </summary>
    private List<StoredLine> PendingLines(DbConnection connection, DbTransaction transaction)
    {
        var files = connection.Query<(long Id, string Name)>("SELECT id, name FROM statement_file", transaction: transaction)
            .ToDictionary(f => f.Id, f => f.Name);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<StoredLine>();
        using var reader = connection.ExecuteReader(
            $"""
            SELECT l.id, l.file_id, l.row_number, l.bank_ref, l.booking_date, l.value_date, l.booking_time, l.amount, l.currency,
                l.payer_name, l.payer_account, l.memo, l.neutral, l.status, l.duplicate_of, l.updated_at
            FROM statement_line l
            WHERE {PendingCondition}
            """,
            PendingParameters,
            transaction);
        var sorted = true;
        while (reader.Read())
        {
            var fileId = reader.GetInt64(1);
            var line = new StatementLine(
                files[fileId],
                reader.GetInt32(2),
                reader.GetString(3),
                Iso.Day(reader.GetString(4)),
                Money.FromUnits(reader.GetInt64(7)),
                Pooled(pool, reader.GetString(8)),
                reader.GetString(9),
                reader.GetString(10),
                reader.GetString(11))
            {
                ValueDate = reader.IsDBNull(5) ? null : Iso.Day(reader.GetString(5)),
                Time = reader.IsDBNull(6) ? null : TimeOnly.ParseExact(reader.GetString(6), "HH:mm:ss", CultureInfo.InvariantCulture),
                Neutral = reader.GetBoolean(12),
            };
            lines.Add(new StoredLine(reader.GetInt64(0), line, Pooled(pool, reader.GetString(13)), reader.IsDBNull(14) ? null : reader.GetInt64(14))
            {
                FileId = fileId,
                UpdatedAt = Pooled(pool, reader.GetString(15)),
            });
            sorted = sorted && (lines.Count < 2 || Before(lines[^2], lines[^1]));
        }

        // In file and row order, sorted here rather than by the database (which would sort whole rows on disk): lines
        // come in that order already when they were all imported and not yet decided.
        if (!sorted)
        {
            lines.Sort((x, y) => x.FileId != y.FileId ? x.FileId.CompareTo(y.FileId) : x.Line.Row.CompareTo(y.Line.Row));
        }

        return lines;
    }

    private static bool Before(StoredLine x, StoredLine y) => x.FileId < y.FileId || (x.FileId == y.FileId && x.Line.Row < y.Line.Row);

    /// <summary>The one instance kept of a value many rows repeat.</summary>
    private static string Pooled(Dictionary<string, string> pool, string value)
    {
        if (pool.TryGetValue(value, out var kept))
        {
            return kept;
        }

        pool.Add(value, value);
        return value;
    }
}
