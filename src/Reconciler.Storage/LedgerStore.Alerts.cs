using System.Data.Common;
using Dapper;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// How many ids one statement names: under SQL Server's 2,100 parameters and SQLite's 32,766 (PostgreSQL takes the
    /// list as one array, chunked the same for simplicity).
    /// </summary>
    private const int IdsPerStatement = 1_000;

    /// <summary>The longest wait between two attempts, however many failed before.</summary>
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromDays(365);

    private const string OutboxSelect =
        """
        SELECT o.id, o.dedup_key AS DedupKey, o.kind, o.rule_name AS RuleName, o.audience, o.channel, o.recipient, o.severity, o.subject, o.body,
            o.payload, o.immediate, o.line_id AS LineId, o.receivable_id AS ReceivableId, o.customer_id AS CustomerId, o.contract_no AS ContractNo,
            o.status, o.attempts, o.next_attempt_at AS NextAttemptAt, o.last_error AS LastError, o.rule_set_version AS RuleSetVersion,
            o.created_at AS CreatedAt, o.sent_at AS SentAt, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef
        FROM alert_outbox o LEFT JOIN statement_line l ON l.id = o.line_id LEFT JOIN statement_file f ON f.id = l.file_id
        """;

    /// <summary>The outbox's statuses, for messages.</summary>
    private static readonly string[] AlertStatuses = [AlertStatus.Pending, AlertStatus.Sent, AlertStatus.Failed];

    /// <summary>Pending alerts whose next attempt is due now, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<OutboxAlert> DueAlerts(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = Open();
        return [.. connection.Query<OutboxRow>(
            _dialect.FirstRows($"{OutboxSelect} WHERE o.status = @Pending AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= @Now) ORDER BY o.id", "@Limit"),
            new { Pending = AlertStatus.Pending, Now = Now(), Limit = limit }).Select(o => o.ToOutbox())];
    }

    /// <summary>Marks alerts sent (only those still pending).</summary>
    public void MarkAlertsSent(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var now = Now();
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            connection.Execute(
                $"UPDATE alert_outbox SET status = @Sent, sent_at = @Now WHERE status = @Pending AND {_dialect.In("id", "@Ids")}",
                new { Sent = AlertStatus.Sent, Now = now, Pending = AlertStatus.Pending, Ids = chunk },
                transaction);
        }

        transaction.Commit();
    }

    /// <summary>
    /// Records a failed attempt for each alert: the attempt count goes up, the next attempt is due after
    /// <paramref name="backoff"/> doubled for each earlier attempt; at <paramref name="maxAttempts"/> the alert is
    /// <c>failed</c> with <paramref name="error"/> and not tried again.
    /// </summary>
    /// <remarks>Only alerts still pending change; one whose attempt count moved meanwhile (another sender) is left to that sender.</remarks>
    public void MarkAlertsFailed(IReadOnlyCollection<long> ids, string error, int maxAttempts, TimeSpan backoff)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoff, TimeSpan.Zero);
        if (ids.Count == 0)
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var at = _clock.GetUtcNow();
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            var attempts = connection.Query<(long Id, int Attempts)>(
                $"SELECT id, attempts FROM alert_outbox WHERE status = @Pending AND {_dialect.In("id", "@Ids")}",
                new { Pending = AlertStatus.Pending, Ids = chunk },
                transaction);

            // Alerts that failed as often before fail the same way now: one statement per attempt count.
            foreach (var group in attempts.GroupBy(a => a.Attempts))
            {
                var giveUp = group.Key + 1 >= maxAttempts;
                connection.Execute(
                    $"""
                    UPDATE alert_outbox SET attempts = attempts + 1, last_error = @Error, status = @Status, next_attempt_at = @Next
                    WHERE status = @Pending AND attempts = @Attempts AND {_dialect.In("id", "@Ids")}
                    """,
                    new
                    {
                        Error = error,
                        Status = giveUp ? AlertStatus.Failed : AlertStatus.Pending,
                        Next = giveUp ? null : Migrator.Instant(at + RetryDelay(backoff, group.Key)),
                        Pending = AlertStatus.Pending,
                        Attempts = group.Key,
                        Ids = group.Select(a => a.Id).ToArray(),
                    },
                    transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>The outbox, newest first, optionally only alerts with <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not an outbox status.</exception>
    public IReadOnlyList<OutboxAlert> ListAlerts(string? status)
    {
        string? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = AlertStatuses.FirstOrDefault(s => string.Equals(s, status.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"\"{status}\" is not an alert status; the statuses are {string.Join(", ", AlertStatuses)}", nameof(status));
        }

        using var connection = Open();
        return [.. connection.Query<OutboxRow>(
            $"{OutboxSelect}{(wanted is null ? "" : " WHERE o.status = @Status")} ORDER BY o.id DESC",
            new { Status = wanted }).Select(o => o.ToOutbox())];
    }

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> earlier failed ones: backoff, 2 × backoff, 4 × backoff … (at most a year).</summary>
    internal static TimeSpan RetryDelay(TimeSpan backoff, int attempts)
    {
        var ticks = backoff.Ticks * Math.Pow(2, Math.Clamp(attempts, 0, 62));
        return ticks >= LongestRetryDelay.Ticks ? LongestRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A row of <c>alert_outbox</c> with the file, row and bank reference of its line.</summary>
    private sealed class OutboxRow
    {
        public long Id { get; init; }

        public string DedupKey { get; init; } = "";

        public string Kind { get; init; } = "";

        public string RuleName { get; init; } = "";

        public string Audience { get; init; } = "";

        public string Channel { get; init; } = "";

        public string Recipient { get; init; } = "";

        public string Severity { get; init; } = "";

        public string Subject { get; init; } = "";

        public string Body { get; init; } = "";

        public string Payload { get; init; } = "";

        public bool Immediate { get; init; }

        public long? LineId { get; init; }

        public long? ReceivableId { get; init; }

        public string CustomerId { get; init; } = "";

        public string ContractNo { get; init; } = "";

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public string? NextAttemptAt { get; init; }

        public string? LastError { get; init; }

        public string RuleSetVersion { get; init; } = "";

        public string CreatedAt { get; init; } = "";

        public string? SentAt { get; init; }

        public string? FileName { get; init; }

        public int? RowNumber { get; init; }

        public string? BankRef { get; init; }

        public OutboxAlert ToOutbox() => new()
        {
            Id = Id,
            Alert = new NewAlert
            {
                DedupKey = DedupKey,
                Kind = Kind,
                Rule = RuleName,
                Audience = Audience,
                Channel = Channel,
                Recipient = Recipient,
                Severity = Severity,
                Subject = Subject,
                Body = Body,
                Payload = Payload,
                Immediate = Immediate,
                LineId = LineId,
                ReceivableId = ReceivableId,
                CustomerId = CustomerId,
                ContractNo = ContractNo,
            },
            Status = Status,
            Attempts = Attempts,
            NextAttemptAt = NextAttemptAt,
            LastError = LastError,
            RuleSetVersion = RuleSetVersion,
            CreatedAt = CreatedAt,
            SentAt = SentAt,
            File = FileName ?? "",
            Row = RowNumber ?? 0,
            BankRef = BankRef ?? "",
        };
    }
}
