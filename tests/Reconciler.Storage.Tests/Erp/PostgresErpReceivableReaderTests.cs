using Reconciler.Storage.Erp;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// The ERP reader on a PostgreSQL ERP (<c>RECONCILER_TEST_POSTGRES</c>; skipped without it, failed without it under
/// <c>CI=true</c>), plus the engine's own types: <c>numeric</c>, <c>real</c>, <c>bigint</c>, <c>date</c>,
/// <c>timestamp</c> and <c>timestamptz</c>.
/// </summary>
public sealed class PostgresErpReceivableReaderTests() : ErpReceivableReaderTests(StorageProvider.Postgres)
{
    [SkippableFact]
    public void Read_PostgresTypes_ReadsNumbersAndDaysOfEveryType()
    {
        // Arrange
        AddThree();
        string Query(string amount) => $"""
            SELECT 合同编号, CAST(SUBSTRING(客户编号 FROM 2) AS BIGINT) AS 客户编号, 客户名称, {amount} AS 应收金额, LOWER(币种) AS 币种,
                CAST(开票日期 AS TIMESTAMP) + INTERVAL '13 hours' AS 开票日期, 到期日, 状态
            FROM ar_open_items ORDER BY 合同编号
            """;

        // Act
        var numeric = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 AS NUMERIC(20,6))")));
        var real = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 AS REAL)")));
        var bigint = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 * 100 AS BIGINT)")));

        // Assert
        Assert.Equal(["1", "1", "2"], numeric.Select(r => r.Receivable.CustomerId));
        Assert.Equal([10_000m, 4_280.5m, 23_500m], numeric.Select(r => r.Receivable.Amount));
        Assert.Equal([10_000m, 4_280.5m, 23_500m], real.Select(r => r.Receivable.Amount));
        Assert.Equal([1_000_000m, 428_050m, 2_350_000m], bigint.Select(r => r.Receivable.Amount));
        Assert.Equal(["CNY", "CNY", "EUR"], numeric.Select(r => r.Receivable.Currency));
        Assert.Equal([new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 8)], numeric.Select(r => r.Receivable.IssueDate));
        Assert.Equal(new DateOnly(2026, 2, 4), numeric[0].Receivable.DueDate);
    }
}
