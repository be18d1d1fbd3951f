namespace Reconciler.Storage;

/// <summary>
/// An alert to put in the outbox: one message for one recipient on one channel, rendered before it is stored so
/// that what is sent is what was persisted.
/// </summary>
public sealed record NewAlert
{
    /// <summary>Unique across the outbox: an alert whose key is already there is not added again (and so never sent twice).</summary>
    public required string DedupKey { get; init; }

    /// <summary><c>alert</c>, <c>escalation</c>, <c>flag</c>, <c>credit-hold</c> or <c>credit-release</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The rule that decided.</summary>
    public required string Rule { get; init; }

    /// <summary>The audience (<c>sales-owner</c>, <c>finance</c>, <c>finance-manager</c>, <c>sales-manager</c>, <c>named</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The channel: <c>email</c>, <c>file</c>, or <c>webhook:NAME</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The address (email), or the audience/recipient name for channels without addresses.</summary>
    public required string Recipient { get; init; }

    /// <summary><c>info</c>, <c>warning</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string Body { get; init; }

    /// <summary>The structured content as JSON (headline, next step, concern), from which HTML and webhook bodies are made.</summary>
    public required string Payload { get; init; }

    /// <summary>Sent at once, never held for a digest.</summary>
    public bool Immediate { get; init; }

    /// <summary>The statement line concerned, if any.</summary>
    public long? LineId { get; init; }

    /// <summary>The receivable concerned, if any.</summary>
    public long? ReceivableId { get; init; }

    /// <summary>The customer concerned; empty when unknown.</summary>
    public string CustomerId { get; init; } = "";

    /// <summary>The contract concerned; empty when none.</summary>
    public string ContractNo { get; init; } = "";
}
