namespace Reconciler.Rules;

/// <summary>Fact: an open receivable past its due date, with how much of it is still unpaid.</summary>
public sealed record OverdueReceivable
{
    /// <summary>Whole days since the due date, as of the run's day.</summary>
    public required int DaysOverdue { get; init; }

    /// <summary>True when no payment at all has been applied to it yet.</summary>
    public bool NothingPaid { get; init; }

    /// <summary>
    /// True when a payment waiting for a person (a suggested line) names this receivable among its candidates: a
    /// payment may have come, so no hold until someone decides.
    /// </summary>
    public bool PaymentPending { get; init; }

    /// <summary>The customer group (from configuration); empty when none.</summary>
    public string CustomerGroup { get; init; } = "";

    /// <summary>The customer, contract, amount (<see cref="Concern.Amount"/>), open amount and due date.</summary>
    public required Concern Concern { get; init; }
}
