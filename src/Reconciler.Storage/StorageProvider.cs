namespace Reconciler.Storage;

/// <summary>The databases the ledger can live in.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file: the default, no set-up.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for larger installations and several workers.</summary>
    Postgres,

    /// <summary>A SQL Server database, for larger installations and several workers.</summary>
    SqlServer,
}
