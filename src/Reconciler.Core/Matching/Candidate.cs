namespace Reconciler.Matching;

/// <summary>A receivable proposed for a line that needs a person, with its score (0 to 1).</summary>
/// <param name="Receivable">Index of the receivable in the index.</param>
/// <param name="Score">Higher is better.</param>
/// <param name="Distance">Absolute difference between payment and open amount, for ranking ties.</param>
internal readonly record struct Candidate(int Receivable, double Score, decimal Distance);
