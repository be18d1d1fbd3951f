using System.Diagnostics.CodeAnalysis;

namespace Reconciler.Domain;

/// <summary>The decision for one statement line, with the figures and the rule that decided it.</summary>
/// <remarks>
/// The matcher does not write the sentence of its most common results (matched, duplicate, ignored) when it
/// decides them: it keeps the figures, which the result holds anyway, and <see cref="Explanation"/> writes the
/// sentence from them each time it is read (a file writer, the ledger save, a report), on the reader's thread. A
/// million kept sentences would otherwise be most of the memory a run holds and most of what the garbage
/// collector copies while the matcher runs.
/// </remarks>
public sealed record MatchResult
{
    private readonly string? _explanation;
    private readonly Explainer? _explainer;

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
    /// <remarks>Set it, or let the matcher's explainer write it from the result's figures on each read.</remarks>
    public string Explanation
    {
        get => _explanation ?? _explainer?.Explain(this) ?? "";
        init => _explanation = value;
    }

    /// <summary>
    /// Writes <see cref="Explanation"/> into <paramref name="destination"/> without making a string when the sentence
    /// is written from the figures (a file writer's path for a million results); false when it does not fit.
    /// </summary>
    public bool TryWriteExplanation(Span<char> destination, out int written)
    {
        if (_explanation is not null || _explainer is null)
        {
            var text = _explanation ?? "";
            written = text.TryCopyTo(destination) ? text.Length : 0;
            return written == text.Length;
        }

        return _explainer.TryWrite(this, destination, out written);
    }

    /// <summary>What makes this line an exception for the rules; <see cref="ExceptionKind.None"/> when it is not one.</summary>
    public ExceptionKind Exception { get; init; }

    /// <summary>For <c>duplicate</c>: the line it repeats.</summary>
    public StatementLine? DuplicateOf { get; init; }

    /// <summary>Writes <see cref="Explanation"/> from this result's figures when it was not set.</summary>
    internal Explainer? ExplainedBy
    {
        init => _explainer = value;
    }

    /// <summary>True when <see cref="Explanation"/> is written by <paramref name="explainer"/> when read (no sentence kept).</summary>
    internal bool IsExplainedBy(Explainer explainer) => _explanation is null && ReferenceEquals(_explainer, explainer);

    /// <summary>
    /// A copy (<c>with</c>) keeps the sentence of the original as text: it was written for the original's figures,
    /// which the copy may change.
    /// </summary>
    [SetsRequiredMembers]
    private MatchResult(MatchResult original)
    {
        Line = original.Line;
        Status = original.Status;
        Allocations = original.Allocations;
        Difference = original.Difference;
        Confidence = original.Confidence;
        Rule = original.Rule;
        _explanation = original.Explanation;
        Exception = original.Exception;
        DuplicateOf = original.DuplicateOf;
    }

    /// <summary>Equal when every public property is (the explanation by its text, however it is kept).</summary>
    public bool Equals(MatchResult? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Equals(Line, other.Line)
                && Status == other.Status
                && Equals(Allocations, other.Allocations)
                && Difference == other.Difference
                && Confidence.Equals(other.Confidence)
                && string.Equals(Rule, other.Rule, StringComparison.Ordinal)
                && Exception == other.Exception
                && Equals(DuplicateOf, other.DuplicateOf)
                && string.Equals(Explanation, other.Explanation, StringComparison.Ordinal)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Line, Status, Allocations, Difference, Confidence, Rule, Exception, DuplicateOf);
}
