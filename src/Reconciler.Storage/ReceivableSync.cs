namespace Reconciler.Storage;

/// <summary>What a receivables sync changed.</summary>
/// <param name="Added">Receivables new to the ledger.</param>
/// <param name="Updated">Receivables whose amount, dates, currency or owner changed.</param>
/// <param name="Unchanged">Receivables the ledger already held as they are.</param>
/// <param name="Version">The receivables version after the sync (it grows when anything changed).</param>
public sealed record ReceivableSync(int Added, int Updated, int Unchanged, long Version)
{
    /// <summary>
    /// Which ledger row holds each receivable the sync was given, for the snapshot read right after it
    /// (<see cref="LedgerStore.LoadForMatching(IReadOnlyCollection{StatementImport}, SyncedReceivables?)"/>); null where
    /// the dialect numbers new rows as it writes them (SQL Server).
    /// </summary>
    public SyncedReceivables? Synced { get; init; }
}
