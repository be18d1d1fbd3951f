namespace Reconciler.Matching;

/// <summary>
/// What the memo and payer of one line point at, found once per line before any allocation. A struct: the matcher
/// keeps one per line in a single array instead of an object per line. <c>default</c> is a line not inspected
/// (a duplicate or a line that is no customer payment).
/// </summary>
internal readonly struct LineFacts
{
    /// <summary>An inspected line whose memo and payer point at nothing.</summary>
    public static readonly LineFacts None = new() { Inspected = true };

    /// <summary>True for a line that was inspected (see <see cref="LineEvaluator.Inspect"/>).</summary>
    public bool Inspected { get; init; }

    /// <summary>True when the line points at something: a reference, a near miss, an unknown contract or a customer.</summary>
    public bool Found { get; init; }

    /// <summary>Receivables whose contract key is in the memo, in memo order, distinct.</summary>
    /// <remarks>
    /// Kept in a block of the evaluator's that holds the references of many lines (see <see cref="ReferenceBlock"/>):
    /// a million small arrays that live as long as the run would each be copied by the collector.
    /// </remarks>
    public ReadOnlySpan<int> References => new(ReferenceBlock, ReferenceStart, ReferenceCount);

    /// <summary>The array that holds <see cref="References"/>, from <see cref="ReferenceStart"/>; null when there are none.</summary>
    public int[]? ReferenceBlock { get; init; }

    /// <summary>Where <see cref="References"/> start in <see cref="ReferenceBlock"/>.</summary>
    public int ReferenceStart { get; init; }

    /// <summary>How many <see cref="References"/> there are.</summary>
    public int ReferenceCount { get; init; }

    /// <summary>
    /// What a line without exactly one reference may also point at (near misses, an unknown contract, the payer's
    /// customers); null when it points at none of these. Kept apart so that the million lines with one reference each
    /// hold one reference here, not five: the array of facts is half the size, and so is the new memory it touches.
    /// </summary>
    public LineLeads? Leads { get; init; }

    /// <summary>Receivables whose key is one edit away from a string in the memo.</summary>
    public int[] Typos => Leads?.Typos ?? [];

    /// <summary>For each of <see cref="Typos"/>, the memo text (normalised) that was one edit from its key.</summary>
    public string[] TypoTexts => Leads?.TypoTexts ?? [];

    /// <summary>Something shaped like a contract number in the memo that is no known key (normalised); empty if none.</summary>
    public string UnknownReference => Leads?.UnknownReference ?? "";

    /// <summary>
    /// The customers the payer is (internal customer numbers); not looked up (empty) for a line with exactly one
    /// reference, which nothing but that receivable decides.
    /// </summary>
    public int[] Customers => Leads?.Customers ?? [];

    /// <summary>How the payer was recognised, for the explanation; null when not recognised.</summary>
    public string? PayerRecognisedBy => Leads?.PayerRecognisedBy;
}

/// <summary>The rarer part of <see cref="LineFacts"/>: near misses, an unknown contract and the payer's customers.</summary>
internal sealed class LineLeads
{
    /// <summary>See <see cref="LineFacts.Typos"/>.</summary>
    public int[] Typos { get; init; } = [];

    /// <summary>See <see cref="LineFacts.TypoTexts"/>.</summary>
    public string[] TypoTexts { get; init; } = [];

    /// <summary>See <see cref="LineFacts.UnknownReference"/>.</summary>
    public string UnknownReference { get; init; } = "";

    /// <summary>See <see cref="LineFacts.Customers"/>.</summary>
    public int[] Customers { get; init; } = [];

    /// <summary>See <see cref="LineFacts.PayerRecognisedBy"/>.</summary>
    public string? PayerRecognisedBy { get; init; }
}
