namespace Reconciler.Storage;

/// <summary>An alert as the outbox holds it, with its delivery state and the statement line it concerns.</summary>
public sealed record OutboxAlert
{
    /// <summary>The outbox id.</summary>
    public required long Id { get; init; }

    /// <summary>The alert as it was enqueued.</summary>
    public required NewAlert Alert { get; init; }

    /// <summary><c>pending</c>, <c>sending</c>, <c>sent</c> or <c>failed</c> (see <see cref="AlertStatus"/>).</summary>
    public required string Status { get; init; }

    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When the next attempt is due (ISO 8601 UTC); null for at once. While <c>sending</c>, when the claim's lease runs out.</summary>
    public string? NextAttemptAt { get; init; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; init; }

    /// <summary>The rule-set version that decided.</summary>
    public required string RuleSetVersion { get; init; }

    /// <summary>When it was enqueued (ISO 8601 UTC).</summary>
    public required string CreatedAt { get; init; }

    /// <summary>When it was sent (ISO 8601 UTC).</summary>
    public string? SentAt { get; init; }

    /// <summary>The statement file of the line concerned; empty when none.</summary>
    public string File { get; init; } = "";

    /// <summary>The row of the line concerned; 0 when none.</summary>
    public int Row { get; init; }

    /// <summary>The bank reference of the line concerned; empty when none.</summary>
    public string BankRef { get; init; } = "";
}
