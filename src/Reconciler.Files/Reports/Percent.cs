namespace Reconciler.Files;

/// <summary>A cell value shown as a percentage (<c>0.0%</c>): 0.5 is 50.0%.</summary>
/// <param name="Fraction">The fraction.</param>
public readonly record struct Percent(double Fraction);
