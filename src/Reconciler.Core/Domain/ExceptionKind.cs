namespace Reconciler.Domain;

/// <summary>Why a line is an exception that people (and the rules) must look at.</summary>
public enum ExceptionKind
{
    /// <summary>Not an exception.</summary>
    None,

    /// <summary>No contract reference in the memo.</summary>
    NoReference,

    /// <summary>The memo names something shaped like a contract number that is not an open receivable.</summary>
    UnknownContract,

    /// <summary>A reference one edit away from a real contract number.</summary>
    TypoReference,

    /// <summary>Paid clearly less than the open amount, beyond tolerance, and close enough to it to look like an attempt to pay in full.</summary>
    AmountShort,

    /// <summary>Paid more than the open amount beyond tolerance (or against a receivable already settled).</summary>
    AmountOver,

    /// <summary>Paid outside the date window of the receivable.</summary>
    DateOutOfWindow,

    /// <summary>Several candidates fit about equally well.</summary>
    Ambiguous,

    /// <summary>A partial payment (installment) that leaves a balance open.</summary>
    PartialPayment,

    /// <summary>The payment's currency differs from the receivable's.</summary>
    CurrencyMismatch,

    /// <summary>
    /// The receivables source lowered the amount of a receivable this line was allocated to below what the ledger had
    /// already allocated to it: the allocations were kept, and a person must decide whether the amount or a match is wrong.
    /// </summary>
    ReceivableLowered,
}
