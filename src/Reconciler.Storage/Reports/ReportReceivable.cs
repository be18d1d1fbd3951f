namespace Reconciler.Storage;

/// <summary>An open receivable as the report lists it.</summary>
public sealed record ReportReceivable
{
    /// <summary>The ledger id.</summary>
    public required long Id { get; init; }

    /// <summary>The contract number.</summary>
    public required string ContractNo { get; init; }

    /// <summary>The customer id.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The customer's name.</summary>
    public string CustomerName { get; init; } = "";

    /// <summary>The sales owner.</summary>
    public string SalesOwner { get; init; } = "";

    /// <summary>The currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The receivable's amount.</summary>
    public required decimal Amount { get; init; }

    /// <summary>What is still open.</summary>
    public required decimal OpenAmount { get; init; }

    /// <summary>The issue date.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>The due date.</summary>
    public required DateOnly DueDate { get; init; }
}
