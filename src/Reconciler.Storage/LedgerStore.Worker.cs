using Dapper;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// True when a match run has something to do — a new line, or receivables changed since the last run while lines
    /// wait — found with three small queries instead of loading the ledger (a worker asks after every import).
    /// </summary>
    public bool HasMatchWork()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var hasNew = connection.ExecuteScalar<int>(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM statement_line WHERE status = @New) THEN 1 ELSE 0 END",
            new { New = NewStatus },
            transaction) == 1;
        if (hasNew)
        {
            transaction.Commit();
            return true;
        }

        var version = connection.ExecuteScalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'", transaction: transaction);
        var lastRun = connection.ExecuteScalar<long?>(
            "SELECT receivables_version FROM match_run WHERE id = (SELECT MAX(id) FROM match_run)",
            transaction: transaction);
        var waiting = lastRun != version && connection.ExecuteScalar<int>(
            $"""
            SELECT CASE WHEN EXISTS (
                SELECT 1 FROM statement_line l
                WHERE {_dialect.In("l.status", "@Statuses")} AND (l.match_rule IS NULL OR (l.match_rule <> @Rejected AND l.match_rule <> @Unmatched)))
            THEN 1 ELSE 0 END
            """,
            new { Statuses = PendingStatuses, Rejected = RejectedByReviewerRule, Unmatched = UnmatchedByReviewerRule },
            transaction) == 1;
        transaction.Commit();
        return waiting;
    }

    /// <summary>
    /// Moves the rules bookmark to the latest match run when it is behind; returns that run's id, or null when the
    /// rules already decided after it (nothing new for them). Compare-and-set, so of two workers asking at once one
    /// gets the run.
    /// </summary>
    public long? TakeRunForRules()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var latest = connection.ExecuteScalar<long?>("SELECT MAX(id) FROM match_run", transaction: transaction) ?? 0;
        var moved = connection.Execute(
            "UPDATE ledger_state SET value = @Latest WHERE name = 'rules_after_run' AND value < @Latest",
            new { Latest = latest },
            transaction);
        transaction.Commit();
        return moved == 1 ? latest : null;
    }

    /// <summary>What the worker's health check reports of the ledger: its schema, the last import and the last match run.</summary>
    public LedgerHealth Health()
    {
        using var connection = Open();
        var schema = Migrator.CurrentVersion(connection, _dialect);
        if (schema == 0)
        {
            return new LedgerHealth(0, null, null, null, null);
        }

        var file = connection.QueryFirstOrDefault<(string Name, string ImportedAt)?>(
            "SELECT name, imported_at FROM statement_file WHERE id = (SELECT MAX(id) FROM statement_file)");
        var run = connection.QueryFirstOrDefault<(long Id, string? FinishedAt)?>(
            "SELECT id, finished_at FROM match_run WHERE id = (SELECT MAX(id) FROM match_run)");
        return new LedgerHealth(schema, file?.Name, file?.ImportedAt, run?.Id, run?.FinishedAt);
    }
}
