using Reconciler.Storage.Erp;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Receivables:Erp:Columns</c> settings: the column of the ERP query's result that holds each receivable field
/// (<c>合同编号</c>, <c>应收金额</c>…), matched trimmed and case-insensitively. The field names and defaults are those of
/// <c>Receivables:Columns</c>, plus <see cref="Status"/>.
/// </summary>
internal sealed class ErpColumnOptions
{
    /// <summary>Contract number. Required.</summary>
    public string? ContractNo { get; init; } = ErpColumns.Default.ContractNo;

    /// <summary>Customer id; empty or null when the result has none (the customer name stands in).</summary>
    public string? CustomerId { get; init; } = ErpColumns.Default.CustomerId;

    /// <summary>Customer name. Required.</summary>
    public string? CustomerName { get; init; } = ErpColumns.Default.CustomerName;

    /// <summary>The receivable's amount. Required.</summary>
    public string? Amount { get; init; } = ErpColumns.Default.Amount;

    /// <summary>Currency; empty or null when the result has none (every receivable in the default currency).</summary>
    public string? Currency { get; init; } = ErpColumns.Default.Currency;

    /// <summary>Issue date; empty or null when the result has none (the due date stands in).</summary>
    public string? IssueDate { get; init; } = ErpColumns.Default.IssueDate;

    /// <summary>Due date. Required.</summary>
    public string? DueDate { get; init; } = ErpColumns.Default.DueDate;

    /// <summary>Sales owner; optional even when named.</summary>
    public string? SalesOwner { get; init; } = ErpColumns.Default.SalesOwner;

    /// <summary>The ERP's status of the receivable; empty for none (every row is open).</summary>
    public string? Status { get; init; } = ErpColumns.Default.Status;

    /// <summary>One message per required column left empty, naming its key.</summary>
    public IEnumerable<string> Validate(string path)
    {
        (string Key, string? Value, string What)[] required =
        [
            (nameof(ContractNo), ContractNo, "contract number"),
            (nameof(CustomerName), CustomerName, "customer name"),
            (nameof(Amount), Amount, "amount"),
            (nameof(DueDate), DueDate, "due date"),
        ];
        return required
            .Where(column => string.IsNullOrWhiteSpace(column.Value))
            .Select(column => $"{path}:{column.Key} names the column of the query's result that holds the {column.What}; it may not be empty.");
    }

    /// <summary>The column map the reader takes.</summary>
    public ErpColumns ToColumns() => new()
    {
        ContractNo = ContractNo!.Trim(),
        CustomerId = Named(CustomerId),
        CustomerName = CustomerName!.Trim(),
        Amount = Amount!.Trim(),
        Currency = Named(Currency),
        IssueDate = Named(IssueDate),
        DueDate = DueDate!.Trim(),
        SalesOwner = Named(SalesOwner),
        Status = Named(Status),
    };

    private static string? Named(string? column) => string.IsNullOrWhiteSpace(column) ? null : column.Trim();
}
