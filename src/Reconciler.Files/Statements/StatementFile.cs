using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>What reading one statement file gave: its lines, the profile that read it, and how that profile was chosen.</summary>
/// <param name="Lines">The transactions in file order.</param>
/// <param name="Profile">The profile used (named, recognised, or detected).</param>
/// <param name="Kind">Text or workbook.</param>
/// <param name="Sheet">The worksheet read, for a workbook.</param>
/// <param name="HowChosen">How the profile was chosen, for a clerk: <c>named</c>, <c>recognised by its header</c>, <c>detected</c>.</param>
public sealed record StatementFile(
    IReadOnlyList<StatementLine> Lines,
    BankProfile Profile,
    FileKind Kind,
    string? Sheet,
    string HowChosen)
{
    /// <summary>
    /// What detection could not be sure of and a clerk should check (a day/month order the dates leave open, a
    /// currency the file does not name); empty when the profile was named or recognised.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
