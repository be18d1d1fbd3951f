namespace Reconciler.Storage;

/// <summary>
/// A <see cref="Domain.ExceptionKind.ReceivableLowered"/> exception a person acknowledged with <c>review confirm</c>:
/// the customer really paid more than the receivable's source now gives, and the excess stays allocated (finance keeps
/// it as the customer's credit).
/// </summary>
/// <param name="ReceivableId">The receivable's ledger id.</param>
/// <param name="ContractNo">The receivable's contract number.</param>
/// <param name="CustomerId">The receivable's customer.</param>
/// <param name="Currency">The receivable's currency.</param>
/// <param name="SourceAmount">The amount its source gives; null when the source no longer gives less than was paid.</param>
/// <param name="Paid">What payments paid of it (the amount the ledger keeps).</param>
/// <param name="Excess">What is allocated beyond the source's amount (as the exception recorded it when the source no longer gives less).</param>
public sealed record AcknowledgedLowering(long ReceivableId, string ContractNo, string CustomerId, string Currency, decimal? SourceAmount, decimal Paid, decimal Excess);
