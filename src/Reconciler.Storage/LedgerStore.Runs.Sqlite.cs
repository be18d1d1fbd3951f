using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// <see cref="SaveRun"/>'s writes on SQLite, inside its transaction (which holds the database's write lock; foreign
    /// keys off, the references proven here), after the run's row: with the database in the process, a prepared
    /// statement stepped once per row costs no round trip and writes each row once. The set-based form of the other
    /// dialects wrote every decision with its sentence into a temporary table, indexed it and joined it back (SQLite
    /// copies the rows an UPDATE … FROM changes into one more table first), and staged the allocations in another. The
    /// guarantees are the same: each line is decided only if still as the run read it (the change count checked), each
    /// receivable gives only what is open (one compare-and-set per receivable, its count checked), a candidate names an
    /// existing receivable. A run that decides most of the ledger's lines builds their status index again afterwards,
    /// and a first run the allocations' indexes, rather than keeping them up row by row. Audits the run; the caller commits.
    /// </summary>
    private void SaveOnSqlite(SqliteConnection connection, DbTransaction transaction, long runId, string now, Decision[] decisions, List<RunAllocation> allocations, string actor)
    {
        // What the exceptions' statements need of each decided line (not its sentence), in a temporary table.
        Exec(connection, transaction, _dialect.CreateTemp("run_decision", "line_id BIGINT NOT NULL, exception_kind TEXT NULL, customer_id TEXT NULL, amount BIGINT NOT NULL"));
        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp("run_decision"), LineExceptionColumns, decisions);
        connection.Execute(_dialect.TempIndex("run_decision", "line_id"), transaction: transaction);

        // Candidates of earlier runs for these lines give way to this run's.
        connection.Execute(
            "DELETE FROM allocation WHERE status = @Candidate AND line_id IN (SELECT line_id FROM run_decision)",
            new { Candidate = CandidateStatus },
            transaction);

        // Each line's decision is saved only if the line is still as this run read it: a run on a stale snapshot
        // (another writer decided these lines meanwhile) would apply the same payment twice. A run that decides at least
        // half the lines changes the status of most entries of the status index: it is built again once, after.
        var statusIndex = SqliteIndexRebuild.DropFor(connection, transaction, "statement_line", 2L * decisions.Length, "ix_statement_line_status");
        var decided = 0L;
        using (var decide = new SqliteStatement(
            connection,
            """
            UPDATE statement_line SET status = ?1, match_rule = ?2, confidence = ?3, difference = ?4, explanation = ?5, run_id = ?6, updated_at = ?7
            WHERE id = ?8 AND status = ?9 AND updated_at = ?10
            """))
        {
            decide.Bind(6, runId).Bind(7, now);
            foreach (var x in decisions)
            {
                decided += decide.Bind(1, x.Status).Bind(2, x.Rule).Bind(3, x.Confidence).Bind(4, x.Difference).Bind(5, x.Explanation)
                    .Bind(8, x.LineId).Bind(9, x.SeenStatus).Bind(10, x.SeenUpdatedAt).Execute();
            }
        }

        if (decided != decisions.Length)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"{decisions.Length - decided} line(s) were decided by another run or a person since this run read the ledger; nothing was saved, run again"));
        }

        statusIndex?.Restore(connection, transaction);

        // Open amounts: one conditional update per receivable, in id order, taking what this run applies only if that
        // much is open, so two writers can never over-allocate; a receivable that no longer has enough is a conflict.
        // A prepared statement stepped per receivable, as for the lines: an UPDATE … FROM a temporary table of the sums
        // wrote the sums into that table first and SQLite copied the joined rows into one more before updating.
        var totals = AppliedByReceivable(allocations);
        var updated = 0L;
        using (var take = new SqliteStatement(
            connection,
            """
            UPDATE receivable SET open_amount = open_amount - ?1, status = CASE WHEN open_amount - ?1 = 0 THEN 'paid' ELSE status END, updated_at = ?2
            WHERE id = ?3 AND open_amount >= ?1 AND status = 'open'
            """))
        {
            take.Bind(2, now);
            foreach (var (receivableId, total) in totals)
            {
                updated += take.Bind(1, total).Bind(3, receivableId).Execute();
            }
        }

        if (updated != totals.Length)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"{totals.Length - updated} receivable(s) no longer had the amount this run applies open (another run or a person allocated to them since this run read the ledger); nothing was saved, run again"));
        }

        // The receivables of candidates (not applied, so not proven by the updates above) must exist.
        var missing = 0;
        using (var exists = new SqliteStatement(connection, "SELECT 1 FROM receivable WHERE id = ?1"))
        {
            foreach (var receivableId in allocations.Where(x => x.Status == CandidateStatus).Select(x => x.ReceivableId).Distinct())
            {
                missing += exists.Bind(1, receivableId).Any() ? 0 : 1;
            }
        }

        if (missing > 0)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"{missing} candidate(s) of this run name a receivable no longer in the ledger; nothing was saved, run again"));
        }

        // Straight into allocation (no staging table); a first run builds its indexes after the rows.
        var allocationIndexes = SqliteIndexRebuild.DropFor(connection, transaction, "allocation", allocations.Count);
        BulkInsert.Write(_dialect, connection, transaction, "allocation", [.. AllocationColumns, .. RunColumns(runId, actor, now)], allocations);
        allocationIndexes?.Restore(connection, transaction);

        var exceptions = RecordExceptions(connection, transaction, "run_decision", runId, now);
        if (_dialect.DropTemp("run_decision") is { } drop)
        {
            connection.Execute(drop, transaction: transaction);
        }

        AuditRun(connection, transaction, actor, runId, decisions.Length, allocations.Count, exceptions);
    }

    /// <summary>What the exceptions of a run need of each decided line, on SQLite.</summary>
    private static readonly BulkColumn<Decision>[] LineExceptionColumns =
    [
        BulkColumn.Int64<Decision>("line_id", x => x.LineId),
        BulkColumn.Text<Decision>("exception_kind", x => x.ExceptionKind),
        BulkColumn.Text<Decision>("customer_id", x => x.CustomerId),
        BulkColumn.Int64<Decision>("amount", x => x.Amount),
    ];
}
