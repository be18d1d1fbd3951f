namespace Reconciler.Storage;

/// <summary>What a receivables sync changed.</summary>
/// <param name="Added">Receivables new to the ledger.</param>
/// <param name="Updated">Receivables whose amount, dates, currency or owner changed.</param>
/// <param name="Unchanged">Receivables the ledger already held as they are.</param>
/// <param name="Version">The receivables version after the sync (it grows when anything changed).</param>
public sealed record ReceivableSync(int Added, int Updated, int Unchanged, long Version)
{
    /// <summary>The receivables the file lowered below what is already allocated to them, in the file's order (usually none). Record equality compares the list itself: every result without any holds the same empty list.</summary>
    public IReadOnlyList<LoweredReceivable> Lowered { get; init; } = [];
}
