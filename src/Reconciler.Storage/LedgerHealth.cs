namespace Reconciler.Storage;

/// <summary>What a health check reports of the ledger.</summary>
/// <param name="SchemaVersion">The schema version (0 before the first migration).</param>
/// <param name="LastFile">The name of the statement file imported last; null before the first.</param>
/// <param name="LastImportAt">When it was imported (UTC, ISO 8601).</param>
/// <param name="LastRunId">The last match run; null before the first.</param>
/// <param name="LastRunAt">When it finished (UTC, ISO 8601).</param>
public sealed record LedgerHealth(int SchemaVersion, string? LastFile, string? LastImportAt, long? LastRunId, string? LastRunAt);
