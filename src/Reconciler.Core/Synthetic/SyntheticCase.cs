namespace Reconciler.Synthetic;

/// <summary>The situations the synthetic generator produces, each with a known right answer.</summary>
public enum SyntheticCase
{
    /// <summary>Contract number verbatim in the memo, exact amount, inside the window.</summary>
    Exact,

    /// <summary>A bank fee was deducted; the amount is still within tolerance.</summary>
    BankFee,

    /// <summary>The reference is written differently: lower case, no separators, spaces, full-width, glued to other text.</summary>
    ReferenceVariant,

    /// <summary>The reference has a typo (one edit away from the real key).</summary>
    Typo,

    /// <summary>No reference at all; the payer is the customer and the amount fits.</summary>
    NoReference,

    /// <summary>One payment for several contracts, each named in the memo.</summary>
    Combined,

    /// <summary>A receivable paid in installments; the last one settles it.</summary>
    Installment,

    /// <summary>Paid short, beyond tolerance.</summary>
    ShortPayment,

    /// <summary>Paid over, beyond tolerance.</summary>
    OverPayment,

    /// <summary>Paid far outside the date window.</summary>
    OutsideWindow,

    /// <summary>No reference, and the customer has two receivables with the same open amount.</summary>
    IdenticalAmounts,

    /// <summary>Income that has nothing to do with receivables.</summary>
    UnrelatedIncome,

    /// <summary>Money going out.</summary>
    Debit,

    /// <summary>A line present in both overlapping exports (the later copy is the duplicate).</summary>
    Overlap,
}
