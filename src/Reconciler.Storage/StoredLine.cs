using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>A statement line as the ledger holds it: its id, the line, its status and, for a duplicate, the line it repeats.</summary>
/// <param name="Id">The line's id in the ledger.</param>
/// <param name="Line">The line (file, row, date, amount…).</param>
/// <param name="Status">The status name (<c>new</c> before its first match run, then a <see cref="MatchStatus"/> name).</param>
/// <param name="DuplicateOf">For a duplicate, the id of the line first stored.</param>
public sealed record StoredLine(long Id, StatementLine Line, string Status, long? DuplicateOf)
{
    /// <summary>The ledger id of the statement file the line came from.</summary>
    public long FileId { get; init; }

    /// <summary>When the line was last changed, as read: a run saves its decision only if the line is still so.</summary>
    public string UpdatedAt { get; init; } = "";
}
