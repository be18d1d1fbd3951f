using Reconciler.Domain;

namespace Reconciler.Rules;

/// <summary>
/// A rule finance declares in configuration, without a rebuild: which exceptions (kinds, amount range, customer
/// groups, currencies) alert whom, how urgently. Compiled into an NRules rule at start.
/// </summary>
public sealed record ThresholdRule
{
    /// <summary>The rule's name, unique among the rules; shown on every decision it makes.</summary>
    public required string Name { get; init; }

    /// <summary>The exception kinds it applies to; empty for every kind.</summary>
    public IReadOnlyList<ExceptionKind> Kinds { get; init; } = [];

    /// <summary>The smallest payment amount it applies to (inclusive); none when null.</summary>
    public decimal? MinAmount { get; init; }

    /// <summary>The largest payment amount it applies to (inclusive); none when null.</summary>
    public decimal? MaxAmount { get; init; }

    /// <summary>The customer groups it applies to; empty for every customer.</summary>
    public IReadOnlyList<string> CustomerGroups { get; init; } = [];

    /// <summary>The currencies (ISO codes) it applies to; empty for every currency.</summary>
    public IReadOnlyList<string> Currencies { get; init; } = [];

    /// <summary>The audiences it alerts.</summary>
    public IReadOnlyList<Audience> Audiences { get; init; } = [];

    /// <summary>Further addresses it alerts.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The severity of its alerts.</summary>
    public Severity Severity { get; init; } = Severity.Warning;

    /// <summary>Send at once even in digest mode.</summary>
    public bool Immediate { get; init; }
}
