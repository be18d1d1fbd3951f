using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>The statuses of lines a run decides (again).</summary>
    private static readonly string[] PendingStatuses = [NewStatus, MatchStatus.Unmatched.ToName(), MatchStatus.Suggested.ToName()];

    /// <summary>The parameters of <see cref="PendingCondition"/>.</summary>
    private static readonly object PendingParameters = new { Statuses = PendingStatuses, Rejected = RejectedByReviewerRule, Unmatched = UnmatchedByReviewerRule };

    /// <summary><see cref="PendingParameters"/> and <c>@Except</c>, files whose lines are left out (as an object's properties, which <see cref="Rows"/> binds on SQLite).</summary>
    private static object PendingParametersExcept(long[] except) => new { Statuses = PendingStatuses, Rejected = RejectedByReviewerRule, Unmatched = UnmatchedByReviewerRule, Except = except };

    /// <summary>
    /// The condition (on <c>statement_line l</c>) of the lines a run decides: new, unmatched or suggested, except those
    /// a person rejected or unmatched, which stay as they left them (only <c>review match</c> allocates them again).
    /// </summary>
    private string PendingCondition => $"{_dialect.In("l.status", "@Statuses")} AND (l.match_rule IS NULL OR (l.match_rule <> @Rejected AND l.match_rule <> @Unmatched))";

    /// <summary>Reads what the next match run works on, in one transaction.</summary>
    public LedgerSnapshot LoadForMatching() => LoadWhole(null);

    /// <summary>As <see cref="LoadForMatching()"/>, taking the open receivables from <paramref name="synced"/> where it can (see <see cref="SyncedReceivables"/>).</summary>
    private LedgerSnapshot LoadWhole(SyncedReceivables? synced)
    {
        using var connection = Open();
        using var transaction = BeginReading(connection);
        var (receivables, ids) = OpenReceivables(connection, transaction, synced);
        var (pending, _) = PendingLines(connection, transaction, []);
        InFileOrder(pending);
        var links = PayerLinks(connection, transaction);
        var version = ReceivablesVersion(connection, transaction);
        var lastRun = LastRunReceivablesVersion(connection, transaction);
        transaction.Commit();
        return new LedgerSnapshot(receivables, ids, pending, links, version, lastRun);
    }

    /// <summary>The receivables version now (moved by every sync that changed a receivable).</summary>
    private static long ReceivablesVersion(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteScalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'", transaction: transaction);

    /// <summary>The receivables version the last match run saw; null before the first run.</summary>
    private static long? LastRunReceivablesVersion(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteScalar<long?>("SELECT receivables_version FROM match_run WHERE id = (SELECT MAX(id) FROM match_run)", transaction: transaction);

    /// <summary>
    /// Saves a match run over <paramref name="snapshot"/>'s pending lines, in one transaction: the run, each line's
    /// decision, the automatic allocations (each applied by a conditional update that never takes a receivable
    /// below zero, so two writers cannot over-allocate), the candidates of suggested lines, and the exceptions.
    /// </summary>
    /// <exception cref="LedgerConflictException">A receivable changed under the run (another writer); nothing was saved.</exception>
    public long SaveRun(LedgerSnapshot snapshot, MatchRun run, string settings, string ruleSetVersion, string actor)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Results.Count != snapshot.Pending.Count)
        {
            throw new ArgumentException("The run must decide exactly the snapshot's pending lines, in order.", nameof(run));
        }

        using var connection = Open();
        // Where the dialect lets it (SQLite), or the schema has no such keys (PostgreSQL since migration 6), the save
        // checks its references itself rather than row by row: the run is inserted here, each line is proven to exist
        // by the decisions' update count, each receivable applied to by the open amounts' update count, and the
        // candidates' receivables by one query below.
        using var bulk = BulkSettings.Apply(_dialect, connection, withoutForeignKeys: true);
        using var transaction = Begin(connection);
        var now = Now();
        var runId = connection.ExecuteScalar<long>(
            _dialect.InsertReturningId(
                "match_run",
                "started_at, finished_at, settings, rule_set_version, receivables_version, lines, started_by",
                "@Now, @Now, @Settings, @RuleSetVersion, @Version, @Lines, @Actor"),
            new { Now = now, Settings = settings, RuleSetVersion = ruleSetVersion, Version = snapshot.ReceivablesVersion, Lines = run.Results.Count, Actor = actor },
            transaction);

        // Decisions and allocations go to temporary tables in bulk, then set-based statements apply them: a handful
        // of round trips for a million lines, on every dialect.
        var (explanations, decisions, allocations) = DecisionsOf(snapshot, run.Results);
        snapshot.Explained = (run, explanations); // for the results read after the save (ResultsOfFiles)
        AddToleranceSettlements(snapshot, run, allocations);
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            SaveOnSqlite(sqlite, transaction, runId, now, decisions, allocations, actor);
            transaction.Commit();
            return runId;
        }

        Exec(connection, transaction, _dialect.CreateTemp("run_decision", "line_id BIGINT NOT NULL, seen_status TEXT NOT NULL, seen_updated_at TEXT NOT NULL, status TEXT NOT NULL, match_rule TEXT NOT NULL, confidence FLOAT NOT NULL, difference BIGINT NOT NULL, explanation TEXT NOT NULL, exception_kind TEXT NULL, customer_id TEXT NULL, amount BIGINT NOT NULL"));
        var staged = !CopiesAllocations;
        if (staged)
        {
            Exec(connection, transaction, _dialect.CreateTemp("run_allocation", "line_id BIGINT NOT NULL, receivable_id BIGINT NOT NULL, amount BIGINT NOT NULL, status TEXT NOT NULL, match_rule TEXT NOT NULL, confidence FLOAT NOT NULL"));
        }

        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp("run_decision"), DecisionColumns, decisions);
        if (staged)
        {
            BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp("run_allocation"), AllocationColumns, allocations);
        }

        connection.Execute(_dialect.TempIndex("run_decision", "line_id"), transaction: transaction);
        var d = _dialect.Temp("run_decision");
        var a = _dialect.Temp("run_allocation");

        // Candidates of earlier runs for these lines give way to this run's.
        connection.Execute(
            $"DELETE FROM allocation WHERE status = @Candidate AND line_id IN (SELECT line_id FROM {d})",
            new { Candidate = CandidateStatus },
            transaction);

        // Each line's decision is saved only if the line is still as this run read it: a run on a stale snapshot
        // (another writer decided these lines meanwhile) would apply the same payment twice.
        Exec(connection, transaction, _dialect.LargeUpdatesOn);
        var decided = connection.Execute(
            _dialect.UpdateFrom(
                "statement_line",
                "l",
                "status = x.status, match_rule = x.match_rule, confidence = x.confidence, difference = x.difference, explanation = x.explanation, run_id = @RunId, updated_at = @Now",
                $"{d} x",
                "l.id = x.line_id AND l.status = x.seen_status AND l.updated_at = x.seen_updated_at"),
            new { RunId = runId, Now = now },
            transaction);
        if (decided != decisions.Length)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"{decisions.Length - decided} line(s) were decided by another run or a person since this run read the ledger; nothing was saved, run again"));
        }

        // Open amounts: one conditional update per receivable, taking what this run applies only if that much is
        // open, so two writers can never over-allocate; a receivable that no longer has enough is a conflict.
        var totals = AppliedTotals(connection, transaction, allocations, a);
        var applying = totals.Receivables;
        totals.Parameters.Add("Now", now);
        var updated = connection.Execute(
            _dialect.UpdateFrom(
                "receivable",
                "r",
                "open_amount = r.open_amount - t.total, status = CASE WHEN r.open_amount - t.total = 0 THEN 'paid' ELSE r.status END, updated_at = @Now",
                totals.Source,
                "r.id = t.receivable_id AND r.open_amount >= t.total AND r.status = 'open'"),
            totals.Parameters,
            transaction);
        DropAppliedTotals(connection, transaction);
        Exec(connection, transaction, _dialect.LargeUpdatesOff);
        if (updated != applying)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"{applying - updated} receivable(s) no longer had the amount this run applies open (another run or a person allocated to them since this run read the ledger); nothing was saved, run again"));
        }

        if (_dialect.WritersCheckReferences)
        {
            var missing = staged
                ? connection.ExecuteScalar<long>(
                    $"SELECT COUNT(*) FROM {a} x WHERE x.status = @Candidate AND NOT EXISTS (SELECT 1 FROM receivable r WHERE r.id = x.receivable_id)",
                    new { Candidate = CandidateStatus },
                    transaction)
                : connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM unnest(@Ids) AS x(receivable_id) WHERE NOT EXISTS (SELECT 1 FROM receivable r WHERE r.id = x.receivable_id)",
                    new { Ids = allocations.Where(x => x.Status == CandidateStatus).Select(x => x.ReceivableId).ToArray() },
                    transaction);
            if (missing > 0)
            {
                throw new LedgerConflictException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{missing} candidate(s) of this run name a receivable no longer in the ledger; nothing was saved, run again"));
            }
        }

        int allocated;
        if (staged)
        {
            allocated = connection.Execute(
                $"""
                INSERT INTO allocation (line_id, receivable_id, amount, status, match_rule, confidence, run_id, created_by, created_at)
                SELECT line_id, receivable_id, amount, status, match_rule, confidence, @RunId, @Actor, @Now FROM {a}
                """,
                new { RunId = runId, Actor = actor, Now = now },
                transaction);
        }
        else
        {
            BulkInsert.Write(_dialect, connection, transaction, "allocation", [.. AllocationColumns, .. RunColumns(runId, actor, now)], allocations);
            allocated = allocations.Count;
        }

        var exceptions = RecordExceptions(connection, transaction, d, runId, now);
        foreach (var temp in staged ? ["run_decision", "run_allocation"] : new[] { "run_decision" })
        {
            if (_dialect.DropTemp(temp) is { } drop)
            {
                connection.Execute(drop, transaction: transaction);
            }
        }

        AuditRun(connection, transaction, actor, runId, run.Results.Count, allocated, exceptions);
        transaction.Commit();
        return runId;
    }

    /// <summary>
    /// A payment within tolerance below the open amount settles the receivable (the matcher's open amount after the
    /// run is zero, or lower than what was paid leaves): the difference is recorded as a <c>settled</c> allocation
    /// of the line that settled it, so the ledger's open amounts equal the run's and amount − open still equals the
    /// sum of what is applied.
    /// </summary>
    private static void AddToleranceSettlements(LedgerSnapshot snapshot, MatchRun run, List<RunAllocation> allocations)
    {
        if (run.OpenAmounts.Count != snapshot.Receivables.Count)
        {
            return;
        }

        // By the receivable's position in the snapshot: what the run's automatic allocations apply to it, and which of
        // them came last (its line, rule and confidence are the settlement's); receivables in the order first applied to.
        var applied = new long[snapshot.Receivables.Count];
        var last = new int[snapshot.Receivables.Count];
        var order = new List<int>();
        for (var a = 0; a < allocations.Count; a++)
        {
            var allocation = allocations[a];
            if (allocation.Status != AutoStatus)
            {
                continue;
            }

            if (applied[allocation.Position] == 0)
            {
                order.Add(allocation.Position); // an allocation is never zero (see SaveRun)
            }

            applied[allocation.Position] += allocation.Amount;
            last[allocation.Position] = a;
        }

        foreach (var i in order)
        {
            var before = Money.ToUnits(decimal.Round(snapshot.Receivables[i].Amount, 4));
            var after = Money.ToUnits(decimal.Round(run.OpenAmounts[i], 4));
            var settled = before - applied[i] - after;
            if (settled > 0)
            {
                var by = allocations[last[i]];
                allocations.Add(new RunAllocation(by.LineId, by.ReceivableId, i, settled, SettledStatus, by.Rule, by.Confidence));
            }
        }
    }

    /// <summary>A result whose allocations take money off receivables (automatic allocations).</summary>
    private static bool Applies(MatchStatus status) => status is MatchStatus.Matched or MatchStatus.Partial;

    /// <summary>A result whose allocations are saved: applied ones, and a suggestion's candidates.</summary>
    private static bool SavesAllocations(MatchStatus status) => Applies(status) || status == MatchStatus.Suggested;

    private static void Exec(DbConnection connection, DbTransaction transaction, IEnumerable<string> statements)
    {
        foreach (var statement in statements)
        {
            connection.Execute(statement, transaction: transaction);
        }
    }

    private static readonly BulkColumn<Decision>[] DecisionColumns =
    [
        BulkColumn.Int64<Decision>("line_id", x => x.LineId),
        BulkColumn.Text<Decision>("seen_status", x => x.SeenStatus),
        BulkColumn.Text<Decision>("seen_updated_at", x => x.SeenUpdatedAt),
        BulkColumn.Text<Decision>("status", x => x.Status),
        BulkColumn.Text<Decision>("match_rule", x => x.Rule),
        BulkColumn.Double<Decision>("confidence", x => x.Confidence),
        BulkColumn.Int64<Decision>("difference", x => x.Difference),
        BulkColumn.Text<Decision>("explanation", x => x.Explanation),
        BulkColumn.Text<Decision>("exception_kind", x => x.ExceptionKind),
        BulkColumn.Text<Decision>("customer_id", x => x.CustomerId),
        BulkColumn.Int64<Decision>("amount", x => x.Amount),
    ];

    /// <summary>
    /// True where a run's allocations are copied straight into <c>allocation</c> (PostgreSQL's COPY writes rows in
    /// batches; an INSERT … SELECT from a staging table writes them one by one) and the open amounts are taken from
    /// sums computed here; elsewhere they go through the staging table <c>run_allocation</c>.
    /// </summary>
    private bool CopiesAllocations => _dialect.Provider == StorageProvider.Postgres;

    /// <summary>The columns an allocation of run <paramref name="runId"/> takes from the run itself.</summary>
    private static BulkColumn<RunAllocation>[] RunColumns(long runId, string actor, string now) =>
    [
        BulkColumn.Int64<RunAllocation>("run_id", _ => runId),
        BulkColumn.Text<RunAllocation>("created_by", _ => actor),
        BulkColumn.Text<RunAllocation>("created_at", _ => now),
    ];

    private static readonly BulkColumn<RunAllocation>[] AllocationColumns =
    [
        BulkColumn.Int64<RunAllocation>("line_id", x => x.LineId),
        BulkColumn.Int64<RunAllocation>("receivable_id", x => x.ReceivableId),
        BulkColumn.Int64<RunAllocation>("amount", x => x.Amount),
        BulkColumn.Text<RunAllocation>("status", x => x.Status),
        BulkColumn.Text<RunAllocation>("match_rule", x => x.Rule),
        BulkColumn.Double<RunAllocation>("confidence", x => x.Confidence),
    ];

    // Structs: a million of each are made by a save and kept to its end, as objects each one a collector's copy.
    private readonly record struct Decision(long LineId, string SeenStatus, string SeenUpdatedAt, string Status, string Rule, double Confidence, long Difference, string Explanation, string? ExceptionKind, string? CustomerId, long Amount);

    /// <param name="Position">The receivable's position in the snapshot's list.</param>
    private readonly record struct RunAllocation(long LineId, long ReceivableId, int Position, long Amount, string Status, string Rule, double Confidence);

    /// <summary>The status of an allocation a run applied.</summary>
    public const string AutoStatus = "auto";

    /// <summary>
    /// The status of the difference a payment within tolerance left on the receivable it settled (applied: it
    /// closes the receivable; not money received).
    /// </summary>
    public const string SettledStatus = "settled";

    /// <summary>The status of a ranked candidate of a suggested line (not applied).</summary>
    public const string CandidateStatus = "candidate";

    /// <summary>The status of an allocation a person confirmed or made.</summary>
    public const string ConfirmedStatus = "confirmed";

    /// <summary>The status of an allocation a person rejected or undid (kept for the record, no longer applied).</summary>
    public const string RejectedStatus = "rejected";

    /// <summary>
    /// Takes <paramref name="units"/> off one receivable's open amount only if that much is open, in one statement,
    /// so concurrent writers can never allocate more than the open amount, nor to a receivable paid or cancelled
/// meanwhile (used by review operations).
    /// </summary>
    /// <exception cref="LedgerConflictException">Not that much is open.</exception>
    internal static void Apply(DbConnection connection, DbTransaction transaction, long receivableId, long units, string now)
    {
        var changed = connection.Execute(
            """
            UPDATE receivable SET open_amount = open_amount - @Units,
                status = CASE WHEN open_amount - @Units = 0 THEN 'paid' ELSE status END, updated_at = @Now
            WHERE id = @Id AND open_amount >= @Units AND status = 'open'
            """,
            new { Id = receivableId, Units = units, Now = now },
            transaction);
        if (changed != 1)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"receivable {receivableId} does not have {Money.FromUnits(units):0.00##} open (another run or a person allocated to it since this was read); nothing was saved"));
        }
    }

    /// <summary>Stored lines matching a condition on <c>l</c> (statement_line) joined with their file's name, in file and row order.</summary>
    internal static List<StoredLine> Lines(DbConnection connection, DbTransaction? transaction, string where, object parameters) =>
        [.. Views(connection, transaction, where, parameters).Select(v => v.ToStored())];

    /// <summary>The rows behind <see cref="Lines"/>, with each line's last decision.</summary>
    internal static List<LineView> Views(DbConnection connection, DbTransaction? transaction, string where, object parameters) =>
        [.. connection.Query<LineView>(
            $"""
            SELECT l.id, l.file_id AS FileId, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef, l.booking_date AS BookingDate, l.value_date AS ValueDate,
                l.booking_time AS BookingTime, l.amount, l.currency, l.payer_name AS PayerName, l.payer_account AS PayerAccount, l.memo, l.neutral, l.not_booked AS NotBooked,
                l.status, l.duplicate_of AS DuplicateOf, l.updated_at AS UpdatedAt, l.match_rule AS "Rule", l.confidence, l.difference, l.explanation
            FROM statement_line l JOIN statement_file f ON f.id = l.file_id
            WHERE {where}
            ORDER BY l.file_id, l.row_number
            """,
            parameters,
            transaction)];

    /// <summary>A stored line as read back: its row, with its id and its file's name.</summary>
    internal sealed class LineView : LineRow
    {
        public long Id { get; init; }

        public string FileName { get; init; } = "";

        public string? Rule { get; init; }

        public double? Confidence { get; init; }

        public long? Difference { get; init; }

        public string? Explanation { get; init; }

        public StoredLine ToStored() => new(
            Id,
            new StatementLine(
                FileName,
                RowNumber,
                BankRef,
                ParseDay(BookingDate),
                Money.FromUnits(Amount),
                Currency,
                PayerName,
                PayerAccount,
                Memo)
            {
                ValueDate = ValueDate is null ? null : ParseDay(ValueDate),
                Time = BookingTime is null ? null : TimeOnly.ParseExact(BookingTime, "HH:mm:ss", CultureInfo.InvariantCulture),
                Neutral = Neutral,
                NotBooked = NotBooked,
            },
            Status,
            DuplicateOf)
        {
            FileId = FileId,
            UpdatedAt = UpdatedAt,
        };
    }

    /// <summary>
    /// The statement that records a run's exceptions from its decisions (<paramref name="decisions"/>: a table of
    /// line_id, exception_kind, customer_id and amount), leaving out a line that has an exception of that kind already.
    /// </summary>
    /// <remarks>
    /// That exception is looked for once under each of the two unique keys of exceptions (both partial: one holds those
    /// that name no receivable, the other those that do), so that each look-up is an index search. Looked for under
    /// neither (a line and kind, whatever the receivable), SQLite had no index to answer with and read every exception
    /// for every decided line: on a ledger of a million lines, a run deciding 96k of them spent 144 s here.
    /// </remarks>
    internal static string RecordExceptionsSql(string decisions) =>
        $"""
        INSERT INTO match_exception (line_id, kind, amount, customer_id, run_id, created_at)
        SELECT x.line_id, x.exception_kind, x.amount, x.customer_id, @RunId, @Now FROM {decisions} x
        WHERE x.exception_kind IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM match_exception e WHERE e.line_id = x.line_id AND e.kind = x.exception_kind AND e.receivable_id IS NULL)
          AND NOT EXISTS (SELECT 1 FROM match_exception e WHERE e.line_id = x.line_id AND e.kind = x.exception_kind AND e.receivable_id IS NOT NULL)
        """;

    /// <summary>
    /// Records the exceptions of the lines a run decided (in <paramref name="decisions"/>, the run's decision table) that
    /// are not recorded yet, and brings those of lines decided again up to date; returns how many were added.
    /// </summary>
    private static int RecordExceptions(DbConnection connection, DbTransaction transaction, string decisions, long runId, string now)
    {
        var added = connection.Execute(
            RecordExceptionsSql(decisions),
            new { RunId = runId, Now = now },
            transaction);

        // A line decided again has only the exception this run reports for it: those of other kinds are over (a line
        // matched on retry resolves them all), and one of that kind resolved by an earlier run is open again.
        connection.Execute(
            $"""
            UPDATE match_exception SET resolved_at = @Now
            WHERE resolved_at IS NULL
              AND EXISTS (SELECT 1 FROM {decisions} x WHERE x.line_id = match_exception.line_id AND (x.exception_kind IS NULL OR x.exception_kind <> match_exception.kind))
            """,
            new { Now = now },
            transaction);
        connection.Execute(
            $"""
            UPDATE match_exception SET resolved_at = NULL
            WHERE resolved_at IS NOT NULL
              AND EXISTS (SELECT 1 FROM {decisions} x WHERE x.line_id = match_exception.line_id AND x.exception_kind = match_exception.kind)
            """,
            transaction: transaction);
        return added;
    }

    /// <summary>The audit entry of a saved run: how many lines it decided, allocations it wrote and exceptions it added.</summary>
    private void AuditRun(DbConnection connection, DbTransaction transaction, string actor, long runId, int lines, int allocations, int exceptions) =>
        Audit(
            connection,
            transaction,
            actor,
            "match",
            "match_run",
            runId.ToString(CultureInfo.InvariantCulture),
            null,
            string.Create(CultureInfo.InvariantCulture, $"{{\"lines\":{lines},\"allocations\":{allocations},\"exceptions\":{exceptions}}}"),
            null);
}
