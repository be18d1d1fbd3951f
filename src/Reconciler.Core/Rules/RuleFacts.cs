namespace Reconciler.Rules;

/// <summary>Everything a rules run looks at, read from the ledger: unresolved exceptions, overdue receivables, payment cycles and open holds.</summary>
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
}
