namespace Reconciler.Storage.Erp;

/// <summary>What the ERP says of a receivable, read from the query's status column (open when it has none).</summary>
public enum ErpStatus
{
    /// <summary>Still to be paid: matched against bank lines for its open amount.</summary>
    Open,

    /// <summary>Paid in the ERP (by bank, cheque, netting…): no longer matched.</summary>
    Paid,

    /// <summary>Cancelled in the ERP (a voided invoice, a withdrawn contract): no longer matched.</summary>
    Cancelled,
}
