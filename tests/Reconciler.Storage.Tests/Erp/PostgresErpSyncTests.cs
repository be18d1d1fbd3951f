namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// The ERP sync with the ERP and the ledger in PostgreSQL databases on the server of <c>RECONCILER_TEST_POSTGRES</c>
/// (skipped without it, failed without it under <c>CI=true</c>).
/// </summary>
public sealed class PostgresErpSyncTests() : ErpSyncTests(StorageProvider.Postgres);
