namespace Reconciler.Rules;

/// <summary>One receivable of a payment cycle: when it was issued, due and (finally) paid.</summary>
/// <param name="ContractNo">The contract number as written.</param>
/// <param name="IssueDate">When it was issued.</param>
/// <param name="DueDate">When it fell due.</param>
/// <param name="PaidOn">The date of the payment that settled it (the latest, for one paid in parts).</param>
public sealed record PaidReceivable(string ContractNo, DateOnly IssueDate, DateOnly DueDate, DateOnly PaidOn)
{
    /// <summary>Days from issue to payment.</summary>
    public int DaysToPay => PaidOn.DayNumber - IssueDate.DayNumber;
}
