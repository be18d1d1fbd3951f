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
    /// in the order made; each receivable built once however many lines it takes) and, for a duplicate, the line it
    /// repeats — read where <paramref name="originalsWhere"/> says (and returned), else asked of <paramref name="held"/>.
    /// </summary>
    private static (List<MatchResult>[] Results, Dictionary<long, StatementLine> Originals) StoredResults(
        DbConnection connection,
        DbTransaction transaction,
        long[] files,
        string where,
        string originalsWhere,
        object parameters,
        Func<long, StatementLine?>? held)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var receivables = new Dictionary<long, Receivable>();
        var allocations = new Dictionary<long, List<Allocation>>();
        using (var reader = connection.ExecuteReader(
            $"""
            SELECT a.line_id, a.amount, a.receivable_id, r.contract_no, r.customer_id, c.name, r.amount, r.currency, r.issue_date, r.due_date, r.sales_owner
            FROM allocation a JOIN statement_line l ON l.id = a.line_id JOIN receivable r ON r.id = a.receivable_id JOIN customer c ON c.id = r.customer_id
            WHERE {where} AND a.status IN ('{AutoStatus}', '{ConfirmedStatus}', '{CandidateStatus}')
            ORDER BY a.id
            """,
            parameters,
            transaction))
        {
            while (reader.Read())
            {
                var receivableId = reader.GetInt64(2);
                if (!receivables.TryGetValue(receivableId, out var receivable))
                {
                    receivable = new Receivable(
                        reader.GetString(3),
                        Pooled(pool, reader.GetString(4)),
                        Pooled(pool, reader.GetString(5)),
                        Money.FromUnits(reader.GetInt64(6)),
                        Pooled(pool, reader.GetString(7)),
                        Iso.Day(reader.GetString(8)),
                        Iso.Day(reader.GetString(9)),
                        Pooled(pool, reader.GetString(10)));
                    receivables.Add(receivableId, receivable);
                }

                var lineId = reader.GetInt64(0);
                if (!allocations.TryGetValue(lineId, out var list))
                {
                    list = new List<Allocation>(1);
                    allocations.Add(lineId, list);
                }

                list.Add(new Allocation(receivable, Money.FromUnits(reader.GetInt64(1))));
            }
        }

        var originals = Lines(connection, transaction, originalsWhere, parameters).ToDictionary(l => l.Id, l => l.Line);
        var names = connection.Query<(long Id, string Name)>("SELECT id, name FROM statement_file", transaction: transaction).ToDictionary(f => f.Id, f => f.Name);
        var order = files.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var results = files.Select(_ => new List<MatchResult>()).ToArray();
        using (var reader = connection.ExecuteReader(
            $"""
            SELECT l.id, l.file_id, l.row_number, l.bank_ref, l.booking_date, l.value_date, l.booking_time, l.amount, l.currency,
                l.payer_name, l.payer_account, l.memo, l.neutral, l.status, l.duplicate_of, l.match_rule, l.confidence, l.difference, l.explanation
            FROM statement_line l
            WHERE {where}
            ORDER BY l.file_id, l.row_number
            """,
            parameters,
            transaction))
        {
            while (reader.Read())
            {
                var fileId = reader.GetInt64(1);
                var line = new StatementLine(
                    names[fileId],
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
                    Time = reader.IsDBNull(6) ? null : TimeOnly.ParseExact(reader.GetString(6), "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    Neutral = reader.GetBoolean(12),
                };
                var original = reader.IsDBNull(14)
                    ? null
                    : originals.TryGetValue(reader.GetInt64(14), out var first) ? first : held?.Invoke(reader.GetInt64(14));
                var id = reader.GetInt64(0);
                results[order[fileId]].Add(StoredResult(
                    line,
                    reader.GetString(13),
                    allocations.TryGetValue(id, out var made) ? made : [],
                    reader.IsDBNull(17) ? null : reader.GetInt64(17),
                    reader.IsDBNull(16) ? null : reader.GetDouble(16),
                    reader.IsDBNull(15) ? null : Pooled(pool, reader.GetString(15)),
                    reader.IsDBNull(18) ? null : reader.GetString(18),
                    original));
            }
        }

        return (results, originals);
    }
}
