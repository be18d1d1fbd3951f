using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>Generated receivables, two overlapping statement exports and the right answers.</summary>
/// <param name="Receivables">The open receivables.</param>
/// <param name="Statements">The statement exports, each a file name and its lines in file order.</param>
/// <param name="Truth">One right answer per statement line of every export.</param>
public sealed record SyntheticDataSet(
    IReadOnlyList<Receivable> Receivables,
    IReadOnlyList<SyntheticStatement> Statements,
    IReadOnlyList<GroundTruth> Truth);
