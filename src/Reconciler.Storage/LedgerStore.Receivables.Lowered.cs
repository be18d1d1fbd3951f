using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// For each receivable the source lowered below what the ledger has allocated to it (<paramref name="lowered"/>: its
    /// position in <paramref name="receivables"/> and its row as read in the sync's transaction), raises a
    /// <see cref="ExceptionKind.ReceivableLowered"/> exception on the line allocated to it last, naming the receivable
    /// (one per line and receivable: a line that paid several contracts has one for each lowered; again, when a person
    /// had resolved it), with the excess (allocated less the new amount) as its amount, and audits it; in the sync's
    /// transaction. The exception is the one rule facts, alerts and <c>review</c> already know: a line's, so a person
    /// who undoes that line's match resolves it, and one who confirms the line acknowledges the over-payment. A receivable
    /// the source gives the amount the ledger already keeps as the source's (<c>source_amount</c>: the last sync lowered
    /// it to just that), whose exception that line already holds (open, or resolved by a person), is the same lowering:
    /// it is not said, audited or re-opened again (an open one's excess follows what is still allocated). Returns what was lowered now, in the source's
    /// order.
    /// </summary>
    private List<LoweredReceivable> RaiseLowered(
        DbConnection connection,
        DbTransaction transaction,
        List<(int Position, ReceivableRow Row)> lowered,
        IReadOnlyList<Receivable> receivables,
        string source,
        string actor,
        string now)
    {
        var result = new List<LoweredReceivable>(lowered.Count);
        var kind = nameof(ExceptionKind.ReceivableLowered);
        foreach (var (position, row) in lowered.OrderBy(l => l.Position))
        {
            var receivable = receivables[position];
            var amount = Money.ToUnits(receivable.Amount);
            var allocated = row.Paid; // what payments paid: a settled tolerance difference is written off instead (see WrittenOff)

            // The line allocated to it last that a run decided (every allocated line was: a run decides a line before a
            // person can confirm or match it); the exception needs its run.
            var line = connection.Query<(long LineId, long? RunId)>(
                $"""
                SELECT a.line_id, l.run_id FROM allocation a JOIN statement_line l ON l.id = a.line_id
                WHERE a.receivable_id = @Id AND a.status IN ({AppliedStatusList}) AND a.ended_at IS NULL AND l.run_id IS NOT NULL
                ORDER BY a.id DESC
                """,
                new { row.Id },
                transaction).FirstOrDefault();
            long? lineId = line.RunId is not null ? line.LineId : null;
            if (row.SourceAmount == amount && (lineId is not { } on || RaisedBefore(connection, transaction, on, row.Id, allocated - amount)))
            {
                // The same lowering as the last sync's (the ledger kept this very amount as the source's), already raised on
                // this line: said and audited then, and a person who resolved it has decided it. What is allocated may have
                // shrunk since (a person undid another line paying it): an open exception is kept at the excess left.
                continue;
            }

            if (lineId is { } id)
            {
                var args = new { Line = id, Kind = kind, Amount = allocated - amount, row.CustomerId, Receivable = row.Id, Run = line.RunId, Now = now };
                connection.Execute(
                    """
                    INSERT INTO match_exception (line_id, kind, amount, customer_id, receivable_id, run_id, created_at)
                    SELECT @Line, @Kind, @Amount, @CustomerId, @Receivable, @Run, @Now
                    WHERE NOT EXISTS (SELECT 1 FROM match_exception WHERE line_id = @Line AND kind = @Kind AND receivable_id = @Receivable)
                    """,
                    args,
                    transaction);
                connection.Execute(
                    "UPDATE match_exception SET resolved_at = NULL, amount = @Amount WHERE line_id = @Line AND kind = @Kind AND receivable_id = @Receivable",
                    args,
                    transaction);
            }

            var (file, fileRow) = receivable.SourceRow;
            var entry = new LoweredReceivable(
                file ?? receivable.Source,
                fileRow,
                row.ContractNo,
                row.CustomerId,
                row.Currency,
                receivable.Amount,
                Money.FromUnits(allocated),
                row.Id,
                lineId);
            Audit(
                connection,
                transaction,
                actor,
                "lowered",
                "receivable",
                row.Id.ToString(CultureInfo.InvariantCulture),
                State(row),
                string.Create(CultureInfo.InvariantCulture, $"{{\"source_amount\":{receivable.Amount},\"allocated\":{Money.FromUnits(allocated)},\"exception_line\":{(lineId is { } l ? l.ToString(CultureInfo.InvariantCulture) : "null")}}}"),
                $"{source}: the amount given is below what is allocated; allocations kept");
            result.Add(entry);
        }

        return result;
    }

    /// <summary>
    /// True when line <paramref name="lineId"/> already holds the <see cref="ExceptionKind.ReceivableLowered"/> exception
    /// of the receivable, open or resolved, whatever its excess: with the source's amount unchanged, the excess only
    /// shrinks when a person undoes another line paying the receivable, which is no new lowering. An open one is set to
    /// <paramref name="excess"/>, the excess there is now.
    /// </summary>
    private static bool RaisedBefore(DbConnection connection, DbTransaction transaction, long lineId, long receivableId, long excess)
    {
        var args = new { Line = lineId, Kind = nameof(ExceptionKind.ReceivableLowered), Receivable = receivableId, Excess = excess };
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM match_exception WHERE line_id = @Line AND kind = @Kind AND receivable_id = @Receivable", args, transaction) == 0)
        {
            return false;
        }

        connection.Execute(
            "UPDATE match_exception SET amount = @Excess WHERE line_id = @Line AND kind = @Kind AND receivable_id = @Receivable AND resolved_at IS NULL AND amount <> @Excess",
            args,
            transaction);
        return true;
    }
}
