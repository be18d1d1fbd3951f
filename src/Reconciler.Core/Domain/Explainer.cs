namespace Reconciler.Domain;

/// <summary>
/// Writes the explanation of a <see cref="MatchResult"/> from the figures the result holds (its line, allocations,
/// difference, status), so that the matcher need not keep a sentence per line (see <see cref="MatchResult"/>).
/// Implementations are immutable and shared by many results; they give the same text whenever asked.
/// </summary>
internal abstract class Explainer
{
    /// <summary>The sentence for <paramref name="result"/>.</summary>
    public abstract string Explain(MatchResult result);
}
