namespace Reconciler.Domain;

/// <summary>An open receivable (invoice or contract) as the ERP or a receivables file states it.</summary>
/// <param name="ContractNo">The contract number as written in the source; shown back to people unchanged.</param>
/// <param name="CustomerId">The ERP's customer id.</param>
/// <param name="CustomerName">The customer's name as written.</param>
/// <param name="Amount">The open amount still to be paid, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code, upper case.</param>
/// <param name="IssueDate">Date the receivable was issued.</param>
/// <param name="DueDate">Date it falls due.</param>
/// <param name="SalesOwner">Who sells to this customer (a name or an address); may be empty.</param>
public sealed record Receivable(
    string ContractNo,
    string CustomerId,
    string CustomerName,
    decimal Amount,
    string Currency,
    DateOnly IssueDate,
    DateOnly DueDate,
    string SalesOwner)
{
    /// <summary>The normalised contract key (see <see cref="Matching.ContractKey"/>).</summary>
    public string Key { get; } = Matching.ContractKey.Normalize(ContractNo);

    /// <summary>Where the receivable came from (file name and 1-based row), for messages; empty when unknown.</summary>
    public string Source { get; init; } = "";
}
