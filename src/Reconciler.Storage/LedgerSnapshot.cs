using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

/// <summary>
/// What a match run works on, read from the ledger in one transaction (the lines of files just imported and the
/// receivables of a sync just made taken from this process where the ledger still holds them so): the open receivables (with their open
/// amounts as <see cref="Receivable.Amount"/>), the lines waiting for a decision (new, unmatched, suggested), the
/// payer ⇄ customer links learned from confirmations, and the versions that tell whether anything changed.
/// </summary>
public sealed class LedgerSnapshot
{
    internal LedgerSnapshot(
        IReadOnlyList<Receivable> receivables,
        ReceivableIdMap receivableIds,
        IReadOnlyList<StoredLine> pending,
        IReadOnlyList<PayerLink> links,
        long receivablesVersion,
        long? lastRunReceivablesVersion)
    {
        Receivables = receivables;
        IdMap = receivableIds;
        Pending = pending;
        Links = links;
        ReceivablesVersion = receivablesVersion;
        LastRunReceivablesVersion = lastRunReceivablesVersion;
    }

    /// <summary>The open receivables, each with its open amount as <see cref="Receivable.Amount"/>.</summary>
    public IReadOnlyList<Receivable> Receivables { get; }

    /// <summary>The ledger id of each receivable instance in <see cref="Receivables"/>.</summary>
    public IReadOnlyDictionary<Receivable, long> ReceivableIds => IdMap;

    /// <summary><see cref="ReceivableIds"/>, with each receivable's position in <see cref="Receivables"/>.</summary>
    internal ReceivableIdMap IdMap { get; }

    /// <summary>The lines waiting for a decision, in file and row order.</summary>
    public IReadOnlyList<StoredLine> Pending { get; }

    /// <summary>Payer ⇄ customer links learned from confirmed matches.</summary>
    public IReadOnlyList<PayerLink> Links { get; }

    /// <summary>The receivables version now.</summary>
    public long ReceivablesVersion { get; }

    /// <summary>The receivables version the last match run saw; null before the first run.</summary>
    public long? LastRunReceivablesVersion { get; }

    /// <summary>
    /// The sentence of each of a run's results over this snapshot, in <see cref="Pending"/>'s order, as its save composed
    /// them (see <see cref="LedgerStore.SaveRun"/>): the results read after the run take them from here instead of
    /// composing each again. Null before a save.
    /// </summary>
    internal (MatchRun Run, string[] Explanations)? Explained { get; set; }

    /// <summary>
    /// The files this process imported just before the snapshot was read, and their lines that are not pending (the
    /// duplicates, as imported, in file order): the results read after the run take them from here when the ledger
    /// still holds them so (see <see cref="LedgerStore.ResultsOfFiles(IEnumerable{long}, LedgerSnapshot, MatchRun, long)"/>).
    /// Null when the snapshot was read whole.
    /// </summary>
    internal (IReadOnlySet<long> Files, IReadOnlyList<StoredLine> Duplicates)? Imported { get; init; }

    /// <summary>True when a run has something to do: new lines, or receivables changed since the last run while lines wait.</summary>
    public bool HasWork => Pending.Any(p => p.Status == LedgerStore.NewStatus)
        || (Pending.Count > 0 && LastRunReceivablesVersion != ReceivablesVersion);
}
