using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files.Tests;

public sealed class StatementReaderTests : IDisposable
{
    private const string Header = "date,amount,currency,payer_name,payer_account,memo,bank_ref";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_GenericFile_ReturnsEveryLineWithSpreadsheetRows()
    {
        // Arrange
        _folder.WriteText("statement-a.csv", $"""
            {Header}
            2026-02-10,9950.00,CNY,上海第一人民医院,6222 0200 1234,货款 KL26-004512,BR0001
            2026-02-11,-12.50,usd,Bank,,fee,BR0002
            2026-02-12,+0.5,,"ACME, Ltd.",DE44500105175407324931,,
            """);
        using var stream = _folder.OpenRead("statement-a.csv");

        // Act
        var lines = Read(stream, "statement-a.csv");

        // Assert
        Assert.Equal(
            [
                new StatementLine("statement-a.csv", 2, "BR0001", new DateOnly(2026, 2, 10), 9950.00m, "CNY", "上海第一人民医院", "6222 0200 1234", "货款 KL26-004512"),
                new StatementLine("statement-a.csv", 3, "BR0002", new DateOnly(2026, 2, 11), -12.50m, "USD", "Bank", "", "fee"),
                new StatementLine("statement-a.csv", 4, "", new DateOnly(2026, 2, 12), 0.5m, "CNY", "ACME, Ltd.", "DE44500105175407324931", ""),
            ],
            lines);
    }

    [Fact]
    public void Read_AmountNamingAnotherCurrencyThanItsRow_ThrowsNamingBoth()
    {
        // Arrange
        _folder.WriteText("usd.csv", $"{Header}\n2026-02-10,9950.00,CNY,A,1,KL26-004512,BR1\n2026-02-11,10000.00 USD,CNY,A,1,KL26-004513,BR2\n");
        using var stream = _folder.OpenRead("usd.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "usd.csv"));

        // Assert
        Assert.Equal(("usd.csv", 3, "amount", "10000.00 USD"), (error.File, error.Row, error.Column, error.Value));
        Assert.Equal("usd.csv, row 3, column amount: \"10000.00 USD\" is in USD, but the row's currency says CNY: one line has one currency", error.Message);
    }

    [Fact]
    public void Read_ExcelSerialNumberInACsvDateColumn_ThrowsNamingFileRowColumnAndValue()
    {
        // Arrange: 45231 is Excel's serial day for 2023-11-01; in a CSV it is a column mix-up, not a date.
        _folder.WriteText("serial.csv", $"{Header}\n2026-02-10,9950.00,CNY,A,1,KL26-004512,BR1\n45231,10000.00,CNY,A,1,KL26-004513,BR2\n");
        using var stream = _folder.OpenRead("serial.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "serial.csv"));

        // Assert
        Assert.Equal(("serial.csv", 3, "date", "45231"), (error.File, error.Row, error.Column, error.Value));
        Assert.StartsWith("serial.csv, row 3, column date: \"45231\" is not a date (expected yyyy-MM-dd, such as 2026-03-31); it looks like an Excel serial day number (2023-11-01)", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"excel-serial\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExcelSerialNumberWhenTheProfileDeclaresSerialDates_ReadsTheDate()
    {
        // Arrange
        _folder.WriteText("serial.csv", $"{Header}\n2026-02-10,9950.00,CNY,A,1,KL26-004512,BR1\n45231,10000.00,CNY,A,1,KL26-004513,BR2\n");
        using var stream = _folder.OpenRead("serial.csv");
        var profile = BankProfile.Generic with { DateFormats = ["yyyy-MM-dd", "excel-serial"] };

        // Act
        var lines = Read(stream, "serial.csv", profile);

        // Assert
        Assert.Equal([new DateOnly(2026, 2, 10), new DateOnly(2023, 11, 1)], lines.Select(l => l.Date));
    }

    [Fact]
    public void Read_AmountNamingItsCurrency_AgreesWithTheRowOrFillsAnEmptyCell()
    {
        // Arrange: the same code, a symbol for an empty cell, and "$" (many currencies' symbol), which says nothing.
        _folder.WriteText("named.csv", $"""
            {Header}
            2026-02-10,EUR 12.50,EUR,A,1,m,R1
            2026-02-11,12.50 €,,A,1,m,R2
            2026-02-12,$5.00,CNY,A,1,m,R3
            2026-02-13,RMB 7.00,CNY,A,1,m,R4
            """);
        using var stream = _folder.OpenRead("named.csv");

        // Act
        var lines = Read(stream, "named.csv");

        // Assert
        Assert.Equal([("EUR", 12.50m), ("EUR", 12.50m), ("CNY", 5.00m), ("CNY", 7.00m)], lines.Select(l => (l.Currency, l.Amount)));
    }

    [Fact]
    public void Read_CreditAndDebitCellsNamingCurrencies_TheCellWithTheAmountNamesIt()
    {
        // Arrange: no currency column; the empty side of each row still names a currency.
        var layout = new BankProfile
        {
            Name = "credit-debit",
            Columns = new ProfileColumns { Date = "date", Credit = "credit", Debit = "debit", Memo = ["memo"] },
            DefaultCurrency = "CNY",
        };
        _folder.WriteText("cd.csv", """
            date,credit,debit,memo
            2026-02-10,10000.00 USD,0.00 CNY,KL26-004512
            2026-02-11,0.00 USD,12.50 EUR,fee
            """);
        using var stream = _folder.OpenRead("cd.csv");

        // Act
        var lines = Read(stream, "cd.csv", layout);

        // Assert
        Assert.Equal([("USD", 10000.00m), ("EUR", -12.50m)], lines.Select(l => (l.Currency, l.Amount)));
    }

    [Fact]
    public void Read_FileWithUtf8ByteOrderMark_FindsFirstColumn()
    {
        // Arrange
        _folder.WriteText("bom.csv", $"{Header}\n2026-02-10,1.00,CNY,A,B,C,D\n", byteOrderMark: true);
        using var stream = _folder.OpenRead("bom.csv");

        // Act
        var lines = Read(stream, "bom.csv");

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal(new DateOnly(2026, 2, 10), line.Date);
    }

    [Fact]
    public void Read_ColumnsInOtherOrderWithOtherCaseSpacesAndExtras_MapsByName()
    {
        // Arrange
        _folder.WriteText("order.csv", """
            Bank_Ref , MEMO,extra,Payer_Account,payer_name,Currency, Amount ,Date
            BR9,memo text,ignored,ACC,Payer,eur,100.25,2026-03-01
            """);
        using var stream = _folder.OpenRead("order.csv");

        // Act
        var lines = Read(stream, "order.csv");

        // Assert
        Assert.Equal(new StatementLine("order.csv", 2, "BR9", new DateOnly(2026, 3, 1), 100.25m, "EUR", "Payer", "ACC", "memo text"), Assert.Single(lines));
    }

    [Fact]
    public void Read_QuotedMemoWithLineBreaks_KeepsTextAndCountsOneRowPerRecord()
    {
        // Arrange: a spreadsheet shows the multi-line memo in one cell, so the next record is row 3, not row 5.
        _folder.WriteText("multi.csv", $"{Header}\n2026-02-10,1.00,CNY,A,B,\"line one\nline two\r\nline three\",R1\n2026-02-11,2.00,CNY,A,B,\"say \"\"hi\"\"\",R2\n");
        using var stream = _folder.OpenRead("multi.csv");

        // Act
        var lines = Read(stream, "multi.csv");

        // Assert
        Assert.Equal([2, 3], lines.Select(l => l.Row));
        Assert.Equal("line one\nline two\r\nline three", lines[0].Memo);
        Assert.Equal("say \"hi\"", lines[1].Memo);
    }

    [Fact]
    public void Read_EmptyLinesInsideAndAtEnd_SkipsThemButCountsTheirRows()
    {
        // Arrange: an empty line is an empty spreadsheet row, so the line after it is row 4.
        _folder.WriteText("blank.csv", $"{Header}\n2026-02-10,1.00,CNY,A,B,C,R1\n\n2026-02-11,2.00,CNY,A,B,C,R2\n\n\n");
        using var stream = _folder.OpenRead("blank.csv");

        // Act
        var lines = Read(stream, "blank.csv");

        // Assert
        Assert.Equal([2, 4], lines.Select(l => l.Row));
    }

    [Fact]
    public void Read_HeaderOnly_ReturnsNoLines()
    {
        // Arrange
        _folder.WriteText("header.csv", Header + "\r\n");
        using var stream = _folder.OpenRead("header.csv");

        // Act
        var lines = Read(stream, "header.csv");

        // Assert
        Assert.Empty(lines);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsAtRowOneNamingTheExpectedColumns()
    {
        // Arrange
        _folder.WriteText("empty.csv", "");
        using var stream = _folder.OpenRead("empty.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "empty.csv"));

        // Assert
        Assert.Equal(("empty.csv", 1, null), (error.File, error.Row, error.Column));
        Assert.Equal("empty.csv, row 1: the file is empty (expected a header row with the columns date, amount, currency, payer_name, payer_account, memo, bank_ref)", error.Message);
    }

    [Fact]
    public void Read_HeaderWithoutSomeColumns_ThrowsNamingEveryMissingColumn()
    {
        // Arrange
        _folder.WriteText("missing.csv", "date,Amt,currency,payer_name,payer_account,bank_ref\n2026-02-10,1,CNY,A,B,R\n");
        using var stream = _folder.OpenRead("missing.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "missing.csv"));

        // Assert
        Assert.Equal(("missing.csv", 1, "amount, memo"), (error.File, error.Row, error.Column));
        Assert.StartsWith("missing.csv, row 1, column amount, memo: the header has no columns \"amount\", \"memo\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("found date, Amt, currency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderWithAColumnTwice_Throws()
    {
        // Arrange
        _folder.WriteText("twice.csv", Header + ",Amount\n");
        using var stream = _folder.OpenRead("twice.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "twice.csv"));

        // Assert
        Assert.Equal((1, "amount"), (error.Row, error.Column));
    }

    [Fact]
    public void Read_AmountWithCommaAndLetter_ThrowsAMessageAClerkCanAct()
    {
        // Arrange
        _folder.WriteText("statement-a.csv", $"{Header}\n2026-02-10,1.00,CNY,A,B,C,R1\n2026-02-11,\"12,3x\",CNY,A,B,C,R2\n");
        using var stream = _folder.OpenRead("statement-a.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "statement-a.csv"));

        // Assert
        Assert.Equal(("statement-a.csv", 3, "amount", "12,3x"), (error.File, error.Row, error.Column, error.Value));
        Assert.Equal("statement-a.csv, row 3, column amount: \"12,3x\" is not an amount (expected a number such as 1,234.56)", error.Message);
    }

    [Theory]
    [InlineData("1e3", "1e3")]
    [InlineData("12.5.1", "12.5.1")]
    [InlineData("\"1,2\"", "1,2")]
    [InlineData("(-12.50)", "(-12.50)")]
    [InlineData("--1", "--1")]
    public void Read_AmountNotAnInvariantNumber_Throws(string field, string value)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,{field},CNY,A,B,C,R1\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal((2, "amount", value), (error.Row, error.Column, error.Value));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026/02/10")]
    [InlineData("10.02.2026")]
    [InlineData("2026-2-10")]
    public void Read_DateNotInLayoutFormat_Throws(string date)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,CNY,A,B,C,R1\n2026-02-10,1,CNY,A,B,C,R2\n{date},1,CNY,A,B,C,R3\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal((4, "date", date), (error.Row, error.Column, error.Value));
        Assert.Equal($"s.csv, row 4, column date: \"{date}\" is not a date (expected yyyy-MM-dd, such as 2026-03-31)", error.Message);
    }

    [Theory]
    [InlineData(",1,CNY,A,B,C,R", "date")]
    [InlineData("2026-02-10,,CNY,A,B,C,R", "amount")]
    [InlineData("2026-02-10,  ,CNY,A,B,C,R", "amount")]
    public void Read_RequiredValueEmpty_Throws(string row, string column)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n{row}\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal((2, column, ""), (error.Row, error.Column, error.Value));
        Assert.Contains("the value is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RMB1")]
    [InlineData("人民币币")]
    [InlineData("C1Y")]
    public void Read_CurrencyNotThreeLetters_Throws(string currency)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,{currency},A,B,C,R\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal((2, "currency", currency), (error.Row, error.Column, error.Value));
    }

    [Theory]
    [InlineData("2026-02-10,1,CNY,A,B,C")]
    [InlineData("2026-02-10,1,CNY,A,B,memo, with comma,R")]
    public void Read_WrongNumberOfFields_ThrowsForTheRow(string row)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,CNY,A,B,C,R\n{row}\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal((3, null, row), (error.Row, error.Column, error.Value));
        Assert.Contains("the header has 7 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuoteNeverClosed_ThrowsInsteadOfSwallowingTheRest()
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,CNY,A,B,C,R1\n2026-02-10,1,CNY,A,B,\"open memo,R2\n2026-02-10,1,CNY,A,B,C,R3\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv"));

        // Assert
        Assert.Equal(3, error.Row);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StrayQuoteInsideUnquotedMemo_KeepsItAsText()
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,CNY,A,B,pipe 5\" KL26-1,R1\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var lines = Read(stream, "s.csv");

        // Assert
        Assert.Equal("pipe 5\" KL26-1", Assert.Single(lines).Memo);
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_ThrowsSuggestingTheEncoding()
    {
        // Arrange: "你好" in GB18030.
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n2026-02-10,1,CNY,").Concat(new byte[] { 0xC4, 0xE3, 0xBA, 0xC3 }).Concat(Encoding.UTF8.GetBytes(",B,C,R\n")).ToArray();
        _folder.WriteBytes("gb.csv", bytes);
        using var stream = _folder.OpenRead("gb.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "gb.csv"));

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BankLayoutWithSemicolonsDecimalCommaAndTwoMemoColumns_ReadsIt()
    {
        // Arrange
        var layout = new BankProfile
        {
            Name = "example-bank",
            Delimiter = ";",
            Columns = new ProfileColumns
            {
                Date = "Buchungstag",
                Amount = "Betrag",
                PayerName = "Auftraggeber",
                PayerAccount = "IBAN",
                Memo = ["Verwendungszweck 1", "Verwendungszweck 2"],
            },
            DateFormats = ["dd.MM.yyyy", "yyyy-MM-dd"],
            DecimalSeparator = ",",
            DefaultCurrency = "EUR",
        };
        _folder.WriteText("bank.csv", """
            Buchungstag;Betrag;Auftraggeber;IBAN;Verwendungszweck 1;Verwendungszweck 2
            10.02.2026;1.234,56;Müller GmbH;DE44500105175407324931;Rechnung;KL26-004512
            2026-02-11;-0,50;Bank;;Gebühr;
            """);
        using var stream = _folder.OpenRead("bank.csv");

        // Act
        var lines = Read(stream, "bank.csv", layout);

        // Assert
        Assert.Equal(
            [
                new StatementLine("bank.csv", 2, "", new DateOnly(2026, 2, 10), 1234.56m, "EUR", "Müller GmbH", "DE44500105175407324931", "Rechnung KL26-004512"),
                new StatementLine("bank.csv", 3, "", new DateOnly(2026, 2, 11), -0.50m, "EUR", "Bank", "", "Gebühr"),
            ],
            lines);
    }

    [Fact]
    public void Read_LayoutWithDecimalComma_ExampleInMessageUsesIt()
    {
        // Arrange
        var layout = BankProfile.Generic with { Delimiter = ";", DecimalSeparator = "," };
        _folder.WriteText("s.csv", "date;amount;currency;payer_name;payer_account;memo;bank_ref\n2026-02-10;12.50;EUR;A;B;C;R\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(stream, "s.csv", layout));

        // Assert
        Assert.EndsWith("\"12.50\" is not an amount (expected a number such as 1.234,56)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LayoutWithLatin1Encoding_Transcodes()
    {
        // Arrange
        var layout = BankProfile.Generic with { Encoding = "iso-8859-1" };
        _folder.WriteBytes("latin1.csv", Encoding.Latin1.GetBytes($"{Header}\n2026-02-10,1,EUR,Müller,B,Straße,R\n"));
        using var stream = _folder.OpenRead("latin1.csv");

        // Act
        var lines = Read(stream, "latin1.csv", layout);

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal(("Müller", "Straße"), (line.PayerName, line.Memo));
    }

    [Fact]
    public void Read_Utf16FileWithByteOrderMark_Reads()
    {
        // Arrange
        _folder.WriteBytes("utf16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{Header}\n2026-02-10,1,CNY,医院,B,货款,R\n")]);
        using var stream = _folder.OpenRead("utf16.csv");

        // Act
        var lines = Read(stream, "utf16.csv");

        // Assert
        Assert.Equal(("医院", "货款"), (lines[0].PayerName, lines[0].Memo));
    }

    [Fact]
    public void Read_ManyLines_CurrencyStringsAreShared()
    {
        // Arrange
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 100; i++)
        {
            text.Append("2026-02-10,1,").Append(i % 2 == 0 ? "cny" : "CNY").Append(",A,B,C,R\n");
        }

        _folder.WriteText("many.csv", text.ToString());
        using var stream = _folder.OpenRead("many.csv");

        // Act
        var lines = Read(stream, "many.csv");

        // Assert
        Assert.Equal(100, lines.Count);
        Assert.All(lines, l => Assert.Same(lines[0].Currency, l.Currency));
    }

    [Fact]
    public void Read_Stream_IsLeftOpen()
    {
        // Arrange
        _folder.WriteText("s.csv", Header + "\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        Read(stream, "s.csv");

        // Assert
        Assert.True(stream.CanRead);
    }

    [Theory]
    [InlineData("\"1,234.56\"", "1234.56")]
    [InlineData("12.5 CNY", "12.5")]
    [InlineData("(12.50)", "-12.50")]
    [InlineData("¥28.16", "28.16")]
    [InlineData("50.00-", "-50.00")]
    public void Read_AmountAsBanksWriteIt_ReadsTheValue(string field, string expected)
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,{field},CNY,A,B,C,R1\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var line = Assert.Single(Read(stream, "s.csv"));

        // Assert
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), line.Amount);
    }

    [Fact]
    public void Read_CurrencyAsAChineseName_ReadsTheCode()
    {
        // Arrange
        _folder.WriteText("s.csv", $"{Header}\n2026-02-10,1,人民币,A,B,C,R1\n2026-02-10,1,港币,A,B,C,R2\n");
        using var stream = _folder.OpenRead("s.csv");

        // Act
        var lines = Read(stream, "s.csv");

        // Assert
        Assert.Equal(["CNY", "HKD"], lines.Select(l => l.Currency));
    }

    private static IReadOnlyList<StatementLine> Read(Stream stream, string name, BankProfile? profile = null) =>
        StatementReader.Read(stream, name, profile ?? BankProfile.Generic).Lines;
}
