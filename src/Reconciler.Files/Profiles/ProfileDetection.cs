namespace Reconciler.Files;

/// <summary>The profile <see cref="ProfileDetector"/> chose for a file, how, and what it noticed on the way.</summary>
/// <param name="Profile">The profile to read the file with.</param>
/// <param name="HowChosen"><c>recognised by its header</c> (a known profile) or <c>detected</c> (built from the file).</param>
/// <param name="Notes">What a clerk should check in a detected profile (an ambiguous date order, a guessed currency).</param>
public sealed record ProfileDetection(BankProfile Profile, string HowChosen, IReadOnlyList<string> Notes);
