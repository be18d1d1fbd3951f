using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Reconciler.Storage.Tests.Databases;

/// <summary>A database of its own, created on the server of <c>RECONCILER_TEST_SQLSERVER</c> and dropped after the test.</summary>
internal sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = "reconciler_test_" + Guid.NewGuid().ToString("N");

    public SqlServerTestDatabase(string serverConnectionString)
    {
        _server = serverConnectionString;
        using (var connection = new SqlConnection(_server))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE [{_name}] COLLATE Latin1_General_100_BIN2"); // see Migrator.RequireExactCollation
        }

        Location = new StoreLocation(StorageProvider.SqlServer, new SqlConnectionStringBuilder(_server) { InitialCatalog = _name }.ConnectionString);
    }

    public override StorageProvider Provider => StorageProvider.SqlServer;

    public override StoreLocation Location { get; }

    public override string TablesQuery =>
        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = SCHEMA_NAME() ORDER BY TABLE_NAME";

    public override DbConnection Open()
    {
        var connection = new SqlConnection(Location.ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        using (var pooled = new SqlConnection(Location.ConnectionString))
        {
            SqlConnection.ClearPool(pooled);
        }

        using var connection = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master" }.ConnectionString);
        connection.Open();
        connection.Execute($"IF DB_ID(N'{_name}') IS NOT NULL BEGIN ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]; END");
    }
}
