namespace Reconciler.Storage;

/// <summary>What importing one statement file did.</summary>
/// <param name="FileId">The file's id in the ledger.</param>
/// <param name="AlreadyImported">True when a file with the same SHA-256 was imported before: nothing was imported now.</param>
/// <param name="ImportedAt">When the file was (first) imported, ISO 8601 UTC.</param>
/// <param name="Lines">The lines stored now (empty for a file imported before).</param>
/// <param name="Duplicates">How many of them repeat a line stored before (an overlapping export).</param>
public sealed record StatementImport(long FileId, bool AlreadyImported, string ImportedAt, IReadOnlyList<StoredLine> Lines, int Duplicates);
