namespace Reconciler.Rules;

/// <summary>Fact: a credit hold still in force, with the state of the receivable whose payment releases it.</summary>
public sealed record OpenCreditHold
{
    /// <summary>The hold's ledger id.</summary>
    public required long HoldId { get; init; }

    /// <summary>The hold's key (see <see cref="CreditHold.Key"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The hold's reason as the ledger keeps it.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The receivable's status in the ledger: <c>open</c>, <c>paid</c> or <c>cancelled</c>.</summary>
    public required string ReceivableStatus { get; init; }

    /// <summary>
    /// True when the receivable is paid because the ERP says so (its sync marked it), not because payments in the ledger
    /// cleared it: the release then names no statement line, whatever part of it was paid by one.
    /// </summary>
    public bool PaidInErp { get; init; }

    /// <summary>True when the receivable's last payment was confirmed by a person rather than matched by a run.</summary>
    public bool ConfirmedByPerson { get; init; }

    /// <summary>
    /// The statement line of the payment applied last to the receivable (matched or confirmed, still applied); null
    /// when none is. The release of a hold by a payment names it.
    /// </summary>
    public PaymentLine? LastPayment { get; init; }

    /// <summary>The customer and the receivable (with its open amount now).</summary>
    public required Concern Concern { get; init; }
}
