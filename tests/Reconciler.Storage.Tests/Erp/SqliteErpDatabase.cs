using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// An ERP database in a SQLite file of a temp folder. <c>应收金额</c> has no declared type, so each row keeps the
/// value it was given (an integer, a real, text), as ERPs on SQLite do; dates are text.
/// </summary>
internal sealed class SqliteErpDatabase : ErpTestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reconciler-erp-tests-" + Guid.NewGuid().ToString("N"));

    public SqliteErpDatabase()
    {
        Directory.CreateDirectory(_folder);
        File = Path.Combine(_folder, "erp.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString();
        Execute(
            """
            CREATE TABLE ar_open_items (
                合同编号 TEXT NOT NULL, 客户编号 TEXT, 客户名称 TEXT, 应收金额, 币种 TEXT,
                开票日期 TEXT, 到期日 TEXT, 状态 TEXT, 销售负责人 TEXT)
            """);
    }

    /// <summary>The SQLite file.</summary>
    public string File { get; }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string ConnectionString { get; }

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }

    protected override object AmountValue(decimal amount) => (double)amount;

    protected override object DateValue(string day) => day;
}
