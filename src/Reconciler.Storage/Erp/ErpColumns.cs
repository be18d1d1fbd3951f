namespace Reconciler.Storage.Erp;

/// <summary>
/// The column of the ERP query's result that holds each receivable field, matched trimmed and case-insensitively
/// (<c>合同编号</c>, <c>应收金额</c>…). The field names and defaults are those of the receivables file's column map, so a
/// query that aliases its columns <c>contract_no, customer_id, …</c> needs no mapping at all.
/// </summary>
public sealed record ErpColumns
{
    /// <summary>The generic names: <c>contract_no, customer_id, customer_name, amount, currency, issue_date, due_date, sales_owner</c>, no status.</summary>
    public static ErpColumns Default { get; } = new();

    /// <summary>Contract number. Required, never empty.</summary>
    public string ContractNo { get; init; } = "contract_no";

    /// <summary>Customer id; null when the result has none (the customer name stands in).</summary>
    public string? CustomerId { get; init; } = "customer_id";

    /// <summary>Customer name. Required, never empty.</summary>
    public string CustomerName { get; init; } = "customer_name";

    /// <summary>The receivable's amount (what the ledger's allocations are taken from). Required.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>Currency; null when the result has none (every receivable in the default currency). An empty value takes the default.</summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>Issue (invoice) date; null when the result has none (the due date stands in).</summary>
    public string? IssueDate { get; init; } = "issue_date";

    /// <summary>Due date. Required, never empty.</summary>
    public string DueDate { get; init; } = "due_date";

    /// <summary>Sales owner; never required: when the result has no such column, owners are empty.</summary>
    public string? SalesOwner { get; init; } = "sales_owner";

    /// <summary>The ERP's status of the receivable; null when the result has none (every row is open).</summary>
    public string? Status { get; init; }
}
