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
        using var transaction = BeginReading(connection);
        var hasNew = connection.ExecuteScalar<int>(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM statement_line WHERE status = @New) THEN 1 ELSE 0 END",
            new { New = NewStatus },
            transaction) == 1;
        if (hasNew)
        {
            transaction.Commit();
            return true;
        }

        var waiting = LastRunReceivablesVersion(connection, transaction) != ReceivablesVersion(connection, transaction)
            && connection.ExecuteScalar<int>(
                $"SELECT CASE WHEN EXISTS (SELECT 1 FROM statement_line l WHERE {PendingCondition}) THEN 1 ELSE 0 END",
                PendingParameters,
                transaction) == 1;
        transaction.Commit();
        return waiting;
    }

    /// <summary>
    /// The latest match run when the rules have not decided after it yet (the rules bookmark is behind), else null.
    /// The bookmark moves only when the rules' decisions are saved (<see cref="RulesDecidedAfter"/>), so a worker
    /// that dies in between leaves the run to the next one.
    /// </summary>
    public long? RunAwaitingRules()
    {
        using var connection = Open();
        using var transaction = BeginReading(connection);
        var latest = connection.ExecuteScalar<long?>("SELECT MAX(id) FROM match_run", transaction: transaction) ?? 0;
        var bookmark = connection.ExecuteScalar<long>("SELECT value FROM ledger_state WHERE name = 'rules_after_run'", transaction: transaction);
        transaction.Commit();
        return latest > bookmark ? latest : null;
    }

    /// <summary>Moves the rules bookmark forward to <paramref name="runId"/> (never back).</summary>
    public void RulesDecidedAfter(long runId)
    {
        using var connection = Open();
        connection.Execute("UPDATE ledger_state SET value = @Run WHERE name = 'rules_after_run' AND value < @Run", new { Run = runId });
    }

    // The health check gives up after 5 s; its queries end soon after, so a stalled database does not leave a probe's
    // connection busy for the store's long command limit.
    private const int HealthTimeoutSeconds = 10;

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
            "SELECT name, imported_at FROM statement_file WHERE id = (SELECT MAX(id) FROM statement_file)",
            commandTimeout: HealthTimeoutSeconds);
        var run = connection.QueryFirstOrDefault<(long Id, string? FinishedAt)?>(
            "SELECT id, finished_at FROM match_run WHERE id = (SELECT MAX(id) FROM match_run)",
            commandTimeout: HealthTimeoutSeconds);
        return new LedgerHealth(schema, file?.Name, file?.ImportedAt, run?.Id, run?.FinishedAt);
    }
}
