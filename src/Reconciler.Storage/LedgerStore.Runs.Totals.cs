using System.Data.Common;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    private const string AppliedTotalsTable = "run_total";

    /// <summary>
    /// Each result's sentence, composed on all cores (a result of the matcher composes it when read, ~2 µs each: two
    /// seconds for a million lines on one core).
    /// </summary>
    private static string[] Explanations(IReadOnlyList<MatchResult> results)
    {
        var explanations = new string[results.Count];
        Parallel.For(0, results.Count, i => explanations[i] = results[i].Explanation);
        return explanations;
    }

    /// <summary>
    /// The source (aliased <c>t</c>: <c>receivable_id</c>, <c>total</c>) of the open amounts' compare-and-set: what
    /// the run applies to each receivable (its automatic and settled allocations summed). SQLite: summed here and
    /// written in receivable order to a temporary table keyed by the receivable (its rowid), which the update walks
    /// in step with the receivables; summing in SQL sorted a million allocation rows through a temporary B-tree first
    /// (7.2 s against 4.1 s for the update at 1M in the sqlite3 shell). Elsewhere: the sum in SQL over
    /// <paramref name="allocationsTable"/>, with the parameters <c>@Auto</c> and <c>@Settled</c>.
    /// </summary>
    private string AppliedTotals(DbConnection connection, DbTransaction transaction, List<RunAllocation> allocations, string allocationsTable)
    {
        if (_dialect.Provider != StorageProvider.Sqlite)
        {
            return $"(SELECT receivable_id, SUM(amount) AS total FROM {allocationsTable} WHERE status IN (@Auto, @Settled) GROUP BY receivable_id) t";
        }

        var totals = new Dictionary<long, long>();
        foreach (var allocation in allocations)
        {
            if (allocation.Status is AutoStatus or SettledStatus)
            {
                totals[allocation.ReceivableId] = totals.GetValueOrDefault(allocation.ReceivableId) + allocation.Amount;
            }
        }

        var ordered = totals.ToArray();
        Array.Sort(ordered, (x, y) => x.Key.CompareTo(y.Key));
        Exec(connection, transaction, _dialect.CreateTemp(AppliedTotalsTable, "receivable_id INTEGER PRIMARY KEY, total BIGINT NOT NULL"));
        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp(AppliedTotalsTable), TotalColumns, ordered);
        return $"{_dialect.Temp(AppliedTotalsTable)} t";
    }

    /// <summary>Drops what <see cref="AppliedTotals"/> made, if anything.</summary>
    private void DropAppliedTotals(DbConnection connection, DbTransaction transaction)
    {
        if (_dialect.Provider == StorageProvider.Sqlite && _dialect.DropTemp(AppliedTotalsTable) is { } drop)
        {
            connection.Execute(drop, transaction: transaction);
        }
    }

    private static readonly BulkColumn<KeyValuePair<long, long>>[] TotalColumns =
    [
        BulkColumn.Int64<KeyValuePair<long, long>>("receivable_id", x => x.Key),
        BulkColumn.Int64<KeyValuePair<long, long>>("total", x => x.Value),
    ];
}
