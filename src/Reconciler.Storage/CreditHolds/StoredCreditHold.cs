namespace Reconciler.Storage;

/// <summary>A credit hold as the ledger keeps it, open or released.</summary>
public sealed record StoredCreditHold
{
    /// <summary>The hold's id.</summary>
    public required long Id { get; init; }

    /// <summary>The key that keeps it from being opened twice.</summary>
    public required string Key { get; init; }

    /// <summary>The customer held.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The customer's name.</summary>
    public required string CustomerName { get; init; }

    /// <summary>The receivable whose payment releases it.</summary>
    public long? ReceivableId { get; init; }

    /// <summary>That receivable's contract number; empty when none.</summary>
    public string ContractNo { get; init; } = "";

    /// <summary>Why it was opened.</summary>
    public required string Reason { get; init; }

    /// <summary>How many orders it covered when opened.</summary>
    public int Orders { get; init; }

    /// <summary>How many of those orders it still covers.</summary>
    public int OrdersLeft { get; init; }

    /// <summary>The rule that opened it.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule-set version that opened it.</summary>
    public required string RuleSetVersion { get; init; }

    /// <summary>When it was opened (ISO 8601 UTC).</summary>
    public required string OpenedAt { get; init; }

    /// <summary>Who opened it (the actor of the run).</summary>
    public required string OpenedBy { get; init; }

    /// <summary>When it was released; null while in force.</summary>
    public string? ReleasedAt { get; init; }

    /// <summary>Who released it (a person, or the actor of the run whose rule released it).</summary>
    public string? ReleasedBy { get; init; }

    /// <summary>Why it was released.</summary>
    public string? ReleaseReason { get; init; }
}
