namespace Reconciler.Rules;

/// <summary>
/// What a decision is about, with every figure a message needs: the customer and contract, the statement line
/// (file, row, bank reference), the amounts and the matcher's explanation. Empty texts and nulls mean unknown.
/// </summary>
public sealed record Concern
{
    /// <summary>The ERP's customer id; empty when the payment could not be tied to a customer.</summary>
    public string CustomerId { get; init; } = "";

    /// <summary>The customer's name; for an unknown customer, the payer's name as the bank wrote it.</summary>
    public string CustomerName { get; init; } = "";

    /// <summary>The customer's sales owner (a name or an address); empty when unknown.</summary>
    public string SalesOwner { get; init; } = "";

    /// <summary>The contract number as written; empty when none is concerned.</summary>
    public string ContractNo { get; init; } = "";

    /// <summary>The ledger id of the receivable concerned.</summary>
    public long? ReceivableId { get; init; }

    /// <summary>The ledger id of the statement line concerned.</summary>
    public long? LineId { get; init; }

    /// <summary>The statement file's name; empty for a decision about a receivable or a customer.</summary>
    public string File { get; init; } = "";

    /// <summary>The line's row in its file; 0 when no line is concerned.</summary>
    public int Row { get; init; }

    /// <summary>The bank's reference of the line; may be empty.</summary>
    public string BankRef { get; init; } = "";

    /// <summary>The amount concerned: the payment, or the receivable's amount.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO 4217 code of <see cref="Amount"/>.</summary>
    public string Currency { get; init; } = "";

    /// <summary>What is still open on the receivable, when one is concerned (in <see cref="OpenCurrency"/>).</summary>
    public decimal? OpenAmount { get; init; }

    /// <summary>
    /// ISO 4217 code of <see cref="OpenAmount"/> when it is not <see cref="Currency"/> (a payment in another currency
    /// than its receivable); null when they are the same.
    /// </summary>
    public string? OpenCurrency { get; init; }

    /// <summary>The date of the payment, when a line is concerned.</summary>
    public DateOnly? PaymentDate { get; init; }

    /// <summary>The receivable's due date, when one is concerned.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The matcher's one-sentence explanation, or the rule's own account of the figures.</summary>
    public string Explanation { get; init; } = "";
}
