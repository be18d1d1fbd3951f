using System.Data.Common;
using Dapper;
using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Storage;

/// <summary>What the reports read: figures, lines, candidates, receivables. Reading only; nothing is changed.</summary>
public sealed partial class LedgerStore
{
    /// <summary>A line's status as reports show it: a line not through a run yet is <c>unmatched</c>.</summary>
    private static readonly string ShownStatus = $"CASE WHEN l.status = '{NewStatus}' THEN 'unmatched' ELSE l.status END";

    /// <summary>The item of <see cref="ReportSummary"/>'s statuses that holds the ignored lines neither in nor out.</summary>
    public const string NeutralItem = "ignored, neither in nor out";

    /// <summary>The summary's item of the ignored lines the bank has not booked (pending, closed): no money moved.</summary>
    public const string NotBookedItem = "ignored, not booked by the bank";

    /// <summary>
    /// The current result of every statement line booked in <paramref name="period"/>, in file and row order, as
    /// <see cref="ResultsOfFiles"/> gives them (status, rule, confidence, sentence, allocations or ranked
    /// candidates), optionally only those with one of <paramref name="statuses"/>. Streamed: one query, read as it
    /// is enumerated, so a million lines never sit in memory; enumerate it to the end or dispose of it.
    /// </summary>
    public IEnumerable<MatchResult> ReportLines(ReportPeriod period, IReadOnlyCollection<MatchStatus>? statuses = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        var names = statuses?.Select(s => s.ToName()).ToList();
        if (names is not null && names.Contains(MatchStatus.Unmatched.ToName()))
        {
            names.Add(NewStatus);
        }

        var where = PeriodCondition(period, "l.booking_date") + (names is null ? "" : $" AND {_dialect.In("l.status", "@Statuses")}");
        return ReportLines(where, new { From = DayOrNull(period.From), To = DayOrNull(period.To), Statuses = names?.ToArray() });
    }

    private IEnumerable<MatchResult> ReportLines(string where, object parameters)
    {
        using var connection = OpenForReading();
        var rows = connection.Query<ReportLineRow>(
            $"""
            SELECT l.id, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef, l.booking_date AS BookingDate, l.value_date AS ValueDate,
                l.booking_time AS BookingTime, l.neutral, l.not_booked AS NotBooked, l.amount, l.currency, l.payer_name AS PayerName, l.payer_account AS PayerAccount, l.memo, l.status,
                l.match_rule AS "Rule", l.confidence, l.difference, l.explanation,
                df.name AS DuplicateFile, d.row_number AS DuplicateRow, d.bank_ref AS DuplicateBankRef, d.booking_date AS DuplicateDate, d.amount AS DuplicateAmount,
                d.value_date AS DuplicateValueDate, d.booking_time AS DuplicateTime, d.neutral AS DuplicateNeutral, d.not_booked AS DuplicateNotBooked, d.currency AS DuplicateCurrency,
                d.payer_name AS DuplicatePayer, d.payer_account AS DuplicateAccount, d.memo AS DuplicateMemo,
                a.amount AS Allocated, r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName, r.amount AS ReceivableAmount,
                r.currency AS ReceivableCurrency, r.issue_date AS IssueDate, r.due_date AS DueDate, r.sales_owner AS SalesOwner
            FROM statement_line l
            JOIN statement_file f ON f.id = l.file_id
            LEFT JOIN statement_line d ON d.id = l.duplicate_of
            LEFT JOIN statement_file df ON df.id = d.file_id
            LEFT JOIN allocation a ON a.line_id = l.id AND a.status IN ('{AutoStatus}', '{ConfirmedStatus}', '{CandidateStatus}')
            LEFT JOIN receivable r ON r.id = a.receivable_id
            LEFT JOIN customer c ON c.id = r.customer_id
            WHERE {where}
            ORDER BY l.file_id, l.row_number, l.id, a.id
            """,
            parameters,
            buffered: false);
        ReportLineRow? current = null;
        var allocations = new List<Allocation>();
        foreach (var row in rows)
        {
            if (current is not null && row.Id != current.Id)
            {
                yield return current.ToResult(allocations);
                allocations = [];
            }

            current = row;
            if (row.Allocated is { } amount && row.ContractNo is not null)
            {
                allocations.Add(new Allocation(row.ToReceivable(), Money.FromUnits(amount)));
            }
        }

        if (current is not null)
        {
            yield return current.ToResult(allocations);
        }
    }

    /// <summary>
    /// The ranked candidates of every line left <c>suggested</c> that was booked in <paramref name="period"/>, best
    /// first (the matcher's order), with each candidate's open amount now; a suggested line without a candidate (a
    /// payment naming a contract already paid) is one item with no candidate, so that no line waiting for a person is left out.
    /// </summary>
    public IReadOnlyList<ReportCandidate> ReportCandidates(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        using var connection = OpenForReading();
        var rows = connection.Query<CandidateRow>(
            $"""
            SELECT l.id AS LineId, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef, l.booking_date AS BookingDate, l.amount,
                l.currency, l.payer_name AS PayerName, l.memo, l.match_rule AS "Rule", l.explanation, COALESCE(a.confidence, l.confidence, 0) AS Confidence,
                r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName, r.open_amount AS OpenAmount, r.due_date AS DueDate
            FROM statement_line l
            JOIN statement_file f ON f.id = l.file_id
            LEFT JOIN allocation a ON a.line_id = l.id AND a.status = '{CandidateStatus}'
            LEFT JOIN receivable r ON r.id = a.receivable_id
            LEFT JOIN customer c ON c.id = r.customer_id
            WHERE l.status = @Suggested AND {PeriodCondition(period, "l.booking_date")}
            ORDER BY l.file_id, l.row_number, l.id, a.id
            """,
            new { Suggested = MatchStatus.Suggested.ToName(), From = DayOrNull(period.From), To = DayOrNull(period.To) });
        var result = new List<ReportCandidate>();
        long line = 0;
        var rank = 0;
        foreach (var row in rows)
        {
            rank = row.LineId == line ? rank + 1 : 1;
            line = row.LineId;
            result.Add(new ReportCandidate
            {
                LineId = row.LineId,
                File = row.FileName,
                Row = row.RowNumber,
                BankRef = row.BankRef,
                Date = ParseDay(row.BookingDate),
                Amount = Money.FromUnits(row.Amount),
                Currency = row.Currency,
                Payer = row.PayerName,
                Memo = row.Memo,
                Rank = row.ContractNo is null ? 0 : rank,
                ContractNo = row.ContractNo,
                CustomerId = row.CustomerId,
                CustomerName = row.CustomerName ?? "",
                OpenAmount = row.OpenAmount is { } open ? Money.FromUnits(open) : null,
                DueDate = row.DueDate is { } due ? ParseDay(due) : null,
                Confidence = row.Confidence,
                Rule = row.Rule ?? "",
                Explanation = row.Explanation ?? "",
            });
        }

        return result;
    }

    /// <summary>The receivables open now with something still open, oldest due date first. Streamed, as <see cref="ReportLines(ReportPeriod, IReadOnlyCollection{MatchStatus}?)"/>.</summary>
    public IEnumerable<ReportReceivable> ReportOpenReceivables()
    {
        using var connection = OpenForReading();
        foreach (var r in connection.Query<ReceivableRow>(
            $"{ReviewSteps.ReceivableSelect} WHERE r.status = @Open AND r.open_amount > 0 ORDER BY r.due_date, r.id",
            new { Open = OpenStatus },
            buffered: false))
        {
            yield return new ReportReceivable
            {
                Id = r.Id,
                ContractNo = r.ContractNo,
                CustomerId = r.CustomerId,
                CustomerName = r.CustomerName,
                SalesOwner = r.SalesOwner,
                Currency = r.Currency,
                Amount = Money.FromUnits(r.Amount),
                OpenAmount = Money.FromUnits(r.OpenAmount),
                IssueDate = ParseDay(r.IssueDate),
                DueDate = ParseDay(r.DueDate),
            };
        }
    }

    /// <summary>
    /// The alerts created in <paramref name="period"/>, oldest first, without their bodies and payloads (empty here):
    /// what a report lists of them. Streamed, as the outbox of a big ledger holds two alerts per exception.
    /// </summary>
    public IEnumerable<OutboxAlert> ReportAlerts(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var select = OutboxSelect.Replace("o.subject, o.body,", "o.subject, '' AS Body,", StringComparison.Ordinal)
            .Replace("o.payload,", "'' AS Payload,", StringComparison.Ordinal);
        using var connection = OpenForReading();
        foreach (var row in connection.Query<OutboxRow>(
            $"{select} WHERE {PeriodCondition(period, "o.created_at", exclusiveEnd: true)} ORDER BY o.id",
            new { From = DayOrNull(period.From), To = DayOrNull(period.To?.AddDays(1)) },
            buffered: false))
        {
            yield return row.ToOutbox();
        }
    }

    /// <summary>Each customer's last <paramref name="cycleReceivables"/> paid receivables (customers with at least two), as the rules see them.</summary>
    public IReadOnlyList<CustomerPaymentCycle> ReportPaymentCycles(int cycleReceivables)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycleReceivables);
        using var connection = OpenForReading();
        using var transaction = BeginReading(connection);
        var cycles = LoadCycles(connection, transaction, cycleReceivables);
        transaction.Commit();
        return cycles;
    }

    /// <summary>
    /// The summary's figures for <paramref name="period"/>, read in one transaction; the ignored lines neither in nor
    /// out are the item <see cref="NeutralItem"/>, and those the bank has not booked <see cref="NotBookedItem"/>, apart
    /// from the other ignored lines (debits, zero amounts).
    /// </summary>
    public ReportSummary ReportSummary(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        using var connection = OpenForReading();
        using var transaction = BeginReading(connection);
        var lines = PeriodCondition(period, "l.booking_date");
        var days = new { From = DayOrNull(period.From), To = DayOrNull(period.To) };

        // Instants are ISO text: a day's instants sort from "yyyy-MM-dd" (inclusive) to the next day's (exclusive).
        var instants = new { From = DayOrNull(period.From), To = DayOrNull(period.To?.AddDays(1)) };
        // Ignored lines the bank marks as neither in nor out are their own item: added to the debits' signed amounts,
        // their amounts would make the ignored sum mean nothing.
        var ignored = MatchStatus.Ignored.ToName();
        var summaryStatus = $"CASE WHEN l.status = '{ignored}' AND l.not_booked IS NOT NULL THEN '{NotBookedItem}' WHEN l.status = '{ignored}' AND l.neutral = {_dialect.True} THEN '{NeutralItem}' ELSE {ShownStatus} END";
        var statuses = connection.Query<StatusRow>(
            $"SELECT {summaryStatus} AS Status, l.currency, COUNT(*) AS Lines, SUM(l.amount) AS Amount FROM statement_line l WHERE {lines} GROUP BY {summaryStatus}, l.currency",
            days,
            transaction).Select(r => new ReportStatusTotal(r.Status, r.Currency, r.Lines, FromSum(r.Amount))).OrderBy(r => r.Status, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal).ToList();
        var allocated = connection.Query<CurrencyRow>(
            $"""
            SELECT l.currency, SUM(a.amount) AS Amount, COUNT(DISTINCT l.id) AS Items
            FROM allocation a JOIN statement_line l ON l.id = a.line_id
            WHERE a.status IN ('{AutoStatus}', '{ConfirmedStatus}') AND a.ended_at IS NULL AND {lines}
            GROUP BY l.currency ORDER BY l.currency
            """,
            days,
            transaction).Select(r => r.ToAmount()).ToList();
        var open = connection.Query<CurrencyRow>(
            "SELECT currency, SUM(open_amount) AS Amount, COUNT(*) AS Items FROM receivable WHERE status = @Open AND open_amount > 0 GROUP BY currency ORDER BY currency",
            new { Open = OpenStatus },
            transaction).Select(r => r.ToAmount()).ToList();
        var exceptions = connection.Query<ExceptionCountRow>(
            $"""
            SELECT e.kind, SUM(CASE WHEN e.resolved_at IS NULL THEN 1 ELSE 0 END) AS Unresolved, SUM(CASE WHEN e.resolved_at IS NULL THEN 0 ELSE 1 END) AS Resolved
            FROM match_exception e JOIN statement_line l ON l.id = e.line_id
            WHERE {lines}
            GROUP BY e.kind ORDER BY e.kind
            """,
            days,
            transaction).Select(r => new ReportExceptionCount(r.Kind, r.Unresolved, r.Resolved)).ToList();
        var holdsOpened = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM credit_hold WHERE {PeriodCondition(period, "opened_at", exclusiveEnd: true)}", instants, transaction);
        var holdsReleased = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM credit_hold WHERE released_at IS NOT NULL AND {PeriodCondition(period, "released_at", exclusiveEnd: true)}", instants, transaction);
        var sent = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM alert_outbox WHERE status = 'sent' AND sent_at IS NOT NULL AND {PeriodCondition(period, "sent_at", exclusiveEnd: true)}", instants, transaction);
        var notSent = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM alert_outbox WHERE status <> 'sent' AND {PeriodCondition(period, "created_at", exclusiveEnd: true)}", instants, transaction);
        // The trend: per day the lines by the statuses above (so that its days add up to them), and of them the money
        // received: credits that are neither duplicates (the same bank line again, counted under its original) nor
        // ignored (nor lines neither in nor out, nor debits and zero lines not through a run yet).
        var received = $"l.amount > 0 AND l.neutral = {_dialect.False} AND l.status NOT IN ('{DuplicateStatus}', '{MatchStatus.Ignored.ToName()}')";
        var trend = connection.Query<DayRow>(
            $"""
            SELECT l.booking_date AS Day, {summaryStatus} AS Status, l.currency AS Currency, COUNT(*) AS Lines, SUM(l.amount) AS Amount,
                SUM(CASE WHEN {received} THEN 1 ELSE 0 END) AS ReceivedLines, SUM(CASE WHEN {received} THEN l.amount ELSE 0 END) AS ReceivedAmount
            FROM statement_line l WHERE {lines}
            GROUP BY l.booking_date, {summaryStatus}, l.currency ORDER BY l.booking_date
            """,
            days,
            transaction).Select(r => new ReportDayCount(ParseDay(r.Day), r.Status, r.Lines, FromSum(r.Amount), r.Currency, r.ReceivedLines, FromSum(r.ReceivedAmount))).ToList();
        transaction.Commit();
        return new ReportSummary
        {
            Period = period,
            Statuses = statuses,
            Allocated = allocated,
            StillOpen = open,
            Exceptions = exceptions,
            HoldsOpened = holdsOpened,
            HoldsReleased = holdsReleased,
            AlertsSent = sent,
            AlertsNotSent = notSent,
            Days = trend,
        };
    }

    /// <summary>
    /// A connection for the report's big reads. SQLite reads them through a memory map of the file rather than its
    /// small page cache (about twice as fast on a 1M-line ledger: no read call per page); the mapped pages are the
    /// operating system's file cache, read-only, and are counted in the process's resident memory while it reads.
    /// </summary>
    /// <remarks>
    /// The SQLite connection is not pooled: the map would otherwise stay on the pooled connection for whatever a
    /// long-running worker does with it next.
    /// </remarks>
    private DbConnection OpenForReading()
    {
        if (_dialect.Provider != StorageProvider.Sqlite)
        {
            return Open();
        }

        var connection = Open(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Location.ConnectionString) { Pooling = false }.ToString());
        try
        {
            connection.Execute("PRAGMA mmap_size = 4294967296");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A condition that <paramref name="column"/> (ISO text) is in the period, on parameters <c>@From</c> and <c>@To</c>.</summary>
    private static string PeriodCondition(ReportPeriod period, string column, bool exclusiveEnd = false)
    {
        var conditions = new List<string>();
        if (period.From is not null)
        {
            conditions.Add($"{column} >= @From");
        }

        if (period.To is not null)
        {
            conditions.Add(exclusiveEnd ? $"{column} < @To" : $"{column} <= @To");
        }

        return conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);
    }

    private static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string? DayOrNull(DateOnly? day) => day is { } d ? Day(d) : null;

    /// <summary>A sum of ledger units (ten-thousandths) as money; a sum is a decimal in PostgreSQL.</summary>
    private static decimal FromSum(decimal units) => units / 10_000m;

    /// <summary>One line joined with one of its allocations (or none).</summary>
    private sealed class ReportLineRow
    {
        public string? ContractNo { get; init; }

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long ReceivableAmount { get; init; }

        public string IssueDate { get; init; } = "";

        public string DueDate { get; init; } = "";

        public string SalesOwner { get; init; } = "";

        public long Id { get; init; }

        public string FileName { get; init; } = "";

        public int RowNumber { get; init; }

        public string BankRef { get; init; } = "";

        public string BookingDate { get; init; } = "";

        public string? ValueDate { get; init; }

        public long Amount { get; init; }

        public string PayerName { get; init; } = "";

        public string PayerAccount { get; init; } = "";

        public string Memo { get; init; } = "";

        public string? Rule { get; init; }

        public double? Confidence { get; init; }

        public long? Difference { get; init; }

        public string? Explanation { get; init; }

        public string? DuplicateFile { get; init; }

        public int? DuplicateRow { get; init; }

        public string? DuplicateBankRef { get; init; }

        public string? DuplicateDate { get; init; }

        public long? DuplicateAmount { get; init; }

        public string? DuplicateValueDate { get; init; }

        public string? DuplicateTime { get; init; }

        public bool? DuplicateNeutral { get; init; }

        public string? DuplicateNotBooked { get; init; }

        public string? DuplicateCurrency { get; init; }

        public string? DuplicatePayer { get; init; }

        public string? DuplicateAccount { get; init; }

        public string? DuplicateMemo { get; init; }

        public string? BookingTime { get; init; }

        public bool Neutral { get; init; }

        public string? NotBooked { get; init; }

        public long? Allocated { get; init; }

        public string? ReceivableCurrency { get; init; }

        public string Status { get; init; } = "";

        public string Currency { get; init; } = "";

        public Receivable ToReceivable() => new(
            ContractNo ?? "",
            CustomerId,
            CustomerName,
            Money.FromUnits(ReceivableAmount),
            ReceivableCurrency ?? Currency,
            ParseDay(IssueDate),
            ParseDay(DueDate),
            SalesOwner);

        public MatchResult ToResult(List<Allocation> allocations)
        {
            var line = new StatementLine(FileName, RowNumber, BankRef, ParseDay(BookingDate), Money.FromUnits(Amount), Currency, PayerName, PayerAccount, Memo)
            {
                ValueDate = ValueDate is null ? null : ParseDay(ValueDate),
                Time = BookingTime is null ? null : ParseTime(BookingTime),
                Neutral = Neutral,
                NotBooked = NotBooked,
            };
            var original = DuplicateFile is null
                ? null
                : new StatementLine(DuplicateFile, DuplicateRow ?? 0, DuplicateBankRef ?? "", ParseDay(DuplicateDate!), Money.FromUnits(DuplicateAmount ?? 0), DuplicateCurrency ?? Currency, DuplicatePayer ?? "", DuplicateAccount ?? "", DuplicateMemo ?? "")
                {
                    ValueDate = DuplicateValueDate is null ? null : ParseDay(DuplicateValueDate),
                    Time = DuplicateTime is null ? null : ParseTime(DuplicateTime),
                    Neutral = DuplicateNeutral ?? false,
                    NotBooked = DuplicateNotBooked,
                };
            return StoredResult(line, Status, allocations, Difference, Confidence, Rule, Explanation, original);
        }
    }

    private sealed class CandidateRow
    {
        public long LineId { get; init; }

        public string FileName { get; init; } = "";

        public int RowNumber { get; init; }

        public string BankRef { get; init; } = "";

        public string BookingDate { get; init; } = "";

        public long Amount { get; init; }

        public string Currency { get; init; } = "";

        public string PayerName { get; init; } = "";

        public string Memo { get; init; } = "";

        public string? Rule { get; init; }

        public string? Explanation { get; init; }

        public double Confidence { get; init; }

        public string? ContractNo { get; init; }

        public string? CustomerId { get; init; }

        public string? CustomerName { get; init; }

        public long? OpenAmount { get; init; }

        public string? DueDate { get; init; }
    }

    private sealed class StatusRow
    {
        public string Status { get; init; } = "";

        public string Currency { get; init; } = "";

        public long Lines { get; init; }

        public decimal Amount { get; init; }
    }

    private sealed class CurrencyRow
    {
        public string Currency { get; init; } = "";

        public decimal Amount { get; init; }

        public long Items { get; init; }

        public ReportCurrencyAmount ToAmount() => new(Currency, FromSum(Amount), Items);
    }

    private sealed class ExceptionCountRow
    {
        public string Kind { get; init; } = "";

        public long Unresolved { get; init; }

        public long Resolved { get; init; }
    }

    private sealed class DayRow
    {
        public string Day { get; init; } = "";

        public string Currency { get; init; } = "";

        public string Status { get; init; } = "";

        public long Lines { get; init; }

        public decimal Amount { get; init; }

        public long ReceivedLines { get; init; }

        public decimal ReceivedAmount { get; init; }
    }
}
