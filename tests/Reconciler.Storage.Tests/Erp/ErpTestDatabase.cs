using System.Data.Common;
using Dapper;
using Reconciler.Storage.Erp;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// An ERP's own database for one test, on a real engine: a SQLite file in a temp folder, or a database created on
/// the PostgreSQL server of <c>RECONCILER_TEST_POSTGRES</c>. It holds the table <c>ar_open_items</c> with the
/// Chinese column names of an ERP's open-items report; <see cref="Source"/> is the query that reads it.
/// </summary>
internal abstract class ErpTestDatabase : IDisposable
{
    /// <summary>The ERP's query: every open item, in contract order.</summary>
    public const string Query = "SELECT * FROM ar_open_items ORDER BY 合同编号";

    /// <summary>The column map of <c>ar_open_items</c>.</summary>
    public static ErpColumns ChineseColumns { get; } = new()
    {
        ContractNo = "合同编号",
        CustomerId = "客户编号",
        CustomerName = "客户名称",
        Amount = "应收金额",
        Currency = "币种",
        IssueDate = "开票日期",
        DueDate = "到期日",
        SalesOwner = "销售负责人",
        Status = "状态",
    };

    /// <summary>The engine.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>The connection string the ERP source takes.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A new ERP database with an empty <c>ar_open_items</c>; skips or fails the test when its server is not given.</summary>
    public static ErpTestDatabase Create(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteErpDatabase(),
        StorageProvider.Postgres => new PostgresErpDatabase(DatabaseServers.Require(provider)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "ERP test databases are SQLite or PostgreSQL"),
    };

    /// <summary>The ERP source reading <c>ar_open_items</c> (or <paramref name="query"/>) with the Chinese column map.</summary>
    public ErpSource Source(string query = Query, bool complete = false) => new(Provider, ConnectionString, query)
    {
        Columns = ChineseColumns,
        PaidValues = ["已收款", "已结清"],
        CancelledValues = ["已作废"],
        Complete = complete,
    };

    /// <summary>Adds one open item; dates as days, the amount as a number (each engine stores them its own way).</summary>
    public void Add(string contractNo, string customerId, string customerName, decimal amount, string issueDate, string dueDate, string status = "未收款", string currency = "CNY", string owner = "李伟") =>
        Execute(
            """
            INSERT INTO ar_open_items (合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日, 状态, 销售负责人)
            VALUES (@ContractNo, @CustomerId, @CustomerName, @Amount, @Currency, @IssueDate, @DueDate, @Status, @Owner)
            """,
            new
            {
                ContractNo = contractNo,
                CustomerId = customerId,
                CustomerName = customerName,
                Amount = AmountValue(amount),
                Currency = currency,
                IssueDate = DateValue(issueDate),
                DueDate = DateValue(dueDate),
                Status = status,
                Owner = owner,
            });

    /// <summary>Runs a statement against the ERP database.</summary>
    public void Execute(string sql, object? parameters = null)
    {
        using var connection = Open();
        connection.Execute(sql, parameters);
    }

    /// <summary>An open connection of the test's own.</summary>
    public abstract DbConnection Open();

    public abstract void Dispose();

    /// <summary>The amount as the engine's column takes it.</summary>
    protected abstract object AmountValue(decimal amount);

    /// <summary>A <c>yyyy-MM-dd</c> day as the engine's column takes it.</summary>
    protected abstract object DateValue(string day);
}
