using System.Data.Common;
using Dapper;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>What a ledger holds, read straight from its tables, to compare two ledgers or check one's invariants.</summary>
internal static class LedgerFacts
{
    public static long Count(DbConnection connection, string sql) => connection.ExecuteScalar<long>(sql);

    /// <summary>
    /// Lines by status, allocations by status (count and amount), alerts by status, files and their lines: two
    /// ledgers that reconciled the same inputs the same way give the same text.
    /// </summary>
    public static string Summary(DbConnection connection)
    {
        var parts = new List<string>
        {
            "files " + Count(connection, "SELECT COUNT(*) FROM statement_file"),
            "file lines " + Count(connection, "SELECT COALESCE(SUM(lines), 0) FROM statement_file"),
        };
        parts.AddRange(connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM statement_line GROUP BY status ORDER BY status")
            .Select(r => $"lines {r.Status} {r.Count}"));
        parts.AddRange(connection.Query<(string Status, long Count, long Amount)>("SELECT status, COUNT(*), SUM(amount) FROM allocation GROUP BY status ORDER BY status")
            .Select(r => $"allocations {r.Status} {r.Count} ({r.Amount})"));
        parts.AddRange(connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM alert_outbox GROUP BY status ORDER BY status")
            .Select(r => $"alerts {r.Status} {r.Count}"));
        return string.Join("; ", parts);
    }

    /// <summary>Receivables whose allocations in force exceed their amount, or whose open amount is negative or above the amount.</summary>
    public static IReadOnlyList<string> OverAllocated(DbConnection connection) =>
        [.. connection.Query<string>(
            """
            SELECT r.contract_no FROM receivable r
            WHERE r.open_amount < 0 OR r.open_amount > r.amount
               OR r.amount < (SELECT COALESCE(SUM(a.amount), 0) FROM allocation a
                              WHERE a.receivable_id = r.id AND a.ended_at IS NULL AND a.status IN ('auto', 'confirmed'))
            """)];

    /// <summary>Statement lines stored more than once (the same bank reference, amount, date and file row in two places).</summary>
    public static long DuplicatedLines(DbConnection connection) => Count(
        connection,
        """
        SELECT COUNT(*) FROM (
            SELECT f.name, l.row_number FROM statement_line l JOIN statement_file f ON f.id = l.file_id
            GROUP BY f.name, l.row_number HAVING COUNT(*) > 1) d
        """);

    /// <summary>The names of the statement files imported, in order, one entry per import.</summary>
    public static IReadOnlyList<string> Names(DbConnection connection) =>
        [.. connection.Query<string>("SELECT name FROM statement_file").Order(StringComparer.Ordinal)];
}
