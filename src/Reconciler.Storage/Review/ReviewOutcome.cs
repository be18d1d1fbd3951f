using Reconciler.Matching;

namespace Reconciler.Storage;

/// <summary>What a review operation did.</summary>
/// <param name="LineId">The line's ledger id.</param>
/// <param name="Changed">
/// False when there was nothing to do (a repeat: confirming, rejecting or matching again what a person decided before;
/// unmatching a line with no allocations): no row changed, and <paramref name="Message"/> says so.
/// </param>
/// <param name="Status">The line's status now.</param>
/// <param name="Message">One sentence for the reviewer: what was done, with the figures.</param>
public sealed record ReviewOutcome(long LineId, bool Changed, string Status, string Message)
{
    /// <summary>The allocations applied (confirm, match) or undone (unmatch) now.</summary>
    public IReadOnlyList<ReviewAllocation> Allocations { get; init; } = [];

    /// <summary>Payer ⇄ customer links learned now (confirm, match).</summary>
    public IReadOnlyList<PayerLink> Learned { get; init; } = [];

    /// <summary>Payer ⇄ customer links forgotten now because the confirmation that taught them was undone (unmatch).</summary>
    public IReadOnlyList<PayerLink> Forgotten { get; init; } = [];

    /// <summary>
    /// The lowered receivables whose over-payment a person acknowledged now, or (a repeat) had acknowledged before
    /// (confirm on a line with a <see cref="Domain.ExceptionKind.ReceivableLowered"/> exception): the line's
    /// allocations and status stay as they are.
    /// </summary>
    public IReadOnlyList<AcknowledgedLowering> Acknowledged { get; init; } = [];
}
