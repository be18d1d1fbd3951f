namespace Reconciler.Rules;

/// <summary>
/// Fact: a credit hold released before (by a person or by the rules) on a receivable that has a hold in force now. A
/// cause released once is not held again: when a hold in force would be revised to the cause of a released hold, the
/// rules release it instead, and say so.
/// </summary>
public sealed record ReleasedCreditHold
{
    /// <summary>The hold's ledger id.</summary>
    public required long HoldId { get; init; }

    /// <summary>The hold's key, the cause it stood for (see <see cref="CreditHold.Key"/>).</summary>
    public required string Key { get; init; }

    /// <summary>The receivable the hold was on.</summary>
    public long? ReceivableId { get; init; }

    /// <summary>When it was released.</summary>
    public DateTimeOffset ReleasedAt { get; init; }

    /// <summary>Who released it: a person, or the process of a rules run.</summary>
    public string ReleasedBy { get; init; } = "";

    /// <summary>Why it was released, as the ledger keeps it.</summary>
    public string ReleaseReason { get; init; } = "";
}
