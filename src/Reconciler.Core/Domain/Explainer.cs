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

    /// <summary>
    /// Writes what <see cref="Explain"/> returns into <paramref name="destination"/>, without making the string; false
    /// (nothing to use) when it does not fit.
    /// </summary>
    public abstract bool TryWrite(MatchResult result, Span<char> destination, out int written);
}
