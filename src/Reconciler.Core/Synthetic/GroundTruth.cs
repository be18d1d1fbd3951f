using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>The right answer for one generated statement line.</summary>
/// <param name="File">The statement file name the line is written to.</param>
/// <param name="Row">Its row in that file (header is row 1).</param>
/// <param name="Case">Which situation the line was generated for.</param>
/// <param name="Status">The status a careful clerk would give it.</param>
/// <param name="Contracts">
/// The contract numbers (as written in the receivables) the line pays; for lines that need a person, the
/// contracts that must be among the candidates. Empty for unrelated income, debits and duplicates.
/// </param>
public sealed record GroundTruth(string File, int Row, SyntheticCase Case, MatchStatus Status, IReadOnlyList<string> Contracts)
{
    /// <summary>True when the line should be matched or partially matched without a person.</summary>
    public bool Automatic => Status is MatchStatus.Matched or MatchStatus.Partial;
}
