namespace Reconciler.Matching;

/// <summary>What the memo and payer of one line point at, found once per line before any allocation.</summary>
internal sealed class LineFacts
{
    public static readonly LineFacts None = new();

    /// <summary>Receivables whose contract key is in the memo, in memo order, distinct.</summary>
    public int[] References { get; init; } = [];

    /// <summary>Receivables whose key is one edit away from a string in the memo.</summary>
    public int[] Typos { get; init; } = [];

    /// <summary>For each of <see cref="Typos"/>, the memo text (normalised) that was one edit from its key.</summary>
    public string[] TypoTexts { get; init; } = [];

    /// <summary>Something shaped like a contract number in the memo that is no known key (normalised); empty if none.</summary>
    public string UnknownReference { get; init; } = "";

    /// <summary>The customers the payer is (internal customer numbers).</summary>
    public int[] Customers { get; init; } = [];

    /// <summary>How the payer was recognised, for the explanation; null when not recognised.</summary>
    public string? PayerRecognisedBy { get; init; }
}
