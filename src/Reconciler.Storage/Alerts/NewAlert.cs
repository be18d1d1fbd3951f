namespace Reconciler.Storage;

/// <summary>
/// An alert to put in the outbox: one message for one recipient on one channel, rendered before it is stored so
/// that what is sent is what was persisted.
/// </summary>
/// <remarks>
/// Its texts are either set, or written by <see cref="Text"/> each time they are read (the outbox's bulk write reads
/// each once): a first rules run on a ledger of a million lines composes some 820k new alerts of about 1,800
/// characters each, which kept as strings until the save would be 3 GB of the run's memory. (SQL Server's bulk copy
/// fills a table in memory before it sends it, so there they are all held during the write.)
/// </remarks>
public sealed record NewAlert
{
    private readonly string? _subject;
    private readonly string? _body;
    private readonly string? _payload;

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
    public string Subject
    {
        get => _subject ?? Text?.Subject ?? "";
        init => _subject = value;
    }

    /// <summary>The plain-text body.</summary>
    public string Body
    {
        get => _body ?? Text?.Body ?? "";
        init => _body = value;
    }

    /// <summary>The structured content as JSON (headline, next step, concern), from which HTML and webhook bodies are made.</summary>
    public string Payload
    {
        get => _payload ?? Text?.Payload ?? "";
        init => _payload = value;
    }

    /// <summary>Writes <see cref="Subject"/>, <see cref="Body"/> and <see cref="Payload"/> where they are not set, on each read.</summary>
    public IAlertText? Text { get; init; }

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

    /// <summary>Equal when every public property is (the texts by their content, however they are kept).</summary>
    public bool Equals(NewAlert? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(DedupKey, other.DedupKey, StringComparison.Ordinal)
                && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
                && string.Equals(Rule, other.Rule, StringComparison.Ordinal)
                && string.Equals(Audience, other.Audience, StringComparison.Ordinal)
                && string.Equals(Channel, other.Channel, StringComparison.Ordinal)
                && string.Equals(Recipient, other.Recipient, StringComparison.Ordinal)
                && string.Equals(Severity, other.Severity, StringComparison.Ordinal)
                && Immediate == other.Immediate
                && LineId == other.LineId
                && ReceivableId == other.ReceivableId
                && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
                && string.Equals(ContractNo, other.ContractNo, StringComparison.Ordinal)
                && string.Equals(Subject, other.Subject, StringComparison.Ordinal)
                && string.Equals(Body, other.Body, StringComparison.Ordinal)
                && string.Equals(Payload, other.Payload, StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(DedupKey, Channel, Recipient);
}
