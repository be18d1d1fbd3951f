namespace Reconciler.Storage;

/// <summary>
/// A receivable whose source (a receivables file, or the ERP) now gives it an amount below what the ledger has already
/// allocated to it. The sync keeps the allocations (the receivable keeps the allocated amount, nothing of it open) and
/// raises a <see cref="Domain.ExceptionKind.ReceivableLowered"/> exception on the line allocated to it last, for a
/// person to decide which is wrong: the source's amount, or a match.
/// </summary>
/// <param name="Source">Where the amount came from: the file (and sheet) as the reader named it, or the ERP query.</param>
/// <param name="Row">The row of the file or of the query's result (1-based); 0 when not known.</param>
/// <param name="ContractNo">The receivable's contract number.</param>
/// <param name="CustomerId">The receivable's customer.</param>
/// <param name="Currency">The receivable's currency.</param>
/// <param name="NewAmount">The amount the source gives now.</param>
/// <param name="Allocated">What the ledger had already allocated to the receivable.</param>
/// <param name="ReceivableId">The receivable's ledger id.</param>
/// <param name="LineId">The statement line the exception was raised on; null when no decided line holds an allocation to it.</param>
public sealed record LoweredReceivable(
    string Source,
    int Row,
    string ContractNo,
    string CustomerId,
    string Currency,
    decimal NewAmount,
    decimal Allocated,
    long ReceivableId,
    long? LineId);
