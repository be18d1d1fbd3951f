namespace Reconciler.Files;

/// <summary>What <see cref="StatementReader.Check"/> found: the lines it could read and the problems, for a clerk trying a profile.</summary>
/// <param name="File">The file as read (rows with problems left out), or null when it could not be read at all.</param>
/// <param name="Problems">The first problems, in file order.</param>
/// <param name="ProblemCount">How many problems there were in all.</param>
public sealed record StatementCheck(StatementFile? File, IReadOnlyList<InputFormatException> Problems, int ProblemCount);
