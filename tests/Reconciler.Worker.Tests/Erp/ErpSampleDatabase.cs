using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Worker.Tests.Erp;

/// <summary>
/// The ERP's own database as <c>reconcile</c> meets it: the sample receivables (<c>samples/receivables.csv</c>) in a
/// table <c>ar_open_items</c> with the Chinese column names of an ERP's open-items report and a status column, in a
/// real SQLite file, or in a PostgreSQL database of its own on the server of <c>RECONCILER_TEST_POSTGRES</c>
/// (dropped when disposed). <see cref="Configuration"/> writes the <c>Receivables:Erp</c> settings that read it.
/// </summary>
internal sealed class ErpSampleDatabase : IDisposable
{
    public const string PostgresVariable = "RECONCILER_TEST_POSTGRES";

    private readonly string? _server;
    private readonly string? _name;

    private ErpSampleDatabase(string provider, string connectionString, string? server = null, string? name = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _server = server;
        _name = name;
        Execute(
            provider == "sqlite"
                ? "CREATE TABLE ar_open_items (合同编号 TEXT NOT NULL, 客户编号 TEXT, 客户名称 TEXT, 应收金额 REAL, 币种 TEXT, 开票日期 TEXT, 到期日 TEXT, 销售负责人 TEXT, 状态 TEXT)"
                : "CREATE TABLE ar_open_items (合同编号 VARCHAR(50) NOT NULL, 客户编号 VARCHAR(20), 客户名称 VARCHAR(200), 应收金额 NUMERIC(18,2), 币种 CHAR(3), 开票日期 DATE, 到期日 DATE, 销售负责人 VARCHAR(100), 状态 VARCHAR(20))");
        foreach (var r in SampleReceivables())
        {
            Execute(
                "INSERT INTO ar_open_items VALUES (@ContractNo, @CustomerId, @CustomerName, @Amount, @Currency, @IssueDate, @DueDate, @SalesOwner, '未收款')",
                new
                {
                    r.ContractNo,
                    r.CustomerId,
                    r.CustomerName,
                    Amount = provider == "sqlite" ? (object)(double)r.Amount : r.Amount,
                    r.Currency,
                    IssueDate = provider == "sqlite" ? (object)r.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : r.IssueDate,
                    DueDate = provider == "sqlite" ? (object)r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : r.DueDate,
                    r.SalesOwner,
                });
        }
    }

    /// <summary>The provider as <c>Receivables:Erp:Provider</c> names it.</summary>
    public string Provider { get; }

    /// <summary>What <c>Receivables:Erp:ConnectionString</c> takes: the file's path for SQLite.</summary>
    public string ConnectionString { get; }

    /// <summary>The 14 sample receivables, as the ERP starts out holding them (all open).</summary>
    public static IReadOnlyList<Receivable> SampleReceivables()
    {
        using var stream = File.OpenRead(Repository.Samples("receivables.csv"));
        return ReceivableCsvReader.Read(stream, "receivables.csv");
    }

    /// <summary>A SQLite ERP file at <paramref name="path"/>.</summary>
    public static ErpSampleDatabase Sqlite(string path) => new("sqlite", path);

    /// <summary>A PostgreSQL ERP database; skips the test without <c>RECONCILER_TEST_POSTGRES</c>, or fails it under CI.</summary>
    public static ErpSampleDatabase Postgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            var message = $"{PostgresVariable} is not set: the PostgreSQL ERP test is skipped (set it to a connection string of a server where databases may be created, e.g. Host=/tmp;Port=5432;Username=postgres;Database=postgres)";
            if (RealData.UnderCi)
            {
                Assert.Fail(message + "; under CI (CI=true) it must be set");
            }

            Skip.If(true, message);
        }

        var name = "erp_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE \"{name}\"");
        }

        return new ErpSampleDatabase("postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, server, name);
    }

    /// <summary>Runs a statement against the ERP database (as the ERP's own users would change it).</summary>
    public void Execute(string sql, object? parameters = null)
    {
        if (Provider == "sqlite")
        {
            using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ConnectionString, Pooling = false }.ToString());
            sqlite.Open();
            sqlite.Execute(sql, parameters);
            return;
        }

        using var postgres = new NpgsqlConnection(ConnectionString);
        postgres.Open();
        postgres.Execute(sql, parameters);
    }

    /// <summary>Sets the ERP's status of one contract.</summary>
    public void SetStatus(string contractNo, string status) =>
        Execute("UPDATE ar_open_items SET 状态 = @Status WHERE 合同编号 = @ContractNo", new { Status = status, ContractNo = contractNo });

    /// <summary>
    /// Writes a configuration file whose <c>Receivables:Erp</c> section reads this database (the connection string
    /// included, unless <paramref name="withConnectionString"/> is false: then it must come from the environment).
    /// </summary>
    public string Configuration(string path, bool complete = false, string query = "SELECT * FROM ar_open_items ORDER BY 合同编号", bool withConnectionString = true)
    {
        var erp = new Dictionary<string, object>
        {
            ["Provider"] = Provider,
            ["Query"] = query,
            ["Columns"] = new Dictionary<string, string>
            {
                ["ContractNo"] = "合同编号", ["CustomerId"] = "客户编号", ["CustomerName"] = "客户名称", ["Amount"] = "应收金额", ["Currency"] = "币种",
                ["IssueDate"] = "开票日期", ["DueDate"] = "到期日", ["SalesOwner"] = "销售负责人", ["Status"] = "状态",
            },
            ["PaidValues"] = new[] { "已收款", "已结清" },
            ["CancelledValues"] = new[] { "已作废" },
            ["Complete"] = complete,
        };
        if (withConnectionString)
        {
            erp["ConnectionString"] = ConnectionString;
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new { Receivables = new { Erp = erp } }));
        return path;
    }

    public void Dispose()
    {
        if (_server is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }
}
