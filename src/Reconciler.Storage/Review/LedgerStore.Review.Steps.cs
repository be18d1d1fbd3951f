using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The steps the review operations share: reading and claiming a line, finding receivables, moving open
    /// amounts, learning links, the audit states and the sentences. Nested, so its names stay out of the store's.
    /// </summary>
    internal static partial class ReviewSteps
    {
        internal const string AllocationSelect =
            """
            SELECT a.id, a.line_id AS LineId, a.receivable_id AS ReceivableId, a.amount, a.status, a.match_rule AS "Rule", a.confidence,
                r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName, r.currency, r.open_amount AS OpenAmount
            FROM allocation a JOIN statement_line l ON l.id = a.line_id JOIN receivable r ON r.id = a.receivable_id JOIN customer c ON c.id = r.customer_id
            """;

        internal const string ReceivableSelect =
            """
            SELECT r.id, r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName, r.amount, r.open_amount AS OpenAmount,
                r.currency, r.issue_date AS IssueDate, r.due_date AS DueDate, r.sales_owner AS SalesOwner, r.status
            FROM receivable r JOIN customer c ON c.id = r.customer_id
            """;

        internal static void Reviewer(string by)
        {
            if (string.IsNullOrWhiteSpace(by))
            {
                throw new ReviewException("a review needs the reviewer's name");
            }
        }

        internal static LineRow ReadLine(DbConnection connection, DbTransaction transaction, long lineId) =>
            connection.QueryFirstOrDefault<LineRow>(
                """
                SELECT id, amount, currency, payer_name AS PayerName, payer_account AS PayerAccount, neutral, not_booked AS NotBooked, status, match_rule AS "Rule",
                    duplicate_of AS DuplicateOf, updated_at AS UpdatedAt
                FROM statement_line WHERE id = @Id
                """,
                new { Id = lineId },
                transaction)
            ?? throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"there is no line {lineId} in the ledger; review list shows the line ids"));

        /// <summary>
        /// Takes the line for this operation: fails with a <see cref="LedgerConflictException"/> when a run or another
        /// reviewer changed it since it was read.
        /// </summary>
        internal static void Claim(DbConnection connection, DbTransaction transaction, LineRow line, string now)
        {
            var claimed = connection.Execute(
                "UPDATE statement_line SET updated_at = @Now WHERE id = @Id AND status = @Status AND updated_at = @UpdatedAt",
                new { Now = now, line.Id, line.Status, line.UpdatedAt },
                transaction);
            if (claimed != 1)
            {
                throw new LedgerConflictException(string.Create(CultureInfo.InvariantCulture, $"line {line.Id} changed while this ran (a run or another reviewer); nothing was saved: look at it again"));
            }
        }

        internal static List<AllocationRow> ReadAllocations(DbConnection connection, DbTransaction transaction, string where, object parameters) =>
            [.. connection.Query<AllocationRow>($"{AllocationSelect} WHERE {where} ORDER BY a.id", parameters, transaction)];

        internal static List<AllocationRow> LineAllocations(DbConnection connection, DbTransaction transaction, long lineId, string status) =>
            ReadAllocations(connection, transaction, "a.line_id = @Line AND a.status = @Status", new { Line = lineId, Status = status });

        /// <summary>
        /// The allocations applied to a line: every one that is neither a candidate nor rejected (automatic,
        /// confirmed, and any other kind a run applies to the open amount, such as a settled tolerance difference).
        /// </summary>
        internal static List<AllocationRow> Applied(DbConnection connection, DbTransaction transaction, long lineId) =>
            ReadAllocations(connection, transaction, "a.line_id = @Line AND a.status <> @Candidate AND a.status <> @Rejected", new { Line = lineId, Candidate = CandidateStatus, Rejected = RejectedStatus });

        /// <summary>What of the line's amount its allocations use: automatic and confirmed ones (not a settled difference, which the payment did not pay).</summary>
        internal static long Paid(List<AllocationRow> applied) =>
            applied.Where(a => a.Status is AutoStatus or ConfirmedStatus).Sum(a => a.Amount);

        /// <summary>
        /// Some allocations of a line by id, as they stand now. (Filtered here rather than with a list parameter,
        /// which Dapper expands for SQLite and SQL Server but hands to Npgsql as one array; a line has few rows.)
        /// </summary>
        internal static List<AllocationRow> Allocations(DbConnection connection, DbTransaction transaction, long lineId, IEnumerable<long> ids)
        {
            var wanted = ids.ToHashSet();
            return ReadAllocations(connection, transaction, "a.line_id = @Line", new { Line = lineId }).FindAll(a => wanted.Contains(a.Id));
        }

        /// <summary>
        /// When a person's decision on the line is asked for again: the line's allocations a person made (confirmed
        /// ones) that already give each receivable of <paramref name="wanted"/> (with the same amount, where one is
        /// given; all of them when none is named); null when the request asks for something the line does not have.
        /// </summary>
        internal static List<AllocationRow>? AlreadyApplied(DbConnection connection, DbTransaction transaction, long lineId, IReadOnlyList<ManualAllocation> wanted)
        {
            var confirmed = LineAllocations(connection, transaction, lineId, ConfirmedStatus);
            if (confirmed.Count == 0)
            {
                return null;
            }

            if (wanted.Count == 0)
            {
                return confirmed;
            }

            var same = new List<AllocationRow>();
            foreach (var allocation in wanted)
            {
                var receivable = Resolve(connection, transaction, allocation.Receivable);
                var units = allocation.Amount is { } amount ? Units(amount, Name(receivable)) : (long?)null;
                if (confirmed.Find(a => a.ReceivableId == receivable.Id && (units is null || a.Amount == units)) is not { } found)
                {
                    return null;
                }

                same.Add(found);
            }

            return same;
        }

        /// <summary>
        /// When <c>review match</c> asks again for what a person matched the line to: <see cref="AlreadyApplied"/>,
        /// where a receivable named without an amount counts only when the line has nothing left or the receivable
        /// nothing open (else the request means "the rest to it", which is new); null when the request is new.
        /// </summary>
        internal static List<AllocationRow>? RepeatedMatch(DbConnection connection, DbTransaction transaction, LineRow line, IReadOnlyList<ManualAllocation> wanted)
        {
            if (wanted.Count == 0 || AlreadyApplied(connection, transaction, line.Id, wanted) is not { } same)
            {
                return null;
            }

            var left = line.Amount - Paid(Applied(connection, transaction, line.Id));
            return wanted.Select((w, i) => w.Amount is not null || left <= 0 || same[i].OpenAmount == 0).All(repeat => repeat) ? same : null;
        }

        /// <summary>The candidates named, in rank order; each must be a candidate of the line.</summary>
        internal static List<AllocationRow> Chosen(DbConnection connection, DbTransaction transaction, long lineId, List<AllocationRow> candidates, IReadOnlyList<string> receivables)
        {
            var ids = new HashSet<long>();
            foreach (var reference in receivables)
            {
                var receivable = Resolve(connection, transaction, reference);
                if (!candidates.Exists(c => c.ReceivableId == receivable.Id))
                {
                    throw new ReviewException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{Name(receivable)} is not a candidate of line {lineId} (its candidates: {string.Join(", ", candidates.Select(Name))}); allocate it by hand: review match {lineId} {receivable.ContractNo}"));
                }

                ids.Add(receivable.Id);
            }

            return candidates.FindAll(c => ids.Contains(c.ReceivableId));
        }

        /// <summary>
        /// The receivable a person names: by contract number (as written, else by its normalised key), or by ledger id
        /// (<c>#ID</c> for the id alone). A name that fits two receivables is refused with both.
        /// </summary>
        internal static ReceivableRow Resolve(DbConnection connection, DbTransaction transaction, string reference)
        {
            var text = reference?.Trim() ?? "";
            var idOnly = text.StartsWith('#');
            var found = new List<ReceivableRow>();
            if (!idOnly && text.Length > 0)
            {
                found.AddRange(connection.Query<ReceivableRow>($"{ReceivableSelect} WHERE r.contract_no = @Text ORDER BY r.id", new { Text = text }, transaction));
                if (found.Count == 0 && ContractKey.Normalize(text) is { Length: > 0 } key)
                {
                    found.AddRange(connection.Query<ReceivableRow>($"{ReceivableSelect} WHERE r.contract_key = @Key ORDER BY r.id", new { Key = key }, transaction));
                }
            }

            if (long.TryParse(idOnly ? text[1..] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && found.TrueForAll(r => r.Id != id)
                && connection.QueryFirstOrDefault<ReceivableRow>($"{ReceivableSelect} WHERE r.id = @Id", new { Id = id }, transaction) is { } byId)
            {
                found.Add(byId);
            }

            return found.Count switch
            {
                1 => found[0],
                0 when text.Length == 0 => throw new ReviewException("a receivable was named by an empty text; give a contract number or a ledger id"),
                0 => throw new ReviewException(idOnly
                    ? $"there is no receivable with ledger id {text[1..]}"
                    : $"there is no receivable {text} in the ledger (give a contract number, or a ledger id as #ID)"),
                _ => throw new ReviewException(
                    $"\"{text}\" could be {string.Join(" or ", found.Select(r => $"{Name(r)} of {r.CustomerId} {r.CustomerName}"))}; name one by its ledger id, e.g. #{found[0].Id.ToString(CultureInfo.InvariantCulture)}"),
            };
        }

        /// <summary>Takes an amount off a receivable's open amount through the run's conditional update, with a message a reviewer can act on.</summary>
        internal static void Take(DbConnection connection, DbTransaction transaction, long receivableId, string name, long units, string now)
        {
            var (open, status) = connection.QueryFirstOrDefault<(long Open, string Status)>("SELECT open_amount, status FROM receivable WHERE id = @Id", new { Id = receivableId }, transaction);
            if (status is not null && status != OpenStatus)
            {
                throw new ReviewException($"{name} is {status} in the ledger, so nothing can be allocated to it; nothing was saved");
            }

            if (open < units)
            {
                throw new ReviewException($"{name} has {Shown(open)} open, less than the {Shown(units)} to allocate; nothing was saved");
            }

            try
            {
                Apply(connection, transaction, receivableId, units, now);
            }
            catch (LedgerConflictException problem)
            {
                throw new LedgerConflictException($"{name} was allocated by someone else while this ran; nothing was saved: look at it again", problem);
            }
        }

        /// <summary>
        /// Gives an undone allocation's amount back to the receivable's open amount; a receivable the ledger had paid is
        /// open again, one the ERP says is paid stays paid (the ERP knows of a payment the ledger does not). A receivable
        /// its source lowered below what was allocated (its amount kept at that, the source's in <c>source_amount</c>)
        /// goes back to the source's amount, no further: what stays allocated is kept, and open is only what the source
        /// says is left.
        /// </summary>
        internal static void GiveBack(DbConnection connection, DbTransaction transaction, long receivableId, string name, long units, string now)
        {
            var changed = connection.Execute(
                """
                UPDATE receivable SET
                    amount = CASE WHEN source_amount IS NULL THEN amount
                        WHEN source_amount > amount - open_amount - @Units THEN source_amount ELSE amount - open_amount - @Units END,
                    open_amount = CASE WHEN source_amount IS NULL THEN open_amount + @Units
                        WHEN source_amount > amount - open_amount - @Units THEN source_amount - (amount - open_amount - @Units) ELSE 0 END,
                    source_amount = CASE WHEN source_amount < amount - open_amount - @Units THEN source_amount ELSE NULL END,
                    status = CASE WHEN status = @Paid AND (erp_status IS NULL OR erp_status <> @Paid)
                        AND (source_amount IS NULL OR source_amount > amount - open_amount - @Units) THEN @Open ELSE status END,
                    updated_at = @Now
                WHERE id = @Id AND open_amount + @Units <= amount
                """,
                new { Id = receivableId, Units = units, Paid = PaidStatus, Open = OpenStatus, Now = now },
                transaction);
            if (changed != 1)
            {
                throw new ReviewException($"{name} cannot take {Shown(units)} back: it would be more open than its amount; nothing was saved");
            }
        }

        /// <summary>Learns the line's payer (account and name) as each customer's, where not known yet; returns the links added.</summary>
        internal static List<PayerLink> Learn(DbConnection connection, DbTransaction transaction, LineRow line, IEnumerable<string> customerIds, string by, string now)
        {
            var learned = new List<PayerLink>();
            if (string.IsNullOrWhiteSpace(line.PayerAccount) && string.IsNullOrWhiteSpace(line.PayerName))
            {
                return learned;
            }

            foreach (var customer in customerIds.Distinct(StringComparer.Ordinal))
            {
                var added = connection.Execute(
                    """
                    INSERT INTO customer_alias (customer_id, payer_account, payer_name, learned_from_line, created_by, created_at)
                    SELECT @Customer, @Account, @Name, @Line, @By, @Now
                    WHERE NOT EXISTS (SELECT 1 FROM customer_alias WHERE customer_id = @Customer AND payer_account = @Account AND payer_name = @Name)
                    """,
                    new { Customer = customer, Account = line.PayerAccount, Name = line.PayerName, Line = line.Id, By = by, Now = now },
                    transaction);
                if (added == 1)
                {
                    learned.Add(new PayerLink(line.PayerAccount, line.PayerName, customer));
                }
            }

            return learned;
        }

        /// <summary>
        /// Forgets the links learned from a line whose allocations were undone, unless another line's confirmed
        /// allocation (same payer, same customer) teaches the link too: then that line is recorded as its source.
        /// </summary>
        internal static List<PayerLink> Forget(DbConnection connection, DbTransaction transaction, long lineId)
        {
            var forgotten = new List<PayerLink>();
            var aliases = connection.Query<(long Id, string Customer, string Account, string Name)>(
                "SELECT id, customer_id, payer_account, payer_name FROM customer_alias WHERE learned_from_line = @Line ORDER BY id",
                new { Line = lineId },
                transaction).ToList();
            foreach (var alias in aliases)
            {
                var other = connection.ExecuteScalar<long?>(
                    """
                    SELECT MIN(l.id) FROM statement_line l
                    JOIN allocation a ON a.line_id = l.id JOIN receivable r ON r.id = a.receivable_id
                    WHERE a.status = @Confirmed AND l.id <> @Line AND r.customer_id = @Customer AND l.payer_account = @Account AND l.payer_name = @Name
                    """,
                    new { Confirmed = ConfirmedStatus, Line = lineId, alias.Customer, alias.Account, alias.Name },
                    transaction);
                if (other is { } source)
                {
                    connection.Execute("UPDATE customer_alias SET learned_from_line = @Source WHERE id = @Id", new { Source = source, alias.Id }, transaction);
                }
                else
                {
                    connection.Execute("DELETE FROM customer_alias WHERE id = @Id", new { alias.Id }, transaction);
                    forgotten.Add(new PayerLink(alias.Account, alias.Name, alias.Customer));
                }
            }

            return forgotten;
        }

        internal static void Decide(DbConnection connection, DbTransaction transaction, long lineId, string status, string rule, double confidence, long difference, string explanation, string now) =>
            connection.Execute(
                "UPDATE statement_line SET status = @Status, match_rule = @Rule, confidence = @Confidence, difference = @Difference, explanation = @Explanation, updated_at = @Now WHERE id = @Id",
                new { Id = lineId, Status = status, Rule = rule, Confidence = confidence, Difference = difference, Explanation = explanation, Now = now },
                transaction);

        /// <summary>
        /// A person decided the line: its exceptions are resolved. When open amounts moved, the receivables version
        /// moves too, so the next run decides the waiting lines again against what is open now.
        /// </summary>
        /// <summary>
        /// After a person undid line <paramref name="lineId"/>'s allocations to <paramref name="receivables"/>: the
        /// <see cref="ExceptionKind.ReceivableLowered"/> exceptions other lines hold on those of them that are no longer
        /// paid beyond the amount their source gives are resolved (the over-payment they report is gone, and no sync would
        /// see a lowering again to resolve them). The give-back (<see cref="GiveBack"/>) has cleared <c>source_amount</c>
        /// of a receivable it brought back to its source's amount. Returns the contracts and lines resolved.
        /// </summary>
        internal static List<(string ContractNo, long LineId)> ResolveLoweredNoLongerOver(DbConnection connection, DbTransaction transaction, long lineId, IEnumerable<long> receivables, string now)
        {
            var resolved = new List<(string ContractNo, long LineId)>();
            foreach (var receivable in receivables.Distinct())
            {
                var gone = connection.Query<(long Id, long LineId, string ContractNo)>(
                    """
                    SELECT e.id, e.line_id, r.contract_no FROM match_exception e JOIN receivable r ON r.id = e.receivable_id
                    WHERE e.kind = @Kind AND e.resolved_at IS NULL AND e.receivable_id = @Receivable AND e.line_id <> @Line
                        AND (r.source_amount IS NULL OR r.amount - r.open_amount <= r.source_amount)
                    ORDER BY e.id
                    """,
                    new { Kind = nameof(ExceptionKind.ReceivableLowered), Receivable = receivable, Line = lineId },
                    transaction).ToList();
                foreach (var exception in gone)
                {
                    connection.Execute("UPDATE match_exception SET resolved_at = @Now WHERE id = @Id", new { Now = now, exception.Id }, transaction);
                    resolved.Add((exception.ContractNo, exception.LineId));
                }
            }

            return resolved;
        }

        internal static void AfterDecision(DbConnection connection, DbTransaction transaction, long lineId, bool openAmountsChanged, string now)
        {
            connection.Execute(
                "UPDATE match_exception SET resolved_at = @Now WHERE line_id = @Line AND resolved_at IS NULL",
                new { Now = now, Line = lineId },
                transaction);
            if (openAmountsChanged)
            {
                connection.Execute("UPDATE ledger_state SET value = value + 1 WHERE name = 'receivables_version'", transaction: transaction);
            }
        }

        /// <summary><c>matched</c> when every receivable the line pays is settled, <c>partial</c> when one stays open.</summary>
        internal static string Settled(List<AllocationRow> allocations) =>
            (allocations.TrueForAll(a => a.OpenAmount == 0) ? MatchStatus.Matched : MatchStatus.Partial).ToName();

        internal static void Currency(LineRow line, string currency, string name)
        {
            if (!string.Equals(line.Currency, currency, StringComparison.Ordinal))
            {
                throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"{name} is in {currency} and line {line.Id} in {line.Currency}; the ledger does not convert currencies"));
            }
        }

        internal static long Units(decimal amount, string name)
        {
            if (amount <= 0)
            {
                throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"the amount for {name} must be more than zero; it is {amount}"));
            }

            try
            {
                return Money.ToUnits(amount);
            }
            catch (Exception problem) when (problem is ArgumentException or OverflowException)
            {
                throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"{amount} for {name}: the ledger keeps amounts up to 0.0001 and 922 trillion"), problem);
            }
        }
    }
}
