using Reconciler.Storage.Erp;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>The ERP reader on a SQLite ERP, plus what only SQLite's loose typing allows: one column holding numbers and text.</summary>
public sealed class SqliteErpReceivableReaderTests() : ErpReceivableReaderTests(StorageProvider.Sqlite)
{
    [Fact]
    public void Read_OneColumnOfIntegersRealsAndText_ReadsEachKind()
    {
        // Arrange: what an ERP that stored amounts and dates however its screens gave them holds.
        Erp.Execute(
            """
            INSERT INTO ar_open_items (合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日, 状态) VALUES
                ('A-1', 1001, '甲公司', 5000, 'cny', '2026-01-05', '2026-02-04', NULL),
                ('A-2', 1001, '甲公司', 1234.56, 'RMB', 20260105, '2026-02-04 00:00:00', '已结清'),
                ('A-3', 1002, '乙公司', '12,345.60', '', '2026-01-05T09:30:00', '2026-02-04', ' 已作废 '),
                ('A-4', 1002, '乙公司', 0.1, '人民币', '2026-01-05', '2026-02-04', 'PAID')
            """);
        var source = Erp.Source() with { DateFormats = ["yyyyMMdd"], PaidValues = ["已结清", "paid"] };

        // Act
        var rows = ErpReceivableReader.Read(source);

        // Assert
        Assert.Equal([5000m, 1234.56m, 12_345.60m, 0.1m], rows.Select(r => r.Receivable.Amount));
        Assert.Equal(["1001", "1001", "1002", "1002"], rows.Select(r => r.Receivable.CustomerId));
        Assert.All(rows, r => Assert.Equal("CNY", r.Receivable.Currency));
        Assert.All(rows, r => Assert.Equal(new DateOnly(2026, 1, 5), r.Receivable.IssueDate));
        Assert.Equal([ErpStatus.Open, ErpStatus.Paid, ErpStatus.Cancelled, ErpStatus.Paid], rows.Select(r => r.Status));
    }

    [Fact]
    public void Read_BlobInATextColumn_ErrorSaysItIsNotText()
    {
        // Arrange
        Erp.Execute("INSERT INTO ar_open_items VALUES (X'0102', 'C1', '甲公司', 1, 'CNY', '2026-01-05', '2026-02-04', NULL, NULL)");

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source()));

        // Assert
        Assert.EndsWith(", row 1, column 合同编号: 2 bytes of binary data is not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableMissing_DatabaseErrorAndTheFileIsNotCreated()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "reconciler-erp-missing-" + Guid.NewGuid().ToString("N") + ".db");

        // Act
        Assert.ThrowsAny<System.Data.Common.DbException>(() => ErpReceivableReader.Read(new ErpSource(StorageProvider.Sqlite, missing, "SELECT 1")));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => ErpReceivableReader.Read(Erp.Source("SELECT * FROM ar_items")));

        // Assert: a read-only open never creates the file.
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Description_PostgresWithPassword_NeverShowsIt()
    {
        // Arrange
        var source = new ErpSource(StorageProvider.Postgres, "Host=erp.example.com;Database=ar;Username=reader;Password=s3cret", "SELECT 1");

        // Act / Assert
        Assert.Equal("ERP query erp (postgres erp.example.com/ar)", source.Description);
        Assert.Equal(source.Description, source.ToString());
        Assert.DoesNotContain("s3cret", $"{source}", StringComparison.Ordinal);
    }
}
