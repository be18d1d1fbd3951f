namespace Reconciler.Domain;

/// <summary>The decision for one statement line, with the figures and the rule that decided it.</summary>
public sealed record MatchResult
{
    /// <summary>The statement line.</summary>
    public required StatementLine Line { get; init; }

    /// <summary>The outcome.</summary>
    public required MatchStatus Status { get; init; }

    /// <summary>
    /// For <c>matched</c> and <c>partial</c>, the amounts applied; for <c>suggested</c>, the ranked candidates,
    /// best first, with the amount that would be applied. Empty otherwise.
    /// </summary>
    public IReadOnlyList<Allocation> Allocations { get; init; } = [];

    /// <summary>Payment minus the open amount(s) it was compared with; zero when nothing was compared.</summary>
    public decimal Difference { get; init; }

    /// <summary>How sure the matcher is, 0 to 1.</summary>
    public double Confidence { get; init; }

    /// <summary>The id of the rule that decided, e.g. <c>reference-amount-window</c>.</summary>
    public required string Rule { get; init; }

    /// <summary>One sentence a clerk can read, with the figures that decided.</summary>
    public required string Explanation { get; init; }

    /// <summary>What makes this line an exception for the rules; <see cref="ExceptionKind.None"/> when it is not one.</summary>
    public ExceptionKind Exception { get; init; }

    /// <summary>For <c>duplicate</c>: the line it repeats.</summary>
    public StatementLine? DuplicateOf { get; init; }
}
