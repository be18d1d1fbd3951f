namespace Reconciler.Synthetic;

/// <summary>
/// One situation planned for a customer: the receivables it involves and the payments it makes, as ranges of the
/// generator's per-customer lists.
/// </summary>
internal struct PlannedEvent
{
    public SyntheticCase Case;
    public int FirstReceivable;
    public int ReceivableCount;
    public int FirstPayment;
    public int PaymentCount;
    public string? Typo;
}
