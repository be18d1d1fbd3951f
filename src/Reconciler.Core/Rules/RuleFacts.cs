namespace Reconciler.Rules;

/// <summary>
/// Everything a rules run looks at, read from the ledger: unresolved exceptions, overdue receivables, payment cycles,
/// open holds, and the holds released before on the receivables of those.
/// </summary>
public sealed record RuleFacts
{
    /// <summary>Unresolved exceptions, one per line and kind.</summary>
    public IReadOnlyList<MatchException> Exceptions { get; init; } = [];

    /// <summary>Open receivables past their due date.</summary>
    public IReadOnlyList<OverdueReceivable> Overdue { get; init; } = [];

    /// <summary>Per customer with at least two paid receivables, the last ones paid.</summary>
    public IReadOnlyList<CustomerPaymentCycle> Cycles { get; init; } = [];

    /// <summary>Credit holds in force.</summary>
    public IReadOnlyList<OpenCreditHold> Holds { get; init; } = [];

    /// <summary>Credit holds released before on the receivables that have a hold in force (their causes are not held again).</summary>
    public IReadOnlyList<ReleasedCreditHold> ReleasedHolds { get; init; } = [];
}
