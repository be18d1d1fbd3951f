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
    private static readonly string[] AlertStatuses = [AlertStatus.Pending, AlertStatus.Sending, AlertStatus.Sent, AlertStatus.Failed];

    /// <summary>The longest claim token (the <c>claim_token</c> column's width).</summary>
    private const int MaxClaimToken = 64;

    /// <summary>How often one <see cref="ClaimDueAlerts"/> asks again when other claimers took the rows it chose.</summary>
    private const int ClaimRounds = 5;

    /// <summary>
    /// An alert that is due: pending and its next attempt has come, or claimed by a dispatcher whose lease has run out
    /// (one that died while sending). Parameters <c>@Pending</c>, <c>@Sending</c>, <c>@Now</c>.
    /// </summary>
    internal const string DueAlert =
        "(status = @Pending AND (next_attempt_at IS NULL OR next_attempt_at <= @Now)) OR (status = @Sending AND next_attempt_at <= @Now)";

    /// <summary>
    /// <see cref="DueAlert"/> in its three kinds, which no alert is of two of: never tried (the status written as it is,
    /// so that a partial index on it applies on PostgreSQL too), due for a retry, and claimed by a dispatcher whose lease
    /// has run out.
    /// </summary>
    private static readonly string[] DueAlertKinds =
    [
        $"status = '{AlertStatus.Pending}' AND next_attempt_at IS NULL",
        "status = @Pending AND next_attempt_at <= @Now",
        "status = @Sending AND next_attempt_at <= @Now",
    ];

    /// <summary>
    /// The ids of the first due alerts (lowest id first, at most <c>@Limit</c>): the first of each kind
    /// (<see cref="DueAlertKinds"/>), then the first of those. Asked of all the due ones at once (an OR of the kinds),
    /// each claim sorted every due alert to take its few hundred: with 880k alerts waiting after a first rules run on a
    /// ledger of a million lines, a dispatch sent 140k in 8 minutes. The alerts never tried, nearly all of them, are
    /// found in an index in id order, so each claim reads only what it takes.
    /// </summary>
    internal static string FirstDueAlerts(SqlDialect dialect, string limitParameter = "@Limit") =>
        dialect.FirstRows(
            "SELECT id FROM ("
                + string.Join(" UNION ALL ", DueAlertKinds.Select((kind, i) => $"SELECT id FROM ({dialect.FirstRows($"SELECT id FROM alert_outbox WHERE {kind} ORDER BY id", limitParameter)}) k{i}"))
                + ") due ORDER BY id",
            limitParameter);

    /// <summary>A new claim token for <see cref="ClaimDueAlerts"/> (random, 32 hex digits).</summary>
    public static string NewClaimToken() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Claims at most <paramref name="limit"/> due alerts, oldest first, for the caller to send: each becomes
    /// <c>sending</c> with <paramref name="token"/> (a new one when null) and stays the caller's until
    /// <paramref name="lease"/> has passed (its <c>next_attempt_at</c>). Due are pending alerts whose next attempt has
    /// come, and alerts whose claim's lease has run out (a dispatcher that died or hung while sending them). The claim is
    /// one conditional update per round, so two claimers at once, in this process or another, never get the same alert.
    /// </summary>
    /// <remarks>
    /// Delivery is at least once: an alert whose dispatcher died after the channel took it but before it was marked
    /// sent is claimed again when the lease runs out, and sent again. Its attempt count does not change on a reclaim
    /// (whether the lost attempt happened is unknown). A claimer keeps its alerts by renewing the lease
    /// (<see cref="RenewAlertClaim"/>) while it works, and settles each with <see cref="MarkAlertsSent"/>,
    /// <see cref="MarkAlertsFailed"/> or <see cref="ReleaseAlerts"/>. Claiming several times with the same token adds
    /// to one claim; each call returns only what it claimed.
    /// </remarks>
    public AlertClaim ClaimDueAlerts(int limit, TimeSpan lease, string? token = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        token ??= NewClaimToken();
        CheckToken(token);
        var at = _clock.GetUtcNow();
        var now = Migrator.Instant(at);
        var until = Migrator.Instant(at + lease);
        var claim = _dialect.UpdateFirstRows(
            "alert_outbox",
            "status = @Sending, claim_token = @Token, next_attempt_at = @Until",
            DueAlert,
            FirstDueAlerts(_dialect, "@Candidates"),
            "@Limit");
        using var connection = Open();
        var ids = new List<long>();
        for (var round = 0; round < ClaimRounds && ids.Count < limit; round++)
        {
            var wanted = limit - ids.Count;
            var claimed = connection.Query<long>(
                claim,
                new { Pending = AlertStatus.Pending, Sending = AlertStatus.Sending, Now = now, Until = until, Token = token, Limit = wanted, Candidates = wanted * _dialect.CandidatesPerRow }).ToList();
            ids.AddRange(claimed);

            // Fewer than asked: either nothing more is due, or another claimer took rows this one had chosen.
            if (claimed.Count < wanted && !AnyDue(connection, now))
            {
                break;
            }
        }

        var alerts = new List<OutboxAlert>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerStatement))
        {
            alerts.AddRange(connection.Query<OutboxRow>(
                $"{OutboxSelect} WHERE o.claim_token = @Token AND o.status = @Sending AND {_dialect.In("o.id", "@Ids")}",
                new { Token = token, Sending = AlertStatus.Sending, Ids = chunk }).Select(o => o.ToOutbox()));
        }

        return new AlertClaim(token, [.. alerts.OrderBy(a => a.Id)]);
    }

    /// <summary>
    /// Moves the end of the lease of every alert still claimed with <paramref name="token"/> to <paramref name="lease"/>
    /// from now; returns how many that is (fewer than claimed when a lease ran out and another claimer took them).
    /// </summary>
    public int RenewAlertClaim(string token, TimeSpan lease)
    {
        CheckToken(token);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        using var connection = Open();
        return connection.Execute(
            "UPDATE alert_outbox SET next_attempt_at = @Until WHERE status = @Sending AND claim_token = @Token",
            new { Until = Migrator.Instant(_clock.GetUtcNow() + lease), Sending = AlertStatus.Sending, Token = token });
    }

    /// <summary>
    /// Marks alerts sent, only those still claimed with <paramref name="token"/> (one whose claim ran out and was taken
    /// by another claimer is that claimer's); returns how many were marked.
    /// </summary>
    public int MarkAlertsSent(string token, IReadOnlyCollection<long> ids)
    {
        CheckToken(token);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return 0;
        }

        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var marked = 0;
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            marked += connection.Execute(
                $"""
                UPDATE alert_outbox SET status = @Sent, sent_at = @Now, next_attempt_at = NULL, claim_token = NULL
                WHERE status = @Sending AND claim_token = @Token AND {_dialect.In("id", "@Ids")}
                """,
                new { Sent = AlertStatus.Sent, Now = now, Sending = AlertStatus.Sending, Token = token, Ids = chunk },
                transaction);
        }

        transaction.Commit();
        return marked;
    }

    /// <summary>
    /// Records a failed attempt for each alert still claimed with <paramref name="token"/>: the attempt count goes up,
    /// the alert is pending again and due after <paramref name="backoff"/> doubled for each earlier attempt; at
    /// <paramref name="maxAttempts"/> it is <c>failed</c> with <paramref name="error"/> and not tried again. Returns how
    /// many reached the last attempt and are failed now.
    /// </summary>
    /// <param name="tried">
    /// False for alerts not sent themselves, failed by their channel's failure with another message in the same dispatch:
    /// their attempt counts, but never the last one, so that no alert is failed without a try of its own (a timeout can
    /// be one message's, and an outage ends).
    /// </param>
    public int MarkAlertsFailed(string token, IReadOnlyCollection<long> ids, string error, int maxAttempts, TimeSpan backoff, bool tried = true)
    {
        CheckToken(token);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoff, TimeSpan.Zero);
        if (ids.Count == 0)
        {
            return 0;
        }

        using var connection = Open();
        using var transaction = Begin(connection);
        var at = _clock.GetUtcNow();
        var gaveUp = 0;
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            var attempts = connection.Query<(long Id, int Attempts)>(
                $"SELECT id, attempts FROM alert_outbox WHERE status = @Sending AND claim_token = @Token AND {_dialect.In("id", "@Ids")}",
                new { Sending = AlertStatus.Sending, Token = token, Ids = chunk },
                transaction);

            // Alerts that failed as often before fail the same way now: one statement per attempt count.
            foreach (var group in attempts.GroupBy(a => a.Attempts))
            {
                var giveUp = tried && group.Key + 1 >= maxAttempts;
                var counted = tried || group.Key + 1 < maxAttempts ? 1 : 0;
                var changed = connection.Execute(
                    $"""
                    UPDATE alert_outbox SET attempts = attempts + {counted}, last_error = @Error, status = @Status, next_attempt_at = @Next, claim_token = NULL
                    WHERE status = @Sending AND claim_token = @Token AND attempts = @Attempts AND {_dialect.In("id", "@Ids")}
                    """,
                    new
                    {
                        Error = error,
                        Status = giveUp ? AlertStatus.Failed : AlertStatus.Pending,
                        Next = giveUp ? null : Migrator.Instant(at + RetryDelay(backoff, group.Key)),
                        Sending = AlertStatus.Sending,
                        Token = token,
                        Attempts = group.Key,
                        Ids = group.Select(a => a.Id).ToArray(),
                    },
                    transaction);
                gaveUp += giveUp ? changed : 0;
            }
        }

        transaction.Commit();
        return gaveUp;
    }

    /// <summary>
    /// Gives back alerts claimed with <paramref name="token"/> without counting an attempt (they were not tried): pending
    /// again, due after <paramref name="after"/> (at once for zero), with <paramref name="reason"/> as their last error
    /// (the last error kept when null). Returns how many were released.
    /// </summary>
    public int ReleaseAlerts(string token, IReadOnlyCollection<long> ids, string? reason, TimeSpan after)
    {
        CheckToken(token);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.Zero);
        if (ids.Count == 0)
        {
            return 0;
        }

        using var connection = Open();
        using var transaction = Begin(connection);
        var next = Migrator.Instant(_clock.GetUtcNow() + after);
        var released = 0;
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            released += connection.Execute(
                $"""
                UPDATE alert_outbox SET status = @Pending, next_attempt_at = @Next, last_error = {(reason is null ? "last_error" : "@Reason")}, claim_token = NULL
                WHERE status = @Sending AND claim_token = @Token AND {_dialect.In("id", "@Ids")}
                """,
                new { Pending = AlertStatus.Pending, Next = next, Reason = reason, Sending = AlertStatus.Sending, Token = token, Ids = chunk },
                transaction);
        }

        transaction.Commit();
        return released;
    }

    /// <summary>
    /// Puts <c>failed</c> alerts back in the outbox, due at once with their attempts counted from zero (their last error
    /// kept until the next attempt): those of <paramref name="ids"/>, or every failed one when it is null. Alerts in
    /// another status are left as they are. Audited, one entry per alert, by <paramref name="by"/>. Returns the ids
    /// put back, in id order.
    /// </summary>
    public IReadOnlyList<long> RetryFailedAlerts(IReadOnlyCollection<long>? ids, string by, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var failed = ids is null
            ? connection.Query<long>("SELECT id FROM alert_outbox WHERE status = @Failed ORDER BY id", new { Failed = AlertStatus.Failed }, transaction).ToList()
            : [.. ids.Distinct().Chunk(IdsPerStatement).SelectMany(chunk => connection.Query<long>(
                $"SELECT id FROM alert_outbox WHERE status = @Failed AND {_dialect.In("id", "@Ids")}",
                new { Failed = AlertStatus.Failed, Ids = chunk },
                transaction)).Order()];
        var now = Now();
        foreach (var chunk in failed.Chunk(IdsPerStatement))
        {
            connection.Execute(
                $"UPDATE alert_outbox SET status = @Pending, attempts = 0, next_attempt_at = @Now, claim_token = NULL WHERE status = @Failed AND {_dialect.In("id", "@Ids")}",
                new { Pending = AlertStatus.Pending, Now = now, Failed = AlertStatus.Failed, Ids = chunk },
                transaction);
        }

        foreach (var id in failed)
        {
            Audit(connection, transaction, by, "retry", "alert_outbox", id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{{\"status\":\"{AlertStatus.Failed}\"}}", $"{{\"status\":\"{AlertStatus.Pending}\",\"attempts\":0}}", note);
        }

        transaction.Commit();
        return failed;
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

    private bool AnyDue(DbConnection connection, string now) =>
        connection.Query<long>(
            FirstDueAlerts(_dialect),
            new { Pending = AlertStatus.Pending, Sending = AlertStatus.Sending, Now = now, Limit = 1 }).Any();

    private static void CheckToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (token.Length > MaxClaimToken)
        {
            throw new ArgumentException($"a claim token is at most {MaxClaimToken} characters", nameof(token));
        }
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
