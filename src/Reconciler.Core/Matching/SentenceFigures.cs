using Reconciler.Domain;

namespace Reconciler.Matching;

/// <summary>
/// The few figures a suggested or unmatched result's sentence needs beyond the result's own (a memo text, a
/// position, the payer's customer), kept instead of the sentence; <see cref="MatchExplainer"/> writes the sentence
/// from them when it is read. A few dozen bytes per result instead of a sentence of a few hundred.
/// </summary>
internal sealed class SentenceFigures(MatchExplainer explainer) : Explainer
{
    /// <summary>The memo text one edit from the best candidate (typo), or the unknown contract in the memo (payer); null when none.</summary>
    public string? Text { get; init; }

    /// <summary>The receivable outside its window (its position in the allocations), or the payer's count of open receivables.</summary>
    public int Number { get; init; }

    /// <summary>For a date-window suggestion: the payment was within tolerance (the other form is a short payment).</summary>
    public bool WithinTolerance { get; init; }

    /// <summary>The payer's (first) customer's id; null for a result that names no payer.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The payer's (first) customer's name.</summary>
    public string CustomerName { get; init; } = "";

    /// <summary>How many customers the payer may be.</summary>
    public int CustomerCount { get; init; }

    /// <summary>How the payer was recognised.</summary>
    public string RecognisedBy { get; init; } = "";

    public override string Explain(MatchResult result) => explainer.Explain(result, this);

    public override bool TryWrite(MatchResult result, Span<char> destination, out int written) => explainer.TryWrite(result, this, destination, out written);
}
