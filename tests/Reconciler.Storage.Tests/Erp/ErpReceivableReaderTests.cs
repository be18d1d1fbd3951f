using Reconciler.Storage.Erp;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// The ERP query reader against a real ERP database, once per engine (<see cref="SqliteErpReceivableReaderTests"/>,
/// <see cref="PostgresErpReceivableReaderTests"/>): columns mapped by name, values of the engine's own types, and
/// every bad value an error that names the query, the row, the column, the value and what was expected.
/// </summary>
public abstract class ErpReceivableReaderTests : IDisposable
{
    private readonly StorageProvider _provider;
    private ErpTestDatabase? _erp;

    protected ErpReceivableReaderTests(StorageProvider provider) => _provider = provider;

    /// <summary>The test's ERP database, created on first use (where a missing server skips or fails the test).</summary>
    private protected ErpTestDatabase Erp => _erp ??= ErpTestDatabase.Create(_provider);

    public void Dispose()
    {
        _erp?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Three open items: one open, one paid, one cancelled.</summary>
    private protected void AddThree()
    {
        Erp.Add("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10_000.00m, "2026-01-05", "2026-02-04");
        Erp.Add("KL26-004513", "C0001", "上海瑞康医疗器械有限公司", 4_280.50m, "2026-01-12", "2026-02-26", status: "已收款", owner: "");
        Erp.Add("KL26-004520", "C0002", "Northwind Medical Supplies Ltd", 23_500.00m, "2026-01-08", "2026-03-09", status: "已作废", currency: "EUR");
    }

    [SkippableFact]
    public void Read_ChineseColumns_MapsEveryFieldAndStatus()
    {
        // Arrange
        AddThree();

        // Act
        var rows = ErpReceivableReader.Read(Erp.Source());

        // Assert
        Assert.Equal(3, rows.Count);
        var first = rows[0].Receivable;
        Assert.Equal(("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10_000.00m, "CNY"), (first.ContractNo, first.CustomerId, first.CustomerName, first.Amount, first.Currency));
        Assert.Equal((new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 4), "李伟"), (first.IssueDate, first.DueDate, first.SalesOwner));
        Assert.Equal("KL26004512", first.Key);
        Assert.Equal("ERP query erp, row 1", first.Source);
        Assert.Equal([ErpStatus.Open, ErpStatus.Paid, ErpStatus.Cancelled], rows.Select(r => r.Status));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Row));
        Assert.Equal(4_280.50m, rows[1].Receivable.Amount);
        Assert.Equal("", rows[1].Receivable.SalesOwner);
        Assert.Equal("EUR", rows[2].Receivable.Currency);
    }

    [SkippableFact]
    public void Read_ColumnsNamedInOtherCaseWithGenericMap_MatchesThemCaseInsensitively()
    {
        // Arrange: the query aliases the columns (upper case, padded); the default map names them in lower case.
        AddThree();
        const string query = """
            SELECT 合同编号 AS "CONTRACT_NO", 客户编号 AS "Customer_Id", 客户名称 AS "CUSTOMER_NAME", 应收金额 AS "Amount",
                币种 AS "Currency", 开票日期 AS "ISSUE_DATE", 到期日 AS "Due_Date"
            FROM ar_open_items ORDER BY 合同编号
            """;

        // Act
        var rows = ErpReceivableReader.Read(new ErpSource(Erp.Provider, Erp.ConnectionString, query));

        // Assert: no status column, so every row is open; no sales owner column, so owners are empty.
        Assert.Equal(["KL26-004512", "KL26-004513", "KL26-004520"], rows.Select(r => r.Receivable.ContractNo));
        Assert.All(rows, r => Assert.Equal(ErpStatus.Open, r.Status));
        Assert.All(rows, r => Assert.Equal("", r.Receivable.SalesOwner));
        Assert.Equal(23_500m, rows[2].Receivable.Amount);
    }

    [SkippableFact]
    public void Read_AmountsAsTextDoubleAndInteger_ReadsEachExactly()
    {
        // Arrange
        AddThree();
        string Query(string amount) => $"SELECT 合同编号, 客户编号, 客户名称, {amount} AS 应收金额, 币种, 开票日期, 到期日, 状态, 销售负责人 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var asText = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 AS TEXT)")));
        var asDouble = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 AS DOUBLE PRECISION)")));
        var asInteger = ErpReceivableReader.Read(Erp.Source(Query("CAST(应收金额 * 100 AS INTEGER)")));
        var grouped = ErpReceivableReader.Read(Erp.Source(Query("CASE WHEN 合同编号 = 'KL26-004520' THEN ' 1,234,567.89 ' ELSE '0.5' END")));

        // Assert
        Assert.Equal([10_000m, 4_280.5m, 23_500m], asText.Select(r => r.Receivable.Amount));
        Assert.Equal([10_000m, 4_280.5m, 23_500m], asDouble.Select(r => r.Receivable.Amount));
        Assert.Equal([1_000_000m, 428_050m, 2_350_000m], asInteger.Select(r => r.Receivable.Amount));
        Assert.Equal([0.5m, 0.5m, 1_234_567.89m], grouped.Select(r => r.Receivable.Amount));
    }

    [SkippableFact]
    public void Read_DatesAsTextWithTimesAndOffsets_ReadsTheDayAsWritten()
    {
        // Arrange
        AddThree();
        const string dates = """
            CASE 合同编号 WHEN 'KL26-004512' THEN '2026-02-04 17:45:00' WHEN 'KL26-004513' THEN '2026-02-26T00:00:00+08:00' ELSE '2026/3/9' END
            """;
        var query = $"SELECT 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, {dates} AS 到期日, 状态 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var rows = ErpReceivableReader.Read(Erp.Source(query) with { DateFormats = ["yyyy/M/d"] });

        // Assert
        Assert.Equal([new DateOnly(2026, 2, 4), new DateOnly(2026, 2, 26), new DateOnly(2026, 3, 9)], rows.Select(r => r.Receivable.DueDate));
    }

    [SkippableFact]
    public void Read_NoIssueDateNoCustomerIdNoCurrencyColumns_DueDateNameAndDefaultCurrencyStandIn()
    {
        // Arrange
        AddThree();
        var source = Erp.Source("SELECT 合同编号, 客户名称, 应收金额, 到期日 FROM ar_open_items ORDER BY 合同编号") with
        {
            Columns = ErpTestDatabase.ChineseColumns with { CustomerId = null, Currency = null, IssueDate = null, Status = null },
            DefaultCurrency = "HKD",
        };

        // Act
        var first = ErpReceivableReader.Read(source)[0].Receivable;

        // Assert
        Assert.Equal(("上海瑞康医疗器械有限公司", "HKD", new DateOnly(2026, 2, 4)), (first.CustomerId, first.Currency, first.IssueDate));
    }

    [SkippableFact]
    public void Read_BadAmount_ErrorNamesQueryRowColumnValueAndExpectation()
    {
        // Arrange
        AddThree();
        var query = "SELECT 合同编号, 客户编号, 客户名称, CASE WHEN 合同编号 = 'KL26-004513' THEN '4,28O.50' ELSE CAST(应收金额 AS TEXT) END AS 应收金额, 币种, 开票日期, 到期日, 状态 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(query)));

        // Assert
        Assert.StartsWith($"ERP query erp ({ProviderName} ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(", row 2, column 应收金额: \"4,28O.50\" is not an amount (expected a number such as 1234.56 or 1,234.56)", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, "应收金额", "4,28O.50"), (error.Row, error.Column, error.Value));
    }

    [SkippableTheory]
    [InlineData("'2026-02-30'", "\"2026-02-30\" is not a date (expected a date value, or text in ISO 8601 such as 2026-01-31)")]
    [InlineData("NULL", "the value is NULL (expected a date such as 2026-01-31)")]
    [InlineData("'  '", "the value is empty (expected a date such as 2026-01-31)")]
    public void Read_BadDueDate_ErrorSaysWhatWasExpected(string value, string problem)
    {
        // Arrange
        AddThree();
        var query = $"SELECT 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, CASE WHEN 合同编号 = 'KL26-004520' THEN {value} ELSE CAST(到期日 AS TEXT) END AS 到期日, 状态 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(query)));

        // Assert
        Assert.EndsWith($", row 3, column 到期日: {problem}", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("'-100.00'", "\"-100.00\" is negative")]
    [InlineData("'12.34567'", "\"12.34567\" has more than four decimals")]
    [InlineData("'99999999999999999'", "\"99999999999999999\" is more than the ledger keeps (922,337,203,685,477.5807)")]
    [InlineData("'1,2,3'", "\"1,2,3\" is not an amount")]
    [InlineData("'12 EUR'", "\"12 EUR\" is not an amount")]
    [InlineData("NULL", "the value is NULL (expected an amount")]
    public void Read_AmountNotUsable_ErrorAtTheRow(string value, string problem)
    {
        // Arrange
        AddThree();
        var query = $"SELECT 合同编号, 客户编号, 客户名称, CASE WHEN 合同编号 = 'KL26-004512' THEN {value} ELSE '1.00' END AS 应收金额, 币种, 开票日期, 到期日, 状态 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(query)));

        // Assert
        Assert.Contains($", row 1, column 应收金额: {problem}", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Read_EmptyContractAndBadCurrency_ErrorsNameTheColumn()
    {
        // Arrange
        AddThree();
        var emptyContract = "SELECT CASE WHEN 合同编号 = 'KL26-004513' THEN '' ELSE 合同编号 END AS 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日, 状态 FROM ar_open_items ORDER BY 客户编号, 应收金额";
        var badCurrency = "SELECT 合同编号, 客户编号, 客户名称, 应收金额, CASE WHEN 合同编号 = 'KL26-004520' THEN 'EURO' ELSE 币种 END AS 币种, 开票日期, 到期日, 状态 FROM ar_open_items ORDER BY 合同编号";

        // Act
        var contract = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(emptyContract)));
        var currency = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(badCurrency)));

        // Assert
        Assert.EndsWith(", row 1, column 合同编号: the value is empty (expected a contract number)", contract.Message, StringComparison.Ordinal);
        Assert.EndsWith(", row 3, column 币种: \"EURO\" is not a currency (expected a code of three letters such as CNY)", currency.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Read_MappedColumnMissing_ErrorListsTheResultsColumns()
    {
        // Arrange
        AddThree();

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source("SELECT 合同编号, 客户编号, 客户名称, 币种, 开票日期, 到期日, 状态 FROM ar_open_items")));

        // Assert
        Assert.EndsWith(", column 应收金额: the result has no such column (mapped to Amount); its columns: 合同编号, 客户编号, 客户名称, 币种, 开票日期, 到期日, 状态", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Row);
    }

    [SkippableFact]
    public void Read_SameReceivableTwice_ErrorNamesBothRows()
    {
        // Arrange
        AddThree();
        Erp.Add("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 9_000.00m, "2026-01-05", "2026-02-04");

        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(ErpTestDatabase.Query + ", 应收金额 DESC")));

        // Assert
        Assert.EndsWith(", row 2, column 合同编号: contract KL26-004512 of customer C0001 is also row 1 (expected each receivable once: a query with a join may repeat rows)", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Read_CompleteListThatIsEmpty_RefusedRatherThanCancelEverything()
    {
        // Act
        var error = Assert.Throws<ErpFormatException>(() => ErpReceivableReader.Read(Erp.Source(complete: true)));
        var notComplete = ErpReceivableReader.Read(Erp.Source(complete: false));

        // Assert
        Assert.Contains("the query returned no rows", error.Message, StringComparison.Ordinal);
        Assert.Empty(notComplete);
    }

    [SkippableFact]
    public void Read_QueryThatWrites_FailsAndTheErpKeepsItsRows()
    {
        // Arrange
        AddThree();

        // Act
        Assert.ThrowsAny<System.Data.Common.DbException>(() => ErpReceivableReader.Read(Erp.Source("DELETE FROM ar_open_items")));

        // Assert: the ERP's database is only ever read.
        Assert.Equal(3, ErpReceivableReader.Read(Erp.Source()).Count);
    }

    [SkippableFact]
    public void Read_Cancelled_ThrowsWithoutReading()
    {
        // Arrange
        AddThree();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // Act / Assert
        Assert.ThrowsAny<OperationCanceledException>(() => ErpReceivableReader.Read(Erp.Source(), cancelled.Token));
    }

    private string ProviderName => _provider == StorageProvider.Sqlite ? "sqlite" : "postgres";
}
