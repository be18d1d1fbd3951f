namespace Reconciler.Storage.Tests;

/// <summary>The store suite on the embedded SQLite file, in a temp folder per test.</summary>
public sealed class SqliteLedgerStoreTests() : LedgerStoreTests(StorageProvider.Sqlite);
