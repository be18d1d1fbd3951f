namespace Reconciler.Storage.Tests;

/// <summary>
/// The store suite on PostgreSQL: a database per test on the server of <c>RECONCILER_TEST_POSTGRES</c> (skipped
/// without it, failed without it under <c>CI=true</c>; <c>scripts/test.sh</c> starts a private cluster).
/// </summary>
public sealed class PostgresLedgerStoreTests() : LedgerStoreTests(StorageProvider.Postgres);
