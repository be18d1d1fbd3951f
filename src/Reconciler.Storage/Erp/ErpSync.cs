namespace Reconciler.Storage.Erp;

/// <summary>What a sync of the ERP's receivables changed in the ledger.</summary>
/// <param name="Rows">Rows the ERP gave.</param>
/// <param name="Added">Receivables new to the ledger.</param>
/// <param name="Updated">Receivables whose amount, dates, currency, owner, status or source changed.</param>
/// <param name="Unchanged">Receivables the ledger already held as the ERP states them.</param>
/// <param name="Paid">Receivables that became paid because the ERP says so (new ones included).</param>
/// <param name="Cancelled">Receivables that became cancelled because the ERP says so (new ones included).</param>
/// <param name="Withdrawn">Receivables from this ERP that its complete list no longer holds, cancelled now.</param>
/// <param name="Version">The receivables version after the sync (it grows when anything changed).</param>
public sealed record ErpSync(int Rows, int Added, int Updated, int Unchanged, int Paid, int Cancelled, int Withdrawn, long Version)
{
    /// <summary>The receivables the ERP lowered below what is already allocated to them, in the result's order (usually none). Record equality compares the list itself: every result without any holds the same empty list.</summary>
    public IReadOnlyList<LoweredReceivable> Lowered { get; init; } = [];
}
