namespace Reconciler.Rules;

/// <summary>What one rules session decided, in a stable order, stamped with the rule-set version.</summary>
public sealed record RuleDecisions
{
    /// <summary>The version of the rule set (code and configuration) that decided.</summary>
    public required string RuleSetVersion { get; init; }

    /// <summary>Alerts to send.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];

    /// <summary>Escalations to the finance manager.</summary>
    public IReadOnlyList<Escalation> Escalations { get; init; } = [];

    /// <summary>Customers flagged to the sales manager.</summary>
    public IReadOnlyList<Flag> Flags { get; init; } = [];

    /// <summary>Credit holds to open.</summary>
    public IReadOnlyList<CreditHold> Holds { get; init; } = [];

    /// <summary>Credit holds to release.</summary>
    public IReadOnlyList<CreditRelease> Releases { get; init; } = [];

    /// <summary>Credit holds that stay in force with a new cause or new figures.</summary>
    public IReadOnlyList<CreditHoldRevision> Revisions { get; init; } = [];
}
