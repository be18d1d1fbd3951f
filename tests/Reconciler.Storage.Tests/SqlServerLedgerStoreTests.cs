namespace Reconciler.Storage.Tests;

/// <summary>The store suite on SQL Server: a database per test on the server of <c>RECONCILER_TEST_SQLSERVER</c>, skipped without it.</summary>
public sealed class SqlServerLedgerStoreTests() : LedgerStoreTests(StorageProvider.SqlServer);
