using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// An ERP database of its own on the PostgreSQL server of <c>RECONCILER_TEST_POSTGRES</c>, dropped after the test.
/// Columns have the types an ERP on PostgreSQL gives them: <c>numeric(18,2)</c> amounts, <c>date</c> days.
/// </summary>
internal sealed class PostgresErpDatabase : ErpTestDatabase
{
    private readonly string _server;
    private readonly string _name = "erp_test_" + Guid.NewGuid().ToString("N");

    public PostgresErpDatabase(string serverConnectionString)
    {
        _server = serverConnectionString;
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE \"{_name}\"");
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
        Execute(
            """
            CREATE TABLE ar_open_items (
                合同编号 VARCHAR(50) NOT NULL, 客户编号 VARCHAR(20), 客户名称 VARCHAR(200), 应收金额 NUMERIC(18,2), 币种 CHAR(3),
                开票日期 DATE, 到期日 DATE, 状态 VARCHAR(20), 销售负责人 VARCHAR(100))
            """);
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string ConnectionString { get; }

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    protected override object AmountValue(decimal amount) => amount;

    protected override object DateValue(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
