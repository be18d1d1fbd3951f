using Reconciler.Domain;

namespace Reconciler.Files.Tests;

public sealed partial class ReceivableCsvReaderTests : IDisposable
{
    private const string Header = "contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_DefaultColumns_ReturnsReceivablesWithSource()
    {
        // Arrange
        _folder.WriteText("receivables.csv", $"""
            {Header}
            KL26-004512,C0042,上海第一人民医院,10000.00,cny,2026-01-05,2026-03-31,li.wei@example.com
            KL26-004513,C0043,"Klinikum ""Nord"", Hamburg",-250.5,EUR,2026-01-06,2026-04-30,
            """);
        using var stream = _folder.OpenRead("receivables.csv");

        // Act
        var receivables = ReceivableCsvReader.Read(stream, "receivables.csv");

        // Assert
        Assert.Equal(
            [
                new Receivable("KL26-004512", "C0042", "上海第一人民医院", 10_000m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "li.wei@example.com") { Source = "receivables.csv, row 2" },
                new Receivable("KL26-004513", "C0043", "Klinikum \"Nord\", Hamburg", -250.5m, "EUR", new DateOnly(2026, 1, 6), new DateOnly(2026, 4, 30), "") { Source = "receivables.csv, row 3" },
            ],
            receivables);
        Assert.Equal("KL26004512", receivables[0].Key);
    }

    [Fact]
    public void Read_ColumnsInOtherOrderWithoutSalesOwnerAndWithBom_Reads()
    {
        // Arrange
        _folder.WriteText("r.csv", " DUE_DATE ,Amount,Currency,Customer_Name,Customer_Id,Contract_No,Issue_Date,notes\n2026-03-31,1.5,cny,Name,C1,K1,2026-01-05,x\n", byteOrderMark: true);
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal(
            new Receivable("K1", "C1", "Name", 1.5m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "") { Source = "r.csv, row 2" },
            receivable);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Read_EmptyCurrencyCellWithDefaultGiven_ThrowsNamingFileRowAndColumn(string cell)
    {
        // Arrange: the file has a currency column, and its second receivable leaves it empty.
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,1,USD,2026-01-05,2026-03-31,\nK2,C1,N,2,{cell},2026-01-05,2026-03-31,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv", new ReceivableColumns { DefaultCurrency = "usd" }));

        // Assert: refused, not given the default currency.
        Assert.Equal(("r.csv", 3, "currency"), (error.File, error.Row, error.Column));
        Assert.StartsWith("r.csv, row 3, column currency: the value is empty (expected a code of three letters such as USD; only a file without a currency column takes the default currency)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CustomColumnMap_ReadsNamesDelimiterAndDateFormat()
    {
        // Arrange
        var columns = new ReceivableColumns
        {
            ContractNo = "合同号",
            CustomerId = "客户编号",
            CustomerName = "客户名称",
            Amount = "未收金额",
            Currency = "币种",
            IssueDate = "开票日期",
            DueDate = "到期日",
            SalesOwner = "销售",
            Delimiter = ';',
            DateFormats = ["dd/MM/yyyy", "yyyy-MM-dd"],
        };
        _folder.WriteText("erp.csv", "合同号;客户编号;客户名称;未收金额;币种;开票日期;到期日;销售\nKL26-1;C1;医院;99.99;CNY;05/01/2026;2026-03-31;王五\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", columns));

        // Assert
        Assert.Equal(
            new Receivable("KL26-1", "C1", "医院", 99.99m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "王五") { Source = "erp.csv, row 2" },
            receivable);
    }

    [Theory]
    [InlineData("\"10,000.00\"", "10000")]
    [InlineData("10 000", "10000")]
    [InlineData("¥100", "100")]
    [InlineData("(250.50)", "-250.5")]
    public void Read_AmountWithThousandsSeparatorOrSymbolInDefaultMap_ReadsItAsBanksWriteIt(string field, string expected)
    {
        // Arrange: amounts are read as statements read them, whatever the map says about separators and symbols.
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,{field},CNY,2026-01-05,2026-03-31,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), receivable.Amount);
    }

    [Theory]
    [InlineData("\"1.234,56\"", "1.234,56")]
    [InlineData("\"12,34.5\"", "12,34.5")]
    [InlineData("1e5", "1e5")]
    [InlineData("5 DR", "5 DR")]
    [InlineData("--5", "--5")]
    public void Read_AmountNotOneNumber_ThrowsWithValue(string field, string value)
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,{field},CNY,2026-01-05,2026-03-31,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal(("r.csv", 2, "amount", value), (error.File, error.Row, error.Column, error.Value));
        Assert.EndsWith("is not an amount (expected a number such as 1,234.56)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("人民币", "CNY")]
    [InlineData(" eur ", "EUR")]
    [InlineData("€", "EUR")]
    public void Read_CurrencyNameOrSymbol_ReadsTheCode(string currency, string expected)
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,1,{currency},2026-01-05,2026-03-31,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal(expected, receivable.Currency);
    }

    [Fact]
    public void Read_CurrencyNotACurrency_ThrowsWithValue()
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,1,yuan,2026-01-05,2026-03-31,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal("r.csv, row 2, column currency: \"yuan\" is not a currency (expected a code of three letters such as CNY, or a currency name such as 人民币)", error.Message);
    }

    [Fact]
    public void Read_NotUtf8_SaysHowToNameTheEncoding()
    {
        // Arrange: a Windows-1252 é read as UTF-8.
        _folder.WriteBytes("r.csv", [.. System.Text.Encoding.UTF8.GetBytes($"{Header}\nK1,C1,Caf"), 0xE9, .. ",1,CNY,2026-01-05,2026-03-31,\n"u8]);
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains("not valid UTF-8 text", error.Message, StringComparison.Ordinal);
        Assert.Contains("set Receivables:Encoding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf16WithByteOrderMark_ReadsWhateverTheMapSays()
    {
        // Arrange
        _folder.WriteBytes("r.csv", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes($"{Header}\nK1,C1,上海,1,CNY,2026-01-05,2026-03-31,\n")]);
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "r.csv", new ReceivableColumns { Encoding = System.Text.Encoding.Latin1 }));

        // Assert
        Assert.Equal("上海", receivable.CustomerName);
    }

    [Theory]
    [InlineData(",C1,N,1,CNY,2026-01-05,2026-03-31,", "contract_no")]
    [InlineData("K1, ,N,1,CNY,2026-01-05,2026-03-31,", "customer_id")]
    [InlineData("K1,C1,,1,CNY,2026-01-05,2026-03-31,", "customer_name")]
    [InlineData("K1,C1,N,,CNY,2026-01-05,2026-03-31,", "amount")]
    [InlineData("K1,C1,N,1,CNY,,2026-03-31,", "issue_date")]
    [InlineData("K1,C1,N,1,CNY,2026-01-05,,", "due_date")]
    public void Read_RequiredValueEmpty_ThrowsNamingTheColumn(string row, string column)
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK0,C0,N,1,CNY,2026-01-05,2026-03-31,\n{row}\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal((3, column, ""), (error.Row, error.Column, error.Value));
        Assert.StartsWith($"r.csv, row 3, column {column}: the value is empty (expected ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DueDateNotADate_ThrowsWithValue()
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,1,CNY,2026-01-05,31/03/2026,\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal("r.csv, row 2, column due_date: \"31/03/2026\" is not a date (expected yyyy-MM-dd, such as 2026-03-31)", error.Message);
    }

    [Fact]
    public void Read_HeaderWithoutRequiredColumns_ThrowsNamingThem()
    {
        // Arrange
        _folder.WriteText("r.csv", "contract,customer_id,customer_name,amount,issue_date,due_date\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal((1, "contract_no, currency"), (error.Row, error.Column));
    }

    [Fact]
    public void Read_HeaderOnly_ReturnsNothing()
    {
        // Arrange
        _folder.WriteText("r.csv", Header);
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var receivables = ReceivableCsvReader.Read(stream, "r.csv");

        // Assert
        Assert.Empty(receivables);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        // Arrange
        _folder.WriteText("r.csv", "\n\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal((1, null), (error.Row, error.Column));
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithMissingField_Throws()
    {
        // Arrange
        _folder.WriteText("r.csv", $"{Header}\nK1,C1,N,1,CNY,2026-01-05,2026-03-31\n");
        using var stream = _folder.OpenRead("r.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "r.csv"));

        // Assert
        Assert.Equal("r.csv, row 2: the row has 7 values but the header has 8 columns (a value that contains the delimiter must be in quotes)", error.Message);
    }

    [Fact]
    public void Read_InvalidDefaultCurrency_ThrowsArgumentException()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act, Assert
        Assert.Throws<ArgumentException>(() => ReceivableCsvReader.Read(stream, "r.csv", new ReceivableColumns { DefaultCurrency = "yuan" }));
    }
}
