namespace Reconciler.Files;

/// <summary>
/// Where a receivables file keeps each field of a <see cref="Domain.Receivable"/>: the header names (matched
/// trimmed and without case, in any order), the delimiter and the date formats. <see cref="Default"/> is the
/// layout this project writes; configuration can supply another.
/// </summary>
public sealed record ReceivableColumns
{
    /// <summary>
    /// The default columns <c>contract_no, customer_id, customer_name, amount, currency, issue_date, due_date,
    /// sales_owner</c>, comma-delimited, ISO dates.
    /// </summary>
    public static ReceivableColumns Default { get; } = new();

    /// <summary>The contract number column. Required, never empty.</summary>
    public string ContractNo { get; init; } = "contract_no";

    /// <summary>The customer id column. Required, never empty.</summary>
    public string CustomerId { get; init; } = "customer_id";

    /// <summary>The customer name column. Required, never empty.</summary>
    public string CustomerName { get; init; } = "customer_name";

    /// <summary>The open amount column: an invariant decimal, optional leading minus, no thousands separators. Required.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>The currency column. Required; an empty value takes the reader's default currency.</summary>
    public string Currency { get; init; } = "currency";

    /// <summary>The issue date column. Required.</summary>
    public string IssueDate { get; init; } = "issue_date";

    /// <summary>The due date column. Required.</summary>
    public string DueDate { get; init; } = "due_date";

    /// <summary>The sales owner column. Optional: when the file has no such column, or <see langword="null"/>, every owner is empty.</summary>
    public string? SalesOwner { get; init; } = "sales_owner";

    /// <summary>The field delimiter (ASCII).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The date formats of the date columns, tried in order (invariant culture); writers use the first.</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd"];
}
