using Reconciler.Domain;

namespace Reconciler.Storage;

/// <summary>
/// A statement file's lines with their ledger identities worked out (a SHA-256 per line), ready for
/// <see cref="LedgerStore.ImportStatement(string, string, string, PreparedLines, string)"/>. The work needs no
/// database, so it can be done on any thread, before the import's transaction (which on SQLite holds the write lock).
/// </summary>
public sealed class PreparedLines
{
    private PreparedLines(IReadOnlyList<StatementLine> lines, string[] keys)
    {
        Lines = lines;
        Keys = keys;
    }

    /// <summary>The file's lines, in file order.</summary>
    public IReadOnlyList<StatementLine> Lines { get; }

    /// <summary>Each line's identity, in the same order.</summary>
    internal string[] Keys { get; }

    /// <summary>Works out the identities of <paramref name="lines"/> (the lines of one file, in file order).</summary>
    public static PreparedLines Of(IReadOnlyList<StatementLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new PreparedLines(lines, LineKeys.Of(lines));
    }
}
