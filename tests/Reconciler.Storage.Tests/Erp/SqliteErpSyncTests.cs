namespace Reconciler.Storage.Tests.Erp;

/// <summary>The ERP sync with the ERP and the ledger in SQLite files.</summary>
public sealed class SqliteErpSyncTests() : ErpSyncTests(StorageProvider.Sqlite);
