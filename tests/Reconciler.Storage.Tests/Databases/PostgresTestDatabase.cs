using System.Data.Common;
using Dapper;
using Npgsql;

namespace Reconciler.Storage.Tests.Databases;

/// <summary>A database of its own, created on the server of <c>RECONCILER_TEST_POSTGRES</c> and dropped after the test.</summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = "reconciler_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestDatabase(string serverConnectionString)
    {
        _server = serverConnectionString;
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE \"{_name}\"");
        }

        Location = new StoreLocation(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString);
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override StoreLocation Location { get; }

    public override string TablesQuery =>
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(Location.ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        using (var pooled = new NpgsqlConnection(Location.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}
