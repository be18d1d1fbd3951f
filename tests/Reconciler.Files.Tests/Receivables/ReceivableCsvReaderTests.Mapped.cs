using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files.Tests;

/// <summary>ERP exports read through a column map: other headers, title rows, separators, symbols, encodings.</summary>
public sealed partial class ReceivableCsvReaderTests
{
    private const string ErpHeader = "合同编号,客户编号,客户名称,应收金额,币种,开票日期,到期日,销售负责人";

    private static readonly ReceivableColumns Erp = new()
    {
        ContractNo = "合同编号",
        CustomerId = "客户编号",
        CustomerName = "客户名称",
        Amount = "应收金额",
        Currency = "币种",
        IssueDate = "开票日期",
        DueDate = "到期日",
        SalesOwner = "销售负责人",
        DateFormats = ["yyyy/M/d", "yyyy-MM-dd"],
        ThousandsSeparator = ',',
    };

    [Fact]
    public void Read_ErpExportWithTitleRows_FindsHeaderAndKeepsPhysicalRows()
    {
        // Arrange
        _folder.WriteText("erp.csv", $"""
            应收账款明细表,,,,,,,
            导出日期：2026/3/31,,,,,,,

            {ErpHeader}
            KL26-1,C1,上海第一人民医院,"1,234.56",CNY,2026/1/5,2026/3/31,王五

            KL26-2,C2,北京康泰医院,"12,000.00",人民币,2026-01-06,2026/4/30,
            """);
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivables = ReceivableCsvReader.Read(stream, "erp.csv", Erp);

        // Assert
        Assert.Equal(
            [
                new Receivable("KL26-1", "C1", "上海第一人民医院", 1234.56m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "王五") { Source = "erp.csv, row 5" },
                new Receivable("KL26-2", "C2", "北京康泰医院", 12_000m, "CNY", new DateOnly(2026, 1, 6), new DateOnly(2026, 4, 30), "") { Source = "erp.csv, row 7" },
            ],
            receivables);
    }

    [Theory]
    [InlineData("¥1,234.56", "1234.56")]
    [InlineData("￥ 1,234.56", "1234.56")]
    [InlineData("-¥1,234.56", "-1234.56")]
    [InlineData("¥-1,234.56", "-1234.56")]
    [InlineData("1,234.56元", "1234.56")]
    [InlineData("RMB 1,234,567.5", "1234567.5")]
    [InlineData("1234.56", "1234.56")]
    [InlineData("人民币 1,234.56", "1234.56")]
    [InlineData("-人民币5", "-5")]
    [InlineData("人民币-5", "-5")]
    [InlineData("5 人民币", "5")]
    [InlineData("-5人民币", "-5")]
    [InlineData("rmb 5", "5")]
    [InlineData("HK$ 1,005.50", "1005.50")]
    [InlineData("$-5", "-5")]
    [InlineData(" 5 元 ", "5")]
    [InlineData("+5", "5")]
    public void Read_AmountWithThousandsSeparatorAndSymbolInMap_Reads(string amount, string expected)
    {
        // Arrange: symbols statements know (¥ $ 元, codes such as RMB, HK$) are always read; the map adds its own (人民币, rmb).
        _folder.WriteText("erp.csv", $"{ErpHeader}\nK1,C1,N,\"{amount}\",CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", Erp with { CurrencySymbols = ["¥", "￥", "元", "RMB", "人民币", "rmb"] }));

        // Assert
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), receivable.Amount);
    }

    [Theory]
    [InlineData("人民币")]
    [InlineData("$")]
    [InlineData("--5")]
    [InlineData("-$-5")]
    [InlineData("-人民币-5")]
    [InlineData("5 人民币 5")]
    [InlineData("5 $ 5")]
    public void Read_AmountNotOneAmountWithSymbols_Throws(string amount)
    {
        // Arrange
        _folder.WriteText("erp.csv", $"{ErpHeader}\nK1,C1,N,\"{amount}\",CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp with { CurrencySymbols = ["人民币", "rmb"] }));

        // Assert
        Assert.Equal((2, "应收金额", amount.Trim()), (error.Row, error.Column, error.Value));
    }

    [Theory]
    [InlineData("1’234’567.50", "1234567.50")]
    [InlineData("¥1’000", "1000")]
    [InlineData("1,234.5", "1234.5")]
    public void Read_AmountWithTheMapsOwnThousandsSeparator_Reads(string amount, string expected)
    {
        // Arrange
        _folder.WriteText("erp.csv", $"{ErpHeader}\nK1,C1,N,\"{amount}\",CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", Erp with { ThousandsSeparator = '’' }));

        // Assert
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), receivable.Amount);
    }

    [Fact]
    public void Read_TheMapsOwnThousandsSeparatorOutOfPlace_Throws()
    {
        // Arrange
        _folder.WriteText("erp.csv", $"{ErpHeader}\nK1,C1,N,12’34.5,CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp with { ThousandsSeparator = '’' }));

        // Assert
        Assert.Equal((2, "应收金额", "12’34.5"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void Read_SameDecimalAndThousandsSeparator_ThrowsArgumentException()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act, Assert
        Assert.Throws<ArgumentException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp with { DecimalSeparator = ',' }));
    }

    [Fact]
    public void Read_BadAmountBelowTitleRows_NamesFileRowColumnAndValue()
    {
        // Arrange
        _folder.WriteText("erp.csv", $"应收账款明细表\n\n{ErpHeader}\nK1,C1,N,\"1,000.00\",CNY,2026/1/5,2026/3/31,\nK2,C1,N,12.3x,CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp));

        // Assert
        Assert.Equal(("erp.csv", 5, "应收金额", "12.3x"), (error.File, error.Row, error.Column, error.Value));
        Assert.Equal("erp.csv, row 5, column 应收金额: \"12.3x\" is not an amount (expected a number such as 1,234.56)", error.Message);
    }

    [Fact]
    public void Read_MappedColumnMissing_NamesItAndListsTheHeaderFound()
    {
        // Arrange
        _folder.WriteText("erp.csv", "应收账款明细表\n合同编号,客户编号,客户名称,金额,币种,开票日期,到期日\nK1,C1,N,1,CNY,2026/1/5,2026/3/31\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp));

        // Assert
        Assert.Equal((2, "应收金额"), (error.Row, error.Column));
        Assert.Equal(
            "erp.csv, row 2, column 应收金额: the header has no column \"应收金额\" (expected the columns 合同编号, 客户编号, 客户名称, 应收金额, 币种, 开票日期, 到期日; found 合同编号, 客户编号, 客户名称, 金额, 币种, 开票日期, 到期日)",
            error.Message);
    }

    [Fact]
    public void Read_HeaderBelowRow50_ThrowsSayingWhereItLooked()
    {
        // Arrange
        var titles = string.Concat(Enumerable.Repeat("报表说明\n", ReceivableColumns.HeaderSearchRows));
        _folder.WriteText("erp.csv", $"{titles}{ErpHeader}\nK1,C1,N,1,CNY,2026/1/5,2026/3/31,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp));

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("no row among the first 50 has any of the columns 合同编号", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 1, has: 报表说明", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoIdCurrencyOrIssueDateColumn_NameDefaultCurrencyAndDueDateStandIn()
    {
        // Arrange
        var columns = Erp with { CustomerId = null, Currency = null, IssueDate = null, SalesOwner = null, DefaultCurrency = "usd" };
        _folder.WriteText("erp.csv", "合同编号,客户名称,应收金额,到期日\nK1,上海第一人民医院,\"2,500.00\",2026/3/31\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", columns));

        // Assert
        Assert.Equal(
            new Receivable("K1", "上海第一人民医院", "上海第一人民医院", 2500m, "USD", new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 31), "") { Source = "erp.csv, row 2" },
            receivable);
    }

    [Fact]
    public void Read_Gb18030File_ReadsChineseHeadersAndNames()
    {
        // Arrange
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("gb18030");
        _folder.WriteBytes("erp.csv", gb18030.GetBytes($"应收账款明细表\n{ErpHeader}\nK1,C1,广州华南医疗设备有限公司,\"7,800.00\",CNY,2026/1/9,2026/2/8,李伟\n"));
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", Erp with { Encoding = gb18030 }));

        // Assert
        Assert.Equal(("广州华南医疗设备有限公司", 7800m, "李伟", "erp.csv, row 3"), (receivable.CustomerName, receivable.Amount, receivable.SalesOwner, receivable.Source));
    }

    [Fact]
    public void Read_DecimalCommaSemicolonAndDatesWithTime_Reads()
    {
        // Arrange
        var columns = Erp with { Delimiter = ';', DecimalSeparator = ',', ThousandsSeparator = '.', DateFormats = ["yyyy-MM-dd HH:mm:ss"] };
        _folder.WriteText("erp.csv", "合同编号;客户编号;客户名称;应收金额;币种;开票日期;到期日\nK1;C1;N;1.234,56;EUR;2026-01-05 00:00:00;2026-03-31 17:45:00\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var receivable = Assert.Single(ReceivableCsvReader.Read(stream, "erp.csv", columns));

        // Assert
        Assert.Equal((1234.56m, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31)), (receivable.Amount, receivable.IssueDate, receivable.DueDate));
    }

    [Fact]
    public void Read_DateNotInMappedFormats_NamesTheFormats()
    {
        // Arrange
        _folder.WriteText("erp.csv", $"{ErpHeader}\nK1,C1,N,1,CNY,2026/1/5,31.03.2026,\n");
        using var stream = _folder.OpenRead("erp.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReceivableCsvReader.Read(stream, "erp.csv", Erp));

        // Assert
        Assert.Equal("erp.csv, row 2, column 到期日: \"31.03.2026\" is not a date (expected yyyy/M/d or yyyy-MM-dd, such as 2026/3/31)", error.Message);
    }
}
