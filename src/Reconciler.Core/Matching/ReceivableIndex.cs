using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>Indexes over open receivables (placeholder; the real index replaces this).</summary>
public sealed class ReceivableIndex
{
    private ReceivableIndex(IReadOnlyList<Receivable> receivables) => Receivables = receivables;

    /// <summary>The receivables, in the order given.</summary>
    public IReadOnlyList<Receivable> Receivables { get; }

    /// <summary>Builds the indexes.</summary>
    public static ReceivableIndex Build(IReadOnlyList<Receivable> receivables) => new(receivables);
}
