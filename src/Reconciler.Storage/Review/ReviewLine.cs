using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>A statement line as a reviewer sees it: its ledger id, the line, the decision so far and the receivables involved.</summary>
/// <param name="Id">The line's ledger id (what <c>review confirm|reject|match|unmatch</c> take).</param>
/// <param name="Line">The line: file, row, date, amount, payer, memo.</param>
/// <param name="Status">The line's status name.</param>
/// <param name="Rule">The rule that decided it (a run's, or a reviewer's); null before the first run.</param>
/// <param name="Confidence">How sure that decision was; null before the first run.</param>
/// <param name="Explanation">The decision's sentence; null before the first run.</param>
/// <param name="Candidates">For a suggested line, the ranked candidates, best first.</param>
/// <param name="Allocations">The allocations applied to the line (automatic, confirmed, settled).</param>
public sealed record ReviewLine(
    long Id,
    StatementLine Line,
    string Status,
    string? Rule,
    double? Confidence,
    string? Explanation,
    IReadOnlyList<ReviewAllocation> Candidates,
    IReadOnlyList<ReviewAllocation> Allocations);
