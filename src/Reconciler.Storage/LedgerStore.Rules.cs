using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>The allocation statuses that take from a receivable's open amount, as an SQL list.</summary>
    private const string AppliedStatusList = $"'{AutoStatus}', '{ConfirmedStatus}', '{SettledStatus}'";

    /// <summary>
    /// Reads the facts of a rules run, in one transaction: unresolved exceptions (with line, customer, receivable and
    /// the matcher's explanation), open receivables past due as of <paramref name="today"/>, each customer's last
    /// <paramref name="cycleReceivables"/> paid receivables (customers with at least two), holds in force, and the holds
    /// released before on the receivables of those.
    /// </summary>
    /// <remarks>
    /// Four set-based queries, whatever the number of rows: the receivable an exception concerns is the one it names
    /// (a <see cref="ExceptionKind.ReceivableLowered"/> exception does), else the line's applied allocation (automatic, confirmed or settled, not undone), else its top candidate (highest confidence,
    /// then lowest id); its customer is that receivable's, else the one the run recorded with the exception.
    /// </remarks>
    public RuleFacts LoadRuleFacts(DateOnly today, int cycleReceivables)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycleReceivables);
        using var connection = Open();
        using var transaction = BeginReading(connection);
        var exceptions = LoadExceptions(connection, transaction);
        var overdue = LoadOverdue(connection, transaction, today);
        var cycles = LoadCycles(connection, transaction, cycleReceivables);
        var holds = LoadOpenHolds(connection, transaction);
        var released = LoadReleasedHolds(connection, transaction);
        transaction.Commit();
        return new RuleFacts { Exceptions = exceptions, Overdue = overdue, Cycles = cycles, Holds = holds, ReleasedHolds = released };
    }

    private static List<MatchException> LoadExceptions(DbConnection connection, DbTransaction transaction)
    {
        var rows = connection.Query<ExceptionRow>(
            $"""
            SELECT e.line_id AS LineId, e.kind, e.created_at AS CreatedAt, e.amount AS ExceptionAmount,
                l.difference, l.amount, l.currency, l.bank_ref AS BankRef, l.booking_date AS BookingDate, l.value_date AS ValueDate,
                l.payer_name AS PayerName, l.explanation, l.row_number AS RowNumber, f.name AS FileName,
                r.id AS ReceivableId, r.contract_no AS ContractNo, r.open_amount AS OpenAmount, r.currency AS ReceivableCurrency, r.due_date AS DueDate, r.status AS ReceivableStatus,
                r.sales_owner AS ReceivableOwner, c.id AS CustomerId, c.name AS CustomerName, o.sales_owner AS CustomerOwner,
                CASE WHEN {SettledCondition("e")} THEN 1 ELSE 0 END AS Settled
            FROM match_exception e
            JOIN statement_line l ON l.id = e.line_id
            JOIN statement_file f ON f.id = l.file_id
            LEFT JOIN (
                SELECT a.line_id, a.receivable_id,
                    ROW_NUMBER() OVER (PARTITION BY a.line_id ORDER BY CASE WHEN a.status = '{CandidateStatus}' THEN 1 ELSE 0 END, a.confidence DESC, a.id) AS rank_no
                FROM allocation a
                WHERE a.line_id IN (SELECT line_id FROM match_exception WHERE resolved_at IS NULL)
                  AND ((a.status IN ({AppliedStatusList}) AND a.ended_at IS NULL) OR a.status = '{CandidateStatus}')
            ) b ON b.line_id = e.line_id AND b.rank_no = 1
            LEFT JOIN receivable r ON r.id = COALESCE(e.receivable_id, b.receivable_id)
            LEFT JOIN customer c ON c.id = COALESCE(r.customer_id, e.customer_id)
            LEFT JOIN (
                SELECT q.customer_id, q.sales_owner FROM (
                    SELECT customer_id, sales_owner, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY issue_date DESC, id DESC) AS rank_no
                    FROM receivable
                    WHERE customer_id IN (SELECT customer_id FROM match_exception WHERE resolved_at IS NULL AND customer_id IS NOT NULL)
                ) q WHERE q.rank_no = 1
            ) o ON o.customer_id = c.id AND r.id IS NULL
            WHERE e.resolved_at IS NULL
            """,
            transaction: transaction);
        // A short or part payment stops being an exception once its receivable is paid or cancelled (the balance
        // came, or no longer matters); ResolveSettledExceptions records that, this keeps a dry run consistent with it.
        return [.. rows
            .Where(r => r.Settled == 0)
            .OrderBy(r => r.LineId)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.ReceivableId)
            .Select(r => new MatchException
            {
                LineId = r.LineId,
                Kind = Enum.Parse<ExceptionKind>(r.Kind),
                FirstSeen = ParseInstant(r.CreatedAt),
                // A receivable lowered below what is allocated: the excess the line's match now stands for.
                Difference = r.Kind == nameof(ExceptionKind.ReceivableLowered) ? Money.FromUnits(r.ExceptionAmount)
                    : r.Difference is { } difference ? Money.FromUnits(difference) : 0,
                ReceivableOpen = r.ReceivableStatus == OpenStatus,
                Concern = new Concern
                {
                    CustomerId = r.CustomerId ?? "",
                    CustomerName = r.CustomerName ?? r.PayerName,
                    SalesOwner = r.ReceivableOwner ?? r.CustomerOwner ?? "",
                    ContractNo = r.ContractNo ?? "",
                    ReceivableId = r.ReceivableId,
                    LineId = r.LineId,
                    File = r.FileName,
                    Row = r.RowNumber,
                    BankRef = r.BankRef,
                    Amount = Money.FromUnits(r.Amount),
                    Currency = r.Currency,
                    OpenAmount = r.OpenAmount is { } open ? Money.FromUnits(open) : null,
                    // The receivable's open amount is in its own currency, which a currency-mismatch payment does not share.
                    OpenCurrency = r.ReceivableCurrency is { } owed && owed != r.Currency ? owed : null,
                    PaymentDate = ParseDay(r.ValueDate ?? r.BookingDate),
                    DueDate = r.DueDate is { } due ? ParseDay(due) : null,
                    Explanation = r.Explanation ?? "",
                },
            })];
    }

    private static List<OverdueReceivable> LoadOverdue(DbConnection connection, DbTransaction transaction, DateOnly today)
    {
        // Receivables a suggested line proposes: a payment may have come for them, waiting for a person.
        var pending = connection.Query<long>(
            """
            SELECT DISTINCT a.receivable_id FROM allocation a JOIN statement_line l ON l.id = a.line_id
            WHERE a.status = @Candidate AND l.status = @Suggested
            """,
            new { Candidate = CandidateStatus, Suggested = MatchStatus.Suggested.ToName() },
            transaction).ToHashSet();
        return [.. connection.Query<ReceivableRow>(
            $"{ReviewSteps.ReceivableSelect} WHERE r.status = @Open AND r.open_amount > 0 AND r.due_date < @Today ORDER BY r.due_date, r.id",
            new { Open = OpenStatus, Today = Day(today) },
            transaction).Select(r =>
            {
                var due = ParseDay(r.DueDate);
                var days = today.DayNumber - due.DayNumber;
                return new OverdueReceivable
                {
                    DaysOverdue = days,
                    NothingPaid = r.OpenAmount == r.Amount,
                    PaymentPending = pending.Contains(r.Id),
                    Concern = new Concern
                    {
                        CustomerId = r.CustomerId,
                        CustomerName = r.CustomerName,
                        SalesOwner = r.SalesOwner,
                        ContractNo = r.ContractNo,
                        ReceivableId = r.Id,
                        Amount = Money.FromUnits(r.Amount),
                        Currency = r.Currency,
                        OpenAmount = Money.FromUnits(r.OpenAmount),
                        DueDate = due,
                        Explanation = OverdueSentence(r, days),
                    },
                };
            })];
    }

    /// <summary>"KL-1 of 12,000.00 EUR was due on 2026-10-01 (57 days ago); 12,000.00 still open, nothing paid yet."</summary>
    private static string OverdueSentence(ReceivableRow receivable, int days)
    {
        var ago = days == 1 ? "1 day ago" : string.Create(CultureInfo.InvariantCulture, $"{days} days ago");
        var paid = receivable.OpenAmount == receivable.Amount ? ", nothing paid yet" : string.Create(CultureInfo.InvariantCulture, $" ({ReviewSteps.Shown(receivable.Amount - receivable.OpenAmount)} paid)");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{receivable.ContractNo} of {ReviewSteps.Shown(receivable.Amount)} {receivable.Currency} was due on {receivable.DueDate} ({ago}); {ReviewSteps.Shown(receivable.OpenAmount)} still open{paid}.");
    }

    private static List<CustomerPaymentCycle> LoadCycles(DbConnection connection, DbTransaction transaction, int cycleReceivables)
    {
        // A receivable paid through the ledger: paid, with allocations still applied; it was paid on the latest date of
        // the lines that paid it.
        var rows = connection.Query<CycleRow>(
            $"""
            SELECT x.customer_id AS CustomerId, c.name AS CustomerName, r.id AS ReceivableId, r.contract_no AS ContractNo,
                r.issue_date AS IssueDate, r.due_date AS DueDate, r.sales_owner AS SalesOwner, x.paid_on AS PaidOn, x.rank_no AS RankNo
            FROM (
                SELECT p.receivable_id, p.customer_id, p.paid_on,
                    ROW_NUMBER() OVER (PARTITION BY p.customer_id ORDER BY p.paid_on DESC, p.receivable_id DESC) AS rank_no,
                    COUNT(*) OVER (PARTITION BY p.customer_id) AS paid_count
                FROM (
                    SELECT a.receivable_id, r.customer_id, MAX(COALESCE(l.value_date, l.booking_date)) AS paid_on
                    FROM allocation a JOIN statement_line l ON l.id = a.line_id JOIN receivable r ON r.id = a.receivable_id
                    WHERE r.status = @Paid AND a.status IN ({AppliedStatusList}) AND a.ended_at IS NULL
                    GROUP BY a.receivable_id, r.customer_id
                ) p
            ) x
            JOIN receivable r ON r.id = x.receivable_id
            JOIN customer c ON c.id = x.customer_id
            WHERE x.rank_no <= @Cycle AND x.paid_count >= 2
            """,
            new { Paid = PaidStatus, Cycle = cycleReceivables },
            transaction);
        return [.. rows
            .GroupBy(r => r.CustomerId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.RankNo).ToList())
            .Where(paid => paid.Count >= 2)
            .OrderBy(paid => paid[0].CustomerId, StringComparer.Ordinal)
            .Select(paid => new CustomerPaymentCycle
            {
                Paid = [.. paid.Select(p => new PaidReceivable(p.ContractNo, ParseDay(p.IssueDate), ParseDay(p.DueDate), ParseDay(p.PaidOn)))],
                Concern = new Concern
                {
                    CustomerId = paid[0].CustomerId,
                    CustomerName = paid[0].CustomerName,
                    SalesOwner = paid[0].SalesOwner,
                    ContractNo = paid[0].ContractNo,
                    ReceivableId = paid[0].ReceivableId,
                    DueDate = ParseDay(paid[0].DueDate),
                },
            })];
    }

    private static List<OpenCreditHold> LoadOpenHolds(DbConnection connection, DbTransaction transaction) =>
        [.. connection.Query<OpenHoldRow>(
            $"""
            SELECT h.id AS HoldId, h.hold_key AS HoldKey, h.reason AS Reason, h.customer_id AS CustomerId, c.name AS CustomerName, h.receivable_id AS ReceivableId,
                h.contract_no AS ContractNo, r.status AS ReceivableStatus, r.erp_status AS ErpStatus, r.amount, r.open_amount AS OpenAmount, r.currency, r.due_date AS DueDate,
                r.sales_owner AS SalesOwner, n.status AS LastApplied, n.line_id AS LineId, l.row_number AS RowNumber, l.bank_ref AS BankRef,
                l.booking_date AS BookingDate, l.value_date AS ValueDate, l.amount AS LineAmount, l.currency AS LineCurrency,
                l.payer_name AS PayerName, f.name AS FileName
            FROM credit_hold h
            JOIN customer c ON c.id = h.customer_id
            LEFT JOIN receivable r ON r.id = h.receivable_id
            LEFT JOIN (
                SELECT q.receivable_id, q.status, q.line_id FROM (
                    SELECT a.receivable_id, a.status, a.line_id, ROW_NUMBER() OVER (PARTITION BY a.receivable_id ORDER BY a.created_at DESC, a.id DESC) AS rank_no
                    FROM allocation a
                    WHERE a.status IN ({AppliedStatusList}) AND a.ended_at IS NULL
                      AND a.receivable_id IN (SELECT receivable_id FROM credit_hold WHERE released_at IS NULL AND receivable_id IS NOT NULL)
                ) q WHERE q.rank_no = 1
            ) n ON n.receivable_id = h.receivable_id
            LEFT JOIN statement_line l ON l.id = n.line_id
            LEFT JOIN statement_file f ON f.id = l.file_id
            WHERE h.released_at IS NULL
            ORDER BY h.id
            """,
            transaction: transaction).Select(h => new OpenCreditHold
            {
                HoldId = h.HoldId,
                Key = h.HoldKey,
                Reason = h.Reason,
                ReceivableStatus = h.ReceivableStatus ?? OpenStatus,
                PaidInErp = h.ErpStatus == PaidStatus,
                ConfirmedByPerson = h.LastApplied == ConfirmedStatus,
                LastPayment = h.LineId is { } line && h.BookingDate is { } booked
                    ? new PaymentLine(line, h.FileName ?? "", h.RowNumber ?? 0, h.BankRef ?? "", ParseDay(h.ValueDate ?? booked), Money.FromUnits(h.LineAmount ?? 0), h.LineCurrency ?? "", h.PayerName ?? "")
                    : null,
                Concern = new Concern
                {
                    CustomerId = h.CustomerId,
                    CustomerName = h.CustomerName,
                    SalesOwner = h.SalesOwner ?? "",
                    ContractNo = h.ContractNo,
                    ReceivableId = h.ReceivableId,
                    Amount = h.Amount is { } amount ? Money.FromUnits(amount) : 0,
                    Currency = h.Currency ?? "",
                    OpenAmount = h.OpenAmount is { } open ? Money.FromUnits(open) : null,
                    DueDate = h.DueDate is { } due ? ParseDay(due) : null,
                },
            })];

    /// <summary>The holds released before on receivables with a hold in force (whose causes are not held again).</summary>
    private static List<ReleasedCreditHold> LoadReleasedHolds(DbConnection connection, DbTransaction transaction) =>
        [.. connection.Query<(long Id, string HoldKey, long? ReceivableId, string ReleasedAt, string? ReleasedBy, string? ReleaseReason)>(
            """
            SELECT h.id, h.hold_key, h.receivable_id, h.released_at, h.released_by, h.release_reason
            FROM credit_hold h
            WHERE h.released_at IS NOT NULL
              AND h.receivable_id IN (SELECT receivable_id FROM credit_hold WHERE released_at IS NULL AND receivable_id IS NOT NULL)
            ORDER BY h.id
            """,
            transaction: transaction).Select(h => new ReleasedCreditHold
            {
                HoldId = h.Id,
                Key = h.HoldKey,
                ReceivableId = h.ReceivableId,
                ReleasedAt = ParseInstant(h.ReleasedAt),
                ReleasedBy = h.ReleasedBy ?? "",
                ReleaseReason = h.ReleaseReason ?? "",
            })];

    /// <summary>An instant as the ledger stores it (ISO 8601 UTC), read back.</summary>
    internal static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class ExceptionRow
    {
        public long LineId { get; init; }

        public string Kind { get; init; } = "";

        public string CreatedAt { get; init; } = "";

        public long? Difference { get; init; }

        public long ExceptionAmount { get; init; }

        public long Amount { get; init; }

        public string Currency { get; init; } = "";

        public string BankRef { get; init; } = "";

        public string BookingDate { get; init; } = "";

        public string? ValueDate { get; init; }

        public string PayerName { get; init; } = "";

        public string? Explanation { get; init; }

        public int RowNumber { get; init; }

        public string FileName { get; init; } = "";

        public long? ReceivableId { get; init; }

        public string? ContractNo { get; init; }

        public long? OpenAmount { get; init; }

        public string? ReceivableCurrency { get; init; }

        public string? DueDate { get; init; }

        public long Settled { get; init; }

        public string? ReceivableStatus { get; init; }

        public string? ReceivableOwner { get; init; }

        public string? CustomerId { get; init; }

        public string? CustomerName { get; init; }

        public string? CustomerOwner { get; init; }
    }

    private sealed class CycleRow
    {
        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long ReceivableId { get; init; }

        public string ContractNo { get; init; } = "";

        public string IssueDate { get; init; } = "";

        public string DueDate { get; init; } = "";

        public string SalesOwner { get; init; } = "";

        public string PaidOn { get; init; } = "";

        public long RankNo { get; init; }
    }

    private sealed class OpenHoldRow
    {
        public long HoldId { get; init; }

        public string HoldKey { get; init; } = "";

        public string Reason { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long? ReceivableId { get; init; }

        public string ContractNo { get; init; } = "";

        public string? ReceivableStatus { get; init; }

        public string? ErpStatus { get; init; }

        public long? Amount { get; init; }

        public long? OpenAmount { get; init; }

        public string? Currency { get; init; }

        public string? DueDate { get; init; }

        public string? SalesOwner { get; init; }

        public string? LastApplied { get; init; }

        public long? LineId { get; init; }

        public int? RowNumber { get; init; }

        public string? BankRef { get; init; }

        public string? BookingDate { get; init; }

        public string? ValueDate { get; init; }

        public long? LineAmount { get; init; }

        public string? LineCurrency { get; init; }

        public string? PayerName { get; init; }

        public string? FileName { get; init; }
    }

    /// <summary>
    /// Which of the given outbox deduplication keys and credit-hold keys the ledger already holds: what saving such
    /// decisions would not add again (for the rules' dry run).
    /// </summary>
    public (IReadOnlySet<string> Alerts, IReadOnlySet<string> Holds) KnownDecisionKeys(IReadOnlyCollection<string> alertKeys, IReadOnlyCollection<string> holdKeys)
    {
        ArgumentNullException.ThrowIfNull(alertKeys);
        ArgumentNullException.ThrowIfNull(holdKeys);
        using var connection = Open();
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            using var transaction = BeginReading(connection);
            return (
                KeysFoundSqlite(sqlite, "SELECT id FROM alert_outbox WHERE dedup_key = ?1", alertKeys).Keys.ToHashSet(StringComparer.Ordinal),
                KeysFoundSqlite(sqlite, "SELECT id FROM credit_hold WHERE hold_key = ?1", holdKeys).Keys.ToHashSet(StringComparer.Ordinal));
        }

        HashSet<string> Known(string sql, IReadOnlyCollection<string> keys)
        {
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(1_000))
            {
                known.UnionWith(connection.Query<string>(sql, new { Keys = chunk }));
            }

            return known;
        }

        return (
            Known($"SELECT dedup_key FROM alert_outbox WHERE {_dialect.In("dedup_key", "@Keys")}", alertKeys),
            Known($"SELECT hold_key FROM credit_hold WHERE {_dialect.In("hold_key", "@Keys")}", holdKeys));
    }

    /// <summary>
    /// True (SQL, on the match_exception row <paramref name="e"/>) for a short or part payment whose line's applied
    /// allocations all go to receivables no longer open (paid or cancelled), with at least one: the one test both
    /// <see cref="ResolveSettledExceptions"/> and the facts use, so a dry run leaves out exactly what a run resolves.
    /// </summary>
    private static string SettledCondition(string e) =>
        $"""
        {e}.kind IN ('{nameof(ExceptionKind.AmountShort)}', '{nameof(ExceptionKind.PartialPayment)}')
          AND EXISTS (SELECT 1 FROM allocation sa JOIN receivable sr ON sr.id = sa.receivable_id
                      WHERE sa.line_id = {e}.line_id AND sa.status IN ({AppliedStatusList}) AND sa.ended_at IS NULL AND sr.status <> '{OpenStatus}')
          AND NOT EXISTS (SELECT 1 FROM allocation sa JOIN receivable sr ON sr.id = sa.receivable_id
                      WHERE sa.line_id = {e}.line_id AND sa.status IN ({AppliedStatusList}) AND sa.ended_at IS NULL AND sr.status = '{OpenStatus}')
        """;

    /// <summary>
    /// Resolves the short- and part-payment exceptions whose receivables are all settled (paid or cancelled) and no
    /// longer open: the balance came in later, or no longer matters. Returns how many were resolved (audited).
    /// </summary>
    public int ResolveSettledExceptions(string actor)
    {
        using var connection = Open();
        using var transaction = Begin(connection);
        var resolved = connection.Execute(
            $"UPDATE match_exception SET resolved_at = @Now WHERE resolved_at IS NULL AND {SettledCondition("match_exception")}",
            new { Now = Now() },
            transaction);
        if (resolved > 0)
        {
            Audit(connection, transaction, actor, "resolve", "match_exception", "settled", null, string.Create(CultureInfo.InvariantCulture, $"{{\"resolved\":{resolved}}}"), "short and part payments whose receivables are settled");
        }

        transaction.Commit();
        return resolved;
    }
}
