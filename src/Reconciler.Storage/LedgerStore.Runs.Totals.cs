using System.Data.Common;
using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    private const string AppliedTotalsTable = "run_total";

    /// <summary>
    /// The decision saved for each line of the run, with its sentence, and the run's allocations (automatic ones and a
    /// suggestion's candidates, above zero, in line order), all made on all cores, a range of lines at a time: the
    /// matcher keeps its common results as figures and builds a result each time one is read, and a result composes its
    /// sentence when read (~2 µs each: two seconds for a million lines on one core). The results themselves are not
    /// kept: a million of them alive until the save ends were what the collector copied.
    /// </summary>
    private static (string[] Explanations, Decision[] Decisions, List<RunAllocation> Allocations) DecisionsOf(LedgerSnapshot snapshot, IReadOnlyList<MatchResult> run)
    {
        var explanations = new string[run.Count];
        var decisions = new Decision[run.Count];
        var pending = snapshot.Pending;
        var ids = snapshot.IdMap;
        var size = Math.Max(4096, (run.Count / (8 * Environment.ProcessorCount)) + 1);
        var made = new List<RunAllocation>[(run.Count + size - 1) / size];
        Parallel.For(0, made.Length, range =>
        {
            var allocations = new List<RunAllocation>();
            for (var i = range * size; i < Math.Min(run.Count, (range + 1) * size); i++)
            {
                var result = run[i];
                var explanation = result.Explanation;
                explanations[i] = explanation;
                decisions[i] = new Decision(
                    pending[i].Id,
                    pending[i].Status,
                    pending[i].UpdatedAt,
                    result.Status.ToName(),
                    result.Rule,
                    result.Confidence,
                    Money.ToUnits(decimal.Round(result.Difference, 4)),
                    explanation,
                    result.Exception == ExceptionKind.None ? null : result.Exception.ToString(),
                    result.Exception == ExceptionKind.None || result.Allocations.Count == 0 ? null : result.Allocations[0].Receivable.CustomerId,
                    Money.ToUnits(result.Line.Amount));
                if (!SavesAllocations(result.Status))
                {
                    continue;
                }

                var applied = Applies(result.Status);
                for (var a = 0; a < result.Allocations.Count; a++) // not foreach: over an interface it boxes the array's enumerator
                {
                    var allocation = result.Allocations[a];
                    var units = Money.ToUnits(decimal.Round(allocation.Amount, 4));
                    if (units > 0)
                    {
                        var position = ids.Position(allocation.Receivable);
                        allocations.Add(new RunAllocation(pending[i].Id, ids.IdAt(position), position, units, applied ? AutoStatus : CandidateStatus, result.Rule, result.Confidence));
                    }
                }
            }

            made[range] = allocations;
        });

        // In line order, with room for the tolerance settlements (at most one per receivable applied to).
        var count = made.Sum(m => m.Count);
        var all = new List<RunAllocation>(count + (count / 8) + 16);
        foreach (var allocations in made)
        {
            all.AddRange(allocations);
        }

        return (explanations, decisions, all);
    }

    /// <summary>
    /// The source (aliased <c>t</c>: <c>receivable_id</c>, <c>total</c>) of the open amounts' compare-and-set, with its
    /// parameters and how many receivables it names: what the run applies to each receivable (its automatic and
    /// settled allocations summed). On SQLite and PostgreSQL the sums are made here, in receivable order, so that the
    /// update walks the receivables in key order (summing in SQL sorted a million allocation rows through a temporary B-tree in SQLite first, 7.2 s against
    /// 4.1 s for the update at 1M in the sqlite3 shell, and came out of PostgreSQL's hash aggregate in hash order):
    /// SQLite reads them from a temporary table keyed by the receivable (its rowid), PostgreSQL from two arrays.
    /// Elsewhere: the sum in SQL over <paramref name="allocationsTable"/>.
    /// </summary>
    private (string Source, DynamicParameters Parameters, long Receivables) AppliedTotals(DbConnection connection, DbTransaction transaction, List<RunAllocation> allocations, string allocationsTable)
    {
        var parameters = new DynamicParameters();
        if (_dialect.Provider is not (StorageProvider.Sqlite or StorageProvider.Postgres))
        {
            parameters.AddDynamicParams(new { Auto = AutoStatus, Settled = SettledStatus });
            var receivables = allocations.Where(x => x.Status is AutoStatus or SettledStatus).Select(x => x.ReceivableId).Distinct().LongCount();
            return ($"(SELECT receivable_id, SUM(amount) AS total FROM {allocationsTable} WHERE status IN (@Auto, @Settled) GROUP BY receivable_id) t", parameters, receivables);
        }

        var ordered = AppliedByReceivable(allocations);
        if (_dialect.Provider == StorageProvider.Postgres)
        {
            parameters.Add("Ids", Array.ConvertAll(ordered, x => x.Key));
            parameters.Add("Totals", Array.ConvertAll(ordered, x => x.Value));
            return ("unnest(@Ids, @Totals) AS t(receivable_id, total)", parameters, ordered.Length);
        }

        Exec(connection, transaction, _dialect.CreateTemp(AppliedTotalsTable, "receivable_id INTEGER PRIMARY KEY, total BIGINT NOT NULL"));
        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp(AppliedTotalsTable), TotalColumns, ordered);
        return ($"{_dialect.Temp(AppliedTotalsTable)} t", parameters, ordered.Length);
    }

    /// <summary>What the run applies to each receivable (its automatic and settled allocations summed), in receivable id order.</summary>
    private static KeyValuePair<long, long>[] AppliedByReceivable(List<RunAllocation> allocations)
    {
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
        return ordered;
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
