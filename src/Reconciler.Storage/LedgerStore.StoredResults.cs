using System.Data.Common;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The results of the lines of <paramref name="files"/> that match <paramref name="where"/> (a condition on
    /// <c>statement_line l</c>), one list per file in the order given, each in row order, read column by column
    /// straight into the results (no row objects held beside them): their allocations (applied, confirmed or ranked,
    /// in the order made; each receivable built once however many lines it takes, see <see cref="Allocations"/>) and,
    /// for a duplicate, the line it repeats — read where <paramref name="originalsWhere"/> says (and returned), else asked of <paramref name="held"/>.
    /// </summary>
    private (List<MatchResult>[] Results, Dictionary<long, StatementLine> Originals) StoredResults(
        DbConnection connection,
        DbTransaction transaction,
        long[] files,
        string where,
        string originalsWhere,
        object parameters,
        Func<long, StatementLine?>? held)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var allocations = Allocations(connection, transaction, where, parameters, pool);
        var names = connection.Query<(long Id, string Name)>("SELECT id, name FROM statement_file", transaction: transaction).ToDictionary(f => f.Id, f => f.Name);
        var originals = new Dictionary<long, StatementLine>();
        using (var reader = Rows(
            connection,
            transaction,
            $"SELECT {LineColumnsSql} FROM statement_line l WHERE {originalsWhere}",
            parameters))
        {
            while (reader.Read())
            {
                originals.Add(reader.GetInt64(0), LineAt(reader, names[reader.GetInt64(1)], pool));
            }
        }

        var order = files.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var results = files.Select(_ => new List<MatchResult>()).ToArray();
        using (var reader = Rows(
            connection,
            transaction,
            $"""
            SELECT l.id, l.file_id, l.row_number, l.bank_ref, l.booking_date, l.value_date, l.booking_time, l.amount, l.currency,
                l.payer_name, l.payer_account, l.memo, l.neutral, l.not_booked, l.status, l.duplicate_of, l.match_rule, l.confidence, l.difference, l.explanation
            FROM statement_line l
            WHERE {where}
            ORDER BY l.file_id, l.row_number
            """,
            parameters))
        {
            while (reader.Read())
            {
                var fileId = reader.GetInt64(1);
                var line = LineAt(reader, names[fileId], pool);
                var original = reader.IsDBNull(15)
                    ? null
                    : originals.TryGetValue(reader.GetInt64(15), out var first) ? first : held?.Invoke(reader.GetInt64(15));
                var id = reader.GetInt64(0);
                results[order[fileId]].Add(StoredResult(
                    line,
                    PooledAt(reader, 14, pool),
                    allocations.TryGetValue(id, out var made) ? made : [],
                    reader.IsDBNull(18) ? null : reader.GetInt64(18),
                    reader.IsDBNull(17) ? null : reader.GetDouble(17),
                    reader.IsDBNull(16) ? null : PooledAt(reader, 16, pool),
                    reader.IsDBNull(19) ? null : reader.GetString(19),
                    original));
            }
        }

        return (results, originals);
    }

    /// <summary>
    /// The allocations (applied, confirmed or ranked, in the order made) of the lines that match <paramref name="where"/>,
    /// by line, each receivable built once. The allocations are read alone (a join to receivables and customers looks
    /// up each in turn, at random), then the receivables they name: a few by id, many by reading the receivables and
    /// customers through once and keeping those named.
    /// </summary>
    private Dictionary<long, List<Allocation>> Allocations(DbConnection connection, DbTransaction transaction, string where, object parameters, Dictionary<string, string> pool)
    {
        var made = new List<(long Line, long Receivable, long Units)>();
        var named = new HashSet<long>();
        using (var reader = Rows(
            connection,
            transaction,
            $"""
            SELECT a.line_id, a.receivable_id, a.amount
            FROM allocation a JOIN statement_line l ON l.id = a.line_id
            WHERE {where} AND a.status IN ('{AutoStatus}', '{ConfirmedStatus}', '{CandidateStatus}')
            ORDER BY a.id
            """,
            parameters))
        {
            while (reader.Read())
            {
                made.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
                named.Add(reader.GetInt64(1));
            }
        }

        var receivables = new Dictionary<long, Receivable>(named.Count);
        if (named.Count <= FewReceivables)
        {
            foreach (var chunk in named.Chunk(500))
            {
                using var reader = Rows(
                    connection,
                    transaction,
                    $"""
                    SELECT r.id, r.contract_no, r.customer_id, c.name, r.amount, r.currency, r.issue_date, r.due_date, r.sales_owner
                    FROM receivable r JOIN customer c ON c.id = r.customer_id
                    WHERE {_dialect.In("r.id", "@Ids")}
                    """,
                    new { Ids = chunk });
                while (reader.Read())
                {
                    receivables.Add(reader.GetInt64(0), StoredReceivable(reader, reader.GetString(3), pool));
                }
            }
        }
        else
        {
            var customers = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var reader = Rows(connection, transaction, "SELECT id, name FROM customer"))
            {
                while (reader.Read())
                {
                    customers.Add(reader.GetString(0), reader.GetString(1));
                }
            }

            using (var reader = Rows(
                connection,
                transaction,
                "SELECT r.id, r.contract_no, r.customer_id, NULL, r.amount, r.currency, r.issue_date, r.due_date, r.sales_owner FROM receivable r"))
            {
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    if (named.Contains(id))
                    {
                        // The customer's name found from the id's characters (on SQLite), no string made for it.
                        var name = TryGetAt(reader, 2, customers, out var known) ? known : throw new KeyNotFoundException($"receivable {id} names customer {reader.GetString(2)}, which the ledger does not hold");
                        receivables.Add(id, StoredReceivable(reader, name, pool));
                    }
                }
            }
        }

        var byLine = new Dictionary<long, List<Allocation>>();
        foreach (var (line, receivable, units) in made)
        {
            if (!byLine.TryGetValue(line, out var list))
            {
                list = new List<Allocation>(1);
                byLine.Add(line, list);
            }

            list.Add(new Allocation(receivables[receivable], Money.FromUnits(units)));
        }

        return byLine;
    }

    /// <summary>
    /// The columns of <c>statement_line l</c> that <see cref="LineAt"/> reads: the id and file id, then the line's own
    /// (row number, bank reference, dates, time, amount, currency, payer, memo, neutral, the bank's status if not booked).
    /// </summary>
    private const string LineColumnsSql =
        "l.id, l.file_id, l.row_number, l.bank_ref, l.booking_date, l.value_date, l.booking_time, l.amount, l.currency, l.payer_name, l.payer_account, l.memo, l.neutral, l.not_booked";

    /// <summary>Up to how many receivables allocations may name for them to be read by id rather than by reading all through.</summary>
    internal int FewReceivables { get; init; } = 5_000;

    /// <summary>A receivable as results show it (its amount, not what is open), from a row of id, contract, customer id, (name), amount, currency, issue and due dates, owner.</summary>
    private static Receivable StoredReceivable(System.Data.IDataReader reader, string customerName, Dictionary<string, string> pool) => new(
        reader.GetString(1),
        PooledAt(reader, 2, pool),
        Pooled(pool, customerName),
        Money.FromUnits(reader.GetInt64(4)),
        PooledAt(reader, 5, pool),
        DayAt(reader, 6),
        DayAt(reader, 7),
        PooledAt(reader, 8, pool));
}
