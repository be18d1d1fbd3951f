using Reconciler.Files;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Receivables:Columns</c> settings: the header of each receivable field as the ERP export writes it
/// (<c>合同编号</c>, <c>客户名称</c>, <c>应收金额</c>…). Defaults are the columns Reconciler itself writes.
/// </summary>
internal sealed class ReceivableColumnOptions
{
    /// <summary>Contract number. Required.</summary>
    public string? ContractNo { get; init; } = ReceivableColumns.Default.ContractNo;

    /// <summary>Customer id; empty or null when the export has none (the customer name stands in).</summary>
    public string? CustomerId { get; init; } = ReceivableColumns.Default.CustomerId;

    /// <summary>Customer name. Required.</summary>
    public string? CustomerName { get; init; } = ReceivableColumns.Default.CustomerName;

    /// <summary>Open amount. Required.</summary>
    public string? Amount { get; init; } = ReceivableColumns.Default.Amount;

    /// <summary>Currency; empty or null when the export has none (every receivable in the default currency).</summary>
    public string? Currency { get; init; } = ReceivableColumns.Default.Currency;

    /// <summary>Issue date; empty or null when the export has none (the due date stands in).</summary>
    public string? IssueDate { get; init; } = ReceivableColumns.Default.IssueDate;

    /// <summary>Due date. Required.</summary>
    public string? DueDate { get; init; } = ReceivableColumns.Default.DueDate;

    /// <summary>Sales owner; optional even when named.</summary>
    public string? SalesOwner { get; init; } = ReceivableColumns.Default.SalesOwner;

    /// <summary>One message per required column left empty, naming its key.</summary>
    public IEnumerable<string> Validate(string path)
    {
        (string Key, string? Value, string What)[] required =
        [
            (nameof(ContractNo), ContractNo, "contract number"),
            (nameof(CustomerName), CustomerName, "customer name"),
            (nameof(Amount), Amount, "open amount"),
            (nameof(DueDate), DueDate, "due date"),
        ];
        return required
            .Where(column => string.IsNullOrWhiteSpace(column.Value))
            .Select(column => $"{path}:{column.Key} names the {column.What} column as the header of the export writes it; it may not be empty.");
    }
}
