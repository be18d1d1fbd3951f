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

    /// <summary>Reads what the next match run works on, in one transaction.</summary>
    public LedgerSnapshot LoadForMatching()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var rows = connection.Query<ReceivableRow>(
            """
            SELECT r.id, r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName, r.amount, r.open_amount AS OpenAmount,
                r.currency, r.issue_date AS IssueDate, r.due_date AS DueDate, r.sales_owner AS SalesOwner, r.status
            FROM receivable r JOIN customer c ON c.id = r.customer_id
            WHERE r.status = @Open AND r.open_amount > 0
            ORDER BY r.id
            """,
            new { Open = OpenStatus },
            transaction);
        var receivables = new List<Receivable>();
        var ids = new Dictionary<Receivable, long>(ReferenceEqualityComparer.Instance);
        foreach (var row in rows)
        {
            var receivable = new Receivable(
                row.ContractNo,
                row.CustomerId,
                row.CustomerName,
                Money.FromUnits(row.OpenAmount),
                row.Currency,
                DateOnly.ParseExact(row.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DateOnly.ParseExact(row.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.SalesOwner)
            {
                Source = string.Create(CultureInfo.InvariantCulture, $"ledger receivable {row.Id}"),
            };
            receivables.Add(receivable);
            ids[receivable] = row.Id;
        }

        var pending = Lines(connection, transaction, "l.status IN @Statuses", new { Statuses = PendingStatuses });
        var links = connection.Query<(string Account, string Name, string Customer)>(
            "SELECT payer_account, payer_name, customer_id FROM customer_alias ORDER BY id",
            transaction: transaction).Select(l => new PayerLink(l.Account, l.Name, l.Customer)).ToList();
        var version = connection.ExecuteScalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'", transaction: transaction);
        var lastRun = connection.ExecuteScalar<long?>(
            "SELECT receivables_version FROM match_run WHERE id = (SELECT MAX(id) FROM match_run)",
            transaction: transaction);
        transaction.Commit();
        return new LedgerSnapshot(receivables, ids, pending, links, version, lastRun);
    }

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
        using var transaction = connection.BeginTransaction();
        var now = Now();
        var runId = connection.ExecuteScalar<long>(
            _dialect.InsertReturningId(
                "match_run",
                "started_at, finished_at, settings, rule_set_version, receivables_version, lines, started_by",
                "@Now, @Now, @Settings, @RuleSetVersion, @Version, @Lines, @Actor"),
            new { Now = now, Settings = settings, RuleSetVersion = ruleSetVersion, Version = snapshot.ReceivablesVersion, Lines = run.Results.Count, Actor = actor },
            transaction);

        var lineIds = snapshot.Pending.Select(p => p.Id).ToArray();
        foreach (var chunk in lineIds.Chunk(KeyBatch))
        {
            connection.Execute(
                "DELETE FROM allocation WHERE status = @Candidate AND line_id IN @Ids",
                new { Candidate = CandidateStatus, Ids = chunk },
                transaction);
        }

        var updates = new List<object>(run.Results.Count);
        var allocations = new List<object>();
        var exceptions = new List<object>();
        for (var i = 0; i < run.Results.Count; i++)
        {
            var result = run.Results[i];
            var lineId = lineIds[i];
            updates.Add(new
            {
                Id = lineId,
                Status = result.Status.ToName(),
                result.Rule,
                result.Confidence,
                Difference = Money.ToUnits(decimal.Round(result.Difference, 4)),
                result.Explanation,
                RunId = runId,
                Now = now,
            });
            var applied = result.Status is MatchStatus.Matched or MatchStatus.Partial;
            if (applied || result.Status == MatchStatus.Suggested)
            {
                foreach (var allocation in result.Allocations)
                {
                    var receivableId = snapshot.ReceivableIds[allocation.Receivable];
                    var units = Money.ToUnits(decimal.Round(allocation.Amount, 4));
                    if (units <= 0)
                    {
                        continue;
                    }

                    if (applied)
                    {
                        Apply(connection, transaction, receivableId, units, now);
                    }

                    allocations.Add(new
                    {
                        LineId = lineId,
                        ReceivableId = receivableId,
                        Amount = units,
                        Status = applied ? AutoStatus : CandidateStatus,
                        result.Rule,
                        result.Confidence,
                        RunId = runId,
                        Actor = actor,
                        Now = now,
                    });
                }
            }

            if (result.Exception != ExceptionKind.None)
            {
                exceptions.Add(new
                {
                    LineId = lineId,
                    Kind = result.Exception.ToString(),
                    Amount = Money.ToUnits(result.Line.Amount),
                    CustomerId = result.Allocations.Count > 0 ? result.Allocations[0].Receivable.CustomerId : null,
                    RunId = runId,
                    Now = now,
                });
            }
        }

        connection.Execute(
            "UPDATE statement_line SET status = @Status, rule = @Rule, confidence = @Confidence, difference = @Difference, explanation = @Explanation, run_id = @RunId, updated_at = @Now WHERE id = @Id",
            updates,
            transaction);
        connection.Execute(
            """
            INSERT INTO allocation (line_id, receivable_id, amount, status, rule, confidence, run_id, created_by, created_at)
            VALUES (@LineId, @ReceivableId, @Amount, @Status, @Rule, @Confidence, @RunId, @Actor, @Now)
            """,
            allocations,
            transaction);
        connection.Execute(
            """
            INSERT INTO match_exception (line_id, kind, amount, customer_id, run_id, created_at)
            SELECT @LineId, @Kind, @Amount, @CustomerId, @RunId, @Now
            WHERE NOT EXISTS (SELECT 1 FROM match_exception WHERE line_id = @LineId AND kind = @Kind)
            """,
            exceptions,
            transaction);
        Audit(
            connection,
            transaction,
            actor,
            "match",
            "match_run",
            runId.ToString(CultureInfo.InvariantCulture),
            null,
            string.Create(CultureInfo.InvariantCulture, $"{{\"lines\":{run.Results.Count},\"allocations\":{allocations.Count},\"exceptions\":{exceptions.Count}}}"),
            null);
        transaction.Commit();
        return runId;
    }

    /// <summary>The status of an allocation a run applied.</summary>
    public const string AutoStatus = "auto";

    /// <summary>The status of a ranked candidate of a suggested line (not applied).</summary>
    public const string CandidateStatus = "candidate";

    /// <summary>The status of an allocation a person confirmed or made.</summary>
    public const string ConfirmedStatus = "confirmed";

    /// <summary>The status of an allocation a person rejected or undid (kept for the record, no longer applied).</summary>
    public const string RejectedStatus = "rejected";

    /// <summary>
    /// Takes <paramref name="units"/> off a receivable's open amount only if that much is open, in one statement,
    /// so concurrent writers can never allocate more than the open amount.
    /// </summary>
    private static void Apply(DbConnection connection, DbTransaction transaction, long receivableId, long units, string now)
    {
        var changed = connection.Execute(
            """
            UPDATE receivable SET open_amount = open_amount - @Units,
                status = CASE WHEN open_amount - @Units = 0 THEN 'paid' ELSE status END, updated_at = @Now
            WHERE id = @Id AND open_amount >= @Units
            """,
            new { Id = receivableId, Units = units, Now = now },
            transaction);
        if (changed != 1)
        {
            throw new LedgerConflictException(string.Create(
                CultureInfo.InvariantCulture,
                $"receivable {receivableId} no longer has {Money.FromUnits(units):0.00##} open (another run or a person allocated to it since this run read the ledger); nothing was saved, run again"));
        }
    }

    /// <summary>Stored lines matching a condition on <c>l</c> (statement_line) joined with their file's name, in file and row order.</summary>
    internal static List<StoredLine> Lines(DbConnection connection, DbTransaction? transaction, string where, object parameters) =>
        [.. connection.Query<LineView>(
            $"""
            SELECT l.id, f.name AS FileName, l.row_number AS RowNumber, l.bank_ref AS BankRef, l.booking_date AS BookingDate, l.value_date AS ValueDate,
                l.booking_time AS BookingTime, l.amount, l.currency, l.payer_name AS PayerName, l.payer_account AS PayerAccount, l.memo, l.neutral,
                l.status, l.duplicate_of AS DuplicateOf
            FROM statement_line l JOIN statement_file f ON f.id = l.file_id
            WHERE {where}
            ORDER BY l.file_id, l.row_number
            """,
            parameters,
            transaction).Select(v => v.ToStored())];

    internal sealed class LineView
    {
        public long Id { get; init; }

        public string FileName { get; init; } = "";

        public int RowNumber { get; init; }

        public string BankRef { get; init; } = "";

        public string BookingDate { get; init; } = "";

        public string? ValueDate { get; init; }

        public string? BookingTime { get; init; }

        public long Amount { get; init; }

        public string Currency { get; init; } = "";

        public string PayerName { get; init; } = "";

        public string PayerAccount { get; init; } = "";

        public string Memo { get; init; } = "";

        public bool Neutral { get; init; }

        public string Status { get; init; } = "";

        public long? DuplicateOf { get; init; }

        public StoredLine ToStored() => new(
            Id,
            new StatementLine(
                FileName,
                RowNumber,
                BankRef,
                DateOnly.ParseExact(BookingDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Money.FromUnits(Amount),
                Currency,
                PayerName,
                PayerAccount,
                Memo)
            {
                ValueDate = ValueDate is null ? null : DateOnly.ParseExact(ValueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Time = BookingTime is null ? null : TimeOnly.ParseExact(BookingTime, "HH:mm:ss", CultureInfo.InvariantCulture),
                Neutral = Neutral,
            },
            Status,
            DuplicateOf);
    }
}
