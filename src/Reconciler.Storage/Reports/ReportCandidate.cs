namespace Reconciler.Storage;

/// <summary>
/// One ranked candidate of a suggested line, with the line, for a clerk to decide from the sheet alone; or a suggested
/// line with no candidate (a payment on a contract already paid), whose candidate fields are then null.
/// </summary>
public sealed record ReportCandidate
{
    /// <summary>The line's ledger id (what <c>review confirm</c> takes).</summary>
    public required long LineId { get; init; }

    /// <summary>The statement file's name.</summary>
    public required string File { get; init; }

    /// <summary>The line's row in its file.</summary>
    public required int Row { get; init; }

    /// <summary>The bank reference.</summary>
    public string BankRef { get; init; } = "";

    /// <summary>The booking date.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The line's amount.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The line's currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The payer's name.</summary>
    public string Payer { get; init; } = "";

    /// <summary>The memo.</summary>
    public string Memo { get; init; } = "";

    /// <summary>1 for the best candidate; 0 when the line has none.</summary>
    public required int Rank { get; init; }

    /// <summary>The candidate receivable's contract number; null when the line has no candidate.</summary>
    public string? ContractNo { get; init; }

    /// <summary>Its customer id; null when the line has no candidate.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Its customer's name.</summary>
    public string CustomerName { get; init; } = "";

    /// <summary>Its open amount now; null when the line has no candidate.</summary>
    public decimal? OpenAmount { get; init; }

    /// <summary>Its due date; null when the line has no candidate.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The candidate's confidence (the line's, when it has no candidate).</summary>
    public required double Confidence { get; init; }

    /// <summary>The rule that suggested the line.</summary>
    public string Rule { get; init; } = "";

    /// <summary>The matcher's sentence.</summary>
    public string Explanation { get; init; } = "";

    /// <summary>The line's amount less the candidate's open amount; null when the line has no candidate.</summary>
    public decimal? Difference => Amount - OpenAmount;
}
