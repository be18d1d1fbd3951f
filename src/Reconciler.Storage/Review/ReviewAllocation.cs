namespace Reconciler.Storage;

/// <summary>A candidate of a suggested line, or an allocation applied to a line, with the receivable as it stands now.</summary>
/// <param name="ReceivableId">The receivable's ledger id.</param>
/// <param name="ContractNo">The receivable's contract number.</param>
/// <param name="CustomerId">The customer's id.</param>
/// <param name="CustomerName">The customer's name.</param>
/// <param name="Currency">The receivable's currency.</param>
/// <param name="OpenAmount">What is open on the receivable now.</param>
/// <param name="Amount">The amount proposed (a candidate) or applied (an allocation).</param>
/// <param name="Status"><c>candidate</c>, or how it was applied: <c>auto</c>, <c>confirmed</c> (or another kind a run applies, such as a settled tolerance difference).</param>
/// <param name="Rule">The rule that proposed or applied it (<c>manual</c> for a person's own allocation).</param>
/// <param name="Confidence">How sure the rule was, 0 to 1.</param>
public sealed record ReviewAllocation(
    long ReceivableId,
    string ContractNo,
    string CustomerId,
    string CustomerName,
    string Currency,
    decimal OpenAmount,
    decimal Amount,
    string Status,
    string Rule,
    double Confidence);
