using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// What a receivables sync in this process left in the ledger: the receivables it was given, the id of the ledger row
/// that holds each of them (0 for a receivable whose key the source lists more than once, which is not followed), and
/// the receivables version after the sync. A snapshot read right after the sync takes its open receivables from here
/// instead of building each again from its row, when nothing synced since (the version is the same).
/// </summary>
public sealed class SyncedReceivables
{
    internal SyncedReceivables(StoreLocation ledger, IReadOnlyList<Receivable> receivables, long[] ids, long version)
    {
        Ledger = ledger;
        Receivables = receivables;
        Ids = ids;
        Version = version;
    }

    /// <summary>The ledger the sync wrote to.</summary>
    internal StoreLocation Ledger { get; }

    /// <summary>The receivables the sync was given, in its order (its own copy of the list).</summary>
    internal IReadOnlyList<Receivable> Receivables { get; }

    /// <summary>The ledger id of the row that holds each receivable of <see cref="Receivables"/>; 0 where not followed.</summary>
    internal long[] Ids { get; }

    /// <summary>The receivables version the sync left.</summary>
    internal long Version { get; }
}
