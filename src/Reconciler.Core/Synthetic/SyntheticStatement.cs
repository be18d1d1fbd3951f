using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>One generated statement export.</summary>
/// <param name="File">File name, e.g. <c>statement-a.csv</c>.</param>
/// <param name="Lines">Its lines in file order; <see cref="StatementLine.Row"/> is the row in the file.</param>
public sealed record SyntheticStatement(string File, IReadOnlyList<StatementLine> Lines);
