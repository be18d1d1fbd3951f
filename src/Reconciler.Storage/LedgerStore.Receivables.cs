using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Brings the ledger's receivables in line with a source (a file or the ERP), in one transaction. A receivable
    /// is known by its contract number and customer id. The source's amount is the receivable's amount; the open
    /// amount is that amount less what the ledger has allocated to it (automatic and confirmed allocations), so
    /// installments matched on different days keep adding up. Customers are added or renamed on the way.
    /// </summary>
    public ReceivableSync SyncReceivables(IReadOnlyList<Receivable> receivables, string source, string actor)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var now = Now();

        var customers = connection.Query<(string Id, string Name)>("SELECT id, name FROM customer", transaction: transaction)
            .ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        foreach (var customer in receivables.GroupBy(r => r.CustomerId, StringComparer.Ordinal).Select(g => g.First()))
        {
            if (!customers.TryGetValue(customer.CustomerId, out var name))
            {
                connection.Execute(
                    "INSERT INTO customer (id, name, created_at, updated_at) VALUES (@Id, @Name, @Now, @Now)",
                    new { Id = customer.CustomerId, Name = customer.CustomerName, Now = now },
                    transaction);
                customers[customer.CustomerId] = customer.CustomerName;
            }
            else if (!string.Equals(name, customer.CustomerName, StringComparison.Ordinal))
            {
                connection.Execute(
                    "UPDATE customer SET name = @Name, updated_at = @Now WHERE id = @Id",
                    new { Id = customer.CustomerId, Name = customer.CustomerName, Now = now },
                    transaction);
                customers[customer.CustomerId] = customer.CustomerName;
            }
        }

        var stored = connection.Query<ReceivableRow>(
            "SELECT id, contract_no AS ContractNo, customer_id AS CustomerId, amount, open_amount AS OpenAmount, currency, issue_date AS IssueDate, due_date AS DueDate, sales_owner AS SalesOwner, status FROM receivable",
            transaction: transaction).ToDictionary(r => (r.ContractNo, r.CustomerId));
        int added = 0, updated = 0, unchanged = 0;
        foreach (var receivable in receivables)
        {
            var amount = Money.ToUnits(receivable.Amount);
            if (!stored.TryGetValue((receivable.ContractNo, receivable.CustomerId), out var row))
            {
                connection.Execute(
                    """
                    INSERT INTO receivable (contract_no, contract_key, customer_id, amount, open_amount, currency, issue_date, due_date, sales_owner, status, source, created_at, updated_at)
                    VALUES (@ContractNo, @Key, @CustomerId, @Amount, @Amount, @Currency, @IssueDate, @DueDate, @SalesOwner, @Status, @Source, @Now, @Now)
                    """,
                    new
                    {
                        receivable.ContractNo,
                        receivable.Key,
                        receivable.CustomerId,
                        Amount = amount,
                        receivable.Currency,
                        IssueDate = Day(receivable.IssueDate),
                        DueDate = Day(receivable.DueDate),
                        receivable.SalesOwner,
                        Status = amount == 0 ? PaidStatus : OpenStatus,
                        Source = receivable.Source.Length > 0 ? receivable.Source : source,
                        Now = now,
                    },
                    transaction);
                stored[(receivable.ContractNo, receivable.CustomerId)] = new ReceivableRow { ContractNo = receivable.ContractNo, CustomerId = receivable.CustomerId };
                added++;
                continue;
            }

            if (row.Amount == amount && row.Currency == receivable.Currency && row.IssueDate == Day(receivable.IssueDate)
                && row.DueDate == Day(receivable.DueDate) && row.SalesOwner == receivable.SalesOwner)
            {
                unchanged++;
                continue;
            }

            var allocated = row.Amount - row.OpenAmount;
            var open = Math.Max(0, amount - allocated);
            connection.Execute(
                """
                UPDATE receivable SET amount = @Amount, open_amount = @Open, currency = @Currency, issue_date = @IssueDate, due_date = @DueDate,
                    sales_owner = @SalesOwner, status = @Status, updated_at = @Now
                WHERE id = @Id
                """,
                new
                {
                    row.Id,
                    Amount = Math.Max(amount, allocated),
                    Open = open,
                    receivable.Currency,
                    IssueDate = Day(receivable.IssueDate),
                    DueDate = Day(receivable.DueDate),
                    receivable.SalesOwner,
                    Status = open == 0 ? PaidStatus : OpenStatus,
                    Now = now,
                },
                transaction);
            Audit(
                connection,
                transaction,
                actor,
                "update",
                "receivable",
                row.Id.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{{\"amount\":{Money.FromUnits(row.Amount)},\"open\":{Money.FromUnits(row.OpenAmount)},\"due\":\"{row.DueDate}\"}}"),
                string.Create(CultureInfo.InvariantCulture, $"{{\"amount\":{receivable.Amount},\"open\":{Money.FromUnits(open)},\"due\":\"{Day(receivable.DueDate)}\"}}"),
                source);
            updated++;
        }

        var version = connection.ExecuteScalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'", transaction: transaction);
        if (added + updated > 0)
        {
            version++;
            connection.Execute("UPDATE ledger_state SET value = @Version WHERE name = 'receivables_version'", new { Version = version }, transaction);
            Audit(
                connection,
                transaction,
                actor,
                "sync",
                "receivables",
                source,
                null,
                string.Create(CultureInfo.InvariantCulture, $"{{\"added\":{added},\"updated\":{updated},\"unchanged\":{unchanged},\"version\":{version}}}"),
                null);
        }

        transaction.Commit();
        return new ReceivableSync(added, updated, unchanged, version);
    }

    /// <summary>The status of a receivable with an open amount.</summary>
    public const string OpenStatus = "open";

    /// <summary>The status of a receivable paid in full.</summary>
    public const string PaidStatus = "paid";

    internal sealed class ReceivableRow
    {
        public long Id { get; init; }

        public string ContractNo { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long Amount { get; init; }

        public long OpenAmount { get; init; }

        public string Currency { get; init; } = "";

        public string IssueDate { get; init; } = "";

        public string DueDate { get; init; } = "";

        public string SalesOwner { get; init; } = "";

        public string Status { get; init; } = "";
    }
}
