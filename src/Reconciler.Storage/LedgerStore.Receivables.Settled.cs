using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// What settled tolerance differences (allocations with status <see cref="SettledStatus"/>, not undone) take of each
    /// receivable that has one, in units, by receivable id. Read before the sync streams the receivables.
    /// </summary>
    /// <remarks>
    /// The status is written into the statement, not bound: a partial index (ix_allocation_settled, migration 13) is used
    /// only when the query's condition is its own, which SQLite cannot know of a parameter when it prepares the statement.
    /// </remarks>
    private static Dictionary<long, long> SettledUnits(DbConnection connection, DbTransaction transaction) =>
        connection.Query<(long ReceivableId, long Units)>(
            $"SELECT receivable_id, SUM(amount) FROM allocation WHERE status = '{SettledStatus}' AND ended_at IS NULL GROUP BY receivable_id",
            transaction: transaction).ToDictionary(x => x.ReceivableId, x => x.Units);

    /// <summary>
    /// What of a receivable's settled tolerance difference a new amount (<paramref name="amount"/>, in units) writes off:
    /// the difference a payment within tolerance left (a bank charge) was no money received, so when the source lowers
    /// the amount towards what payments paid (finance writing the charge off), the difference shrinks so that paid and
    /// settled add up to the new amount, and goes altogether at or below what was paid. Zero when the amount is not below
    /// what is allocated, or nothing was settled.
    /// </summary>
    private static long WrittenOff(ReceivableRow row, long amount)
    {
        var kept = Math.Clamp(amount - row.Paid, 0, row.Settled);
        return row.Settled - kept;
    }

    /// <summary>
    /// Takes <paramref name="units"/> off the receivable's settled tolerance differences, the latest first: one taken to
    /// nothing ends (status <see cref="RejectedStatus"/>, with the time it ended, as undoing a match leaves it), one
    /// taken in part keeps the rest. Audited, in the sync's transaction. Nothing happens for zero units.
    /// </summary>
    private void WriteOffSettled(DbConnection connection, DbTransaction transaction, ReceivableRow row, long units, string source, string actor, string now)
    {
        if (units <= 0)
        {
            return;
        }

        var left = units;
        var settled = connection.Query<(long Id, long Amount)>(
            "SELECT id, amount FROM allocation WHERE receivable_id = @Id AND status = @Settled AND ended_at IS NULL ORDER BY id DESC",
            new { row.Id, Settled = SettledStatus },
            transaction).ToList();
        foreach (var (id, amount) in settled)
        {
            if (left == 0)
            {
                break;
            }

            var taken = Math.Min(left, amount);
            if (taken == amount)
            {
                connection.Execute(
                    "UPDATE allocation SET status = @Rejected, ended_at = @Now WHERE id = @Id",
                    new { Id = id, Rejected = RejectedStatus, Now = now },
                    transaction);
            }
            else
            {
                connection.Execute("UPDATE allocation SET amount = amount - @Taken WHERE id = @Id", new { Id = id, Taken = taken }, transaction);
            }

            Audit(
                connection,
                transaction,
                actor,
                "write off",
                "allocation",
                id.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{{\"amount\":{Money.FromUnits(amount)},\"status\":\"{SettledStatus}\"}}"),
                string.Create(CultureInfo.InvariantCulture, $"{{\"amount\":{Money.FromUnits(amount - taken)},\"status\":\"{(taken == amount ? RejectedStatus : SettledStatus)}\"}}"),
                $"{source}: contract {row.ContractNo} lowered to what was paid; the settled tolerance difference shrinks with it");
            left -= taken;
        }
    }
}
