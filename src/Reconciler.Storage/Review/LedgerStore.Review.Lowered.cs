using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// <c>review confirm</c> on a decided line (not suggested) that holds a <see cref="ExceptionKind.ReceivableLowered"/>
    /// exception: the person says the match is right and the customer really paid more than the source now gives (finance
    /// keeps the excess as a credit). Each open one (of the receivables named, or all) is resolved and the acknowledgement
    /// audited with the reviewer and the note; the allocations, the receivables, the line and its other exceptions stay as
    /// they are. With none open, but one resolved before whose allocation the line still holds, it is a repeat: nothing
    /// changes, and the outcome says so. Null when the line holds no such exception (of the receivables named): the
    /// request is an ordinary confirmation.
    /// </summary>
    /// <remarks>
    /// A resolved exception is no longer a fact for the rules, so it is neither alerted nor escalated again. It holds no
    /// credit hold of its own: the lowered receivable is paid (nothing of it is open), so a hold on it for another cause is
    /// released by the rules as for any paid receivable. A sync that gives the same lowered amount again does not re-open
    /// it; a further lowering does (see <see cref="RaiseLowered"/>).
    /// </remarks>
    private ReviewOutcome? AcknowledgeLowered(
        DbConnection connection,
        DbTransaction transaction,
        ReviewSteps.LineRow line,
        IReadOnlyList<string>? receivables,
        string by,
        string? note,
        string now)
    {
        var raised = connection.Query<LoweredException>(
            $"""
            SELECT e.id, e.receivable_id AS ReceivableId, e.amount AS Excess, e.resolved_at AS ResolvedAt,
                r.contract_no AS ContractNo, r.customer_id AS CustomerId, r.currency, r.amount - r.open_amount AS Paid, r.source_amount AS SourceAmount,
                CASE WHEN EXISTS (SELECT 1 FROM allocation a WHERE a.line_id = e.line_id AND a.receivable_id = e.receivable_id
                    AND a.status IN ({AppliedStatusList}) AND a.ended_at IS NULL) THEN 1 ELSE 0 END AS Allocated
            FROM match_exception e JOIN receivable r ON r.id = e.receivable_id
            WHERE e.line_id = @Line AND e.kind = @Kind
            ORDER BY e.id
            """,
            new { Line = line.Id, Kind = nameof(ExceptionKind.ReceivableLowered) },
            transaction).ToList();
        if (raised.Count > 0 && receivables is { Count: > 0 })
        {
            var named = receivables.Select(r => (Name: r.Trim(), ReviewSteps.Resolve(connection, transaction, r).Id)).ToList();
            var ids = named.Select(n => n.Id).ToHashSet();
            var notLowered = named.FindAll(n => !raised.Exists(e => e.ReceivableId == n.Id));
            if (notLowered.Count > 0)
            {
                // A receivable named that this line holds no lowered exception of: a repeat of the person's own
                // confirmation is said as such; otherwise acknowledging only the others (or telling the clerk the line is
                // not suggested) would hide the wrong name.
                if (line.Rule == ConfirmedByReviewerRule
                    && ReviewSteps.AlreadyApplied(connection, transaction, line.Id, [.. receivables.Select(r => new ManualAllocation(r))]) is not null)
                {
                    return null;
                }

                var lowered = string.Join(", ", raised.Select(e => e.ContractNo).Distinct(StringComparer.Ordinal));
                throw new ReviewException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"line {line.Id} holds no lowered receivable's exception for {string.Join(", ", notLowered.Select(n => n.Name))}: its lowered receivables are {lowered}; name those (or none) to acknowledge their over-payment; nothing was saved"));
            }

            raised = raised.FindAll(e => ids.Contains(e.ReceivableId));
        }

        var open = raised.FindAll(e => e.ResolvedAt is null);
        if (open.Count == 0)
        {
            var before = raised.FindAll(e => e.Allocated == 1);
            if (before.Count == 0)
            {
                return null;
            }

            var each = string.Join("; ", before.Select(e => $"the over-payment on contract {e.ContractNo} (excess of {WithCurrency(e.Over, e.Currency)}) was resolved before, on {e.ResolvedAt}"));
            return new ReviewOutcome(line.Id, false, line.Status, string.Create(CultureInfo.InvariantCulture, $"line {line.Id}: {each}: nothing changed"))
            {
                Acknowledged = [.. before.Select(e => e.ToAcknowledged())],
            };
        }

        ReviewSteps.Claim(connection, transaction, line, now);
        foreach (var exception in open)
        {
            // Only as it was read: a sync that lowered the receivable further (a new excess) in between, on a server
            // database, makes this a conflict rather than an acknowledgement of figures the person did not see.
            var resolved = connection.Execute(
                "UPDATE match_exception SET resolved_at = @Now WHERE id = @Id AND resolved_at IS NULL AND amount = @Excess",
                new { Now = now, exception.Id, exception.Excess },
                transaction);
            if (resolved != 1)
            {
                throw new LedgerConflictException(string.Create(CultureInfo.InvariantCulture, $"line {line.Id} changed while this ran (a run, a sync or another reviewer); nothing was saved: look at it again"));
            }
        }

        var acknowledged = open.ConvertAll(e => e.ToAcknowledged());
        var explanation = $"over-payment acknowledged by {by}: {string.Join("; ", open.Select(Describe))}{ReviewSteps.Noted(note)}";
        Audit(connection, transaction, by, "acknowledge", "statement_line", ReviewSteps.Id(line.Id), ReviewSteps.LoweredState(line.Status, open, resolved: false), ReviewSteps.LoweredState(line.Status, open, resolved: true), note);
        return new ReviewOutcome(line.Id, true, line.Status, explanation) { Acknowledged = acknowledged };

        static string Describe(LoweredException e) => e.SourceAmount is { } source
            ? $"contract {e.ContractNo} of customer {e.CustomerId} is {WithCurrency(source, e.Currency)} in its source, {WithCurrency(e.Paid, e.Currency)} was paid: the excess of {WithCurrency(e.Over, e.Currency)} stays allocated, kept as the customer's credit"
            : $"contract {e.ContractNo} of customer {e.CustomerId}: the excess of {WithCurrency(e.Excess, e.Currency)} recorded when its source lowered it stays allocated (the source no longer gives less than the {WithCurrency(e.Paid, e.Currency)} paid)";

        static string WithCurrency(long units, string currency) => $"{ReviewSteps.Shown(units)} {currency}";
    }

    internal static partial class ReviewSteps
    {
        /// <summary>A line's lowered-receivable exceptions for the audit log, before (open) or after (acknowledged) a person acknowledged them.</summary>
        internal static string LoweredState(string status, List<LoweredException> exceptions, bool resolved) =>
            JsonSerializer.Serialize(
                new
                {
                    status,
                    lowered = exceptions.Select(e => new
                    {
                        receivable = e.ReceivableId,
                        contract = e.ContractNo,
                        source_amount = e.SourceAmount is { } source ? Money.FromUnits(source) : (decimal?)null,
                        paid = Money.FromUnits(e.Paid),
                        excess = Money.FromUnits(e.Over),
                        state = resolved ? "acknowledged" : "open",
                    }).ToArray(),
                },
                StateJson);
    }

    /// <summary>A <see cref="ExceptionKind.ReceivableLowered"/> exception of a line with its receivable as it stands now.</summary>
    internal sealed class LoweredException
    {
        public long Id { get; init; }

        public long ReceivableId { get; init; }

        /// <summary>The excess the exception recorded: what was paid less the source's amount.</summary>
        public long Excess { get; init; }

        public string? ResolvedAt { get; init; }

        public string ContractNo { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string Currency { get; init; } = "";

        /// <summary>
        /// The excess as it stands: what is allocated now beyond the source's amount (less than the exception recorded
        /// once a person undid another line paying the receivable); the recorded one when the source no longer gives less.
        /// </summary>
        public long Over => SourceAmount is { } source && Paid > source ? Paid - source : Excess;

        /// <summary>What is allocated to the receivable now (its amount less its open amount).</summary>
        public long Paid { get; init; }

        public long? SourceAmount { get; init; }

        /// <summary>1 when the line still holds an applied allocation to the receivable.</summary>
        public int Allocated { get; init; }

        public AcknowledgedLowering ToAcknowledged() => new(
            ReceivableId,
            ContractNo,
            CustomerId,
            Currency,
            SourceAmount is { } source ? Money.FromUnits(source) : null,
            Money.FromUnits(Paid),
            Money.FromUnits(Over));
    }
}
