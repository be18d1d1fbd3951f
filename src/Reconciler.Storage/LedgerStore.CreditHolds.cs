using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    private const string HoldSelect =
        """
        SELECT h.id, h.hold_key AS HoldKey, h.customer_id AS CustomerId, c.name AS CustomerName, h.receivable_id AS ReceivableId,
            h.contract_no AS ContractNo, h.reason, h.orders, h.orders_left AS OrdersLeft, h.rule_name AS RuleName,
            h.rule_set_version AS RuleSetVersion, h.opened_at AS OpenedAt, h.opened_by AS OpenedBy, h.released_at AS ReleasedAt,
            h.released_by AS ReleasedBy, h.release_reason AS ReleaseReason
        FROM credit_hold h JOIN customer c ON c.id = h.customer_id
        """;

    /// <summary>Credit holds, newest first: those in force, or all when <paramref name="includeReleased"/>.</summary>
    public IReadOnlyList<StoredCreditHold> ListCreditHolds(bool includeReleased)
    {
        using var connection = Open();
        return [.. connection.Query<HoldRow>($"{HoldSelect}{(includeReleased ? "" : " WHERE h.released_at IS NULL")} ORDER BY h.id DESC").Select(h => h.ToStored())];
    }

    /// <summary>
    /// Releases a hold in force by hand, audited with who and why. Releasing it again changes nothing: the outcome
    /// says so, with when, by whom and why it was released.
    /// </summary>
    /// <exception cref="ReviewException">No such hold, or no name of who releases it; nothing was saved.</exception>
    /// <exception cref="LedgerConflictException">Someone else released it while this ran; nothing was saved.</exception>
    public CreditHoldRelease ReleaseCreditHold(long id, string by, string note)
    {
        ReviewSteps.Reviewer(by);
        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var before = ReadHold(connection, transaction, id)
            ?? throw new ReviewException(string.Create(CultureInfo.InvariantCulture, $"there is no credit hold {id} in the ledger; the list of credit holds shows their ids"));
        if (before.ReleasedAt is { } at)
        {
            transaction.Commit();
            return new CreditHoldRelease(before, false, string.Create(CultureInfo.InvariantCulture, $"credit hold {id} ({before.Key}, customer {before.CustomerId} {before.CustomerName}) was released already, on {at} by {before.ReleasedBy}: {before.ReleaseReason}; nothing changed"));
        }

        var reason = string.IsNullOrWhiteSpace(note) ? $"released by hand by {by}" : note.Trim();
        if (!MarkReleased(connection, transaction, id, now, by, reason))
        {
            throw new LedgerConflictException(string.Create(CultureInfo.InvariantCulture, $"credit hold {id} was released by someone else while this ran; nothing was saved: look at it again"));
        }

        var after = ReadHold(connection, transaction, id)!;
        Audit(connection, transaction, by, "release", "credit_hold", ReviewSteps.Id(id), State(before), State(after), note);
        transaction.Commit();
        return new CreditHoldRelease(after, true, $"credit hold #{after.Id.ToString(CultureInfo.InvariantCulture)} on {after.CustomerId} ({after.CustomerName}) released by {after.ReleasedBy}: {after.ReleaseReason}");
    }

    /// <summary>
    /// Marks hold <paramref name="id"/> released, if it is still in force; false when it is not (released already,
    /// perhaps by someone else since the caller read it: its transaction then waits for theirs and finds no row).
    /// </summary>
    private static bool MarkReleased(DbConnection connection, DbTransaction transaction, long id, string now, string by, string reason) =>
        connection.Execute(
            "UPDATE credit_hold SET released_at = @Now, released_by = @By, release_reason = @Reason WHERE id = @Id AND released_at IS NULL",
            new { Now = now, By = by, Reason = reason, Id = id },
            transaction) == 1;

    private static StoredCreditHold? ReadHold(DbConnection connection, DbTransaction transaction, long id) =>
        connection.QueryFirstOrDefault<HoldRow>($"{HoldSelect} WHERE h.id = @Id", new { Id = id }, transaction)?.ToStored();

    /// <summary>A row of <c>credit_hold</c> with its customer's name.</summary>
    private sealed class HoldRow
    {
        public long Id { get; init; }

        public string HoldKey { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long? ReceivableId { get; init; }

        public string ContractNo { get; init; } = "";

        public string Reason { get; init; } = "";

        public int Orders { get; init; }

        public int OrdersLeft { get; init; }

        public string RuleName { get; init; } = "";

        public string RuleSetVersion { get; init; } = "";

        public string OpenedAt { get; init; } = "";

        public string OpenedBy { get; init; } = "";

        public string? ReleasedAt { get; init; }

        public string? ReleasedBy { get; init; }

        public string? ReleaseReason { get; init; }

        public StoredCreditHold ToStored() => new()
        {
            Id = Id,
            Key = HoldKey,
            CustomerId = CustomerId,
            CustomerName = CustomerName,
            ReceivableId = ReceivableId,
            ContractNo = ContractNo,
            Reason = Reason,
            Orders = Orders,
            OrdersLeft = OrdersLeft,
            Rule = RuleName,
            RuleSetVersion = RuleSetVersion,
            OpenedAt = OpenedAt,
            OpenedBy = OpenedBy,
            ReleasedAt = ReleasedAt,
            ReleasedBy = ReleasedBy,
            ReleaseReason = ReleaseReason,
        };
    }
}
