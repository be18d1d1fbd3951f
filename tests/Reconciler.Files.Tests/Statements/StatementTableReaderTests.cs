using System.Text;
using ClosedXML.Excel;
using Reconciler.Domain;

namespace Reconciler.Files.Tests.Statements;

/// <summary>The table reader through <see cref="StatementReader.Read"/>, with profiles written here in code.</summary>
public class StatementTableReaderTests
{
    private const string File = "bank.csv";
    private const string Header = "Date,Amount,Currency,Payer,Memo";

    private static readonly BankProfile Profile = new()
    {
        Name = "test-bank",
        Header = ["Date", "Amount", "Currency", "Payer", "Memo"],
        Columns = new ProfileColumns { Date = "Date", Amount = "Amount", Currency = "Currency", PayerName = "Payer", Memo = ["Memo"] },
        DefaultCurrency = "EUR",
    };

    private static readonly BankProfile Split = new()
    {
        Name = "split-bank",
        Header = ["Date", "In", "Out", "Memo"],
        Columns = new ProfileColumns { Date = "Date", Credit = "In", Debit = "Out", Memo = ["Memo"] },
        DefaultCurrency = "EUR",
    };

    private static readonly BankProfile Directed = new()
    {
        Name = "direction-bank",
        Header = ["Date", "Amount", "Dir", "Memo"],
        Columns = new ProfileColumns { Date = "Date", Amount = "Amount", Direction = "Dir", Memo = ["Memo"] },
        Direction = new DirectionValues { Credit = ["C", "Cr"], Debit = ["D"], Neutral = ["/", "N"] },
        NullValues = ["/"],
        DefaultCurrency = "EUR",
    };

    private static readonly BankProfile SheetProfile = Profile with { Sheet = "Transactions", DateFormats = ["dd.MM.yyyy"], DecimalSeparator = "," };

    static StatementTableReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static IReadOnlyList<StatementLine> Read(string csv, BankProfile profile, ReadLimits? limits = null) =>
        StatementReader.Read(new MemoryStream(new UTF8Encoding(false).GetBytes(csv)), File, profile, limits: limits).Lines;

    private static InputFormatException Refused(string csv, BankProfile profile, ReadLimits? limits = null) =>
        Assert.Throws<InputFormatException>(() => Read(csv, profile, limits));

    [Fact]
    public void Read_StatusColumn_NotBookedValuesMatchedWithoutCaseAndKeptInTheProfilesSpelling()
    {
        // Arrange: the same pending status written three ways, a booked one, and an empty cell.
        var profile = Directed with
        {
            Header = ["Date", "Amount", "Dir", "Memo", "State"],
            Columns = Directed.Columns with { Status = "State" },
            NotBooked = ["Pending", "Closed"],
        };
        var csv = "Date,Amount,Dir,Memo,State\n2026-03-02,10.00,C,a,Pending\n2026-03-02,11.00,C,b,PENDING\n2026-03-02,12.00,D,c, pending \n2026-03-02,13.00,C,d,Booked\n2026-03-02,14.00,C,e,\n";

        // Act
        var lines = Read(csv, profile);

        // Assert: a pending debit keeps its sign; booked and empty statuses are money in as usual.
        Assert.Equal(
            [("Pending", 10.00m, true), ("Pending", 11.00m, true), ("Pending", -12.00m, true), (null, 13.00m, false), (null, 14.00m, false)],
            lines.Select(l => (l.NotBooked, l.Amount, l.Neutral)));
    }

    [Fact]
    public void Read_HeaderBelowPreambleRows_ReadsTheRowsAfterIt()
    {
        // Arrange
        var csv = $"Account statement\nAccount,DE0012345678\nPeriod,2026-03\n\n{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n2026-03-03,-2.50,,Bank,fee\n";

        // Act
        var lines = Read(csv, Profile);

        // Assert
        Assert.Equal(
            [
                new StatementLine(File, 6, "", new DateOnly(2026, 3, 2), 10.00m, "EUR", "ACME", "", "INV-1"),
                new StatementLine(File, 7, "", new DateOnly(2026, 3, 3), -2.50m, "EUR", "Bank", "", "fee"),
            ],
            lines);
    }

    [Theory]
    [InlineData("Date,Amount,Currency,Payer name,Memo", "column \"Payer\" is now \"Payer name\"")]
    [InlineData("Date,Amount,Currency,Payer,Memo,Balance", "new \"Balance\"")]
    [InlineData("Date,Amount,Currency,Memo", "missing \"Payer\"")]
    [InlineData("Date,Currency,Amount,Payer,Memo", "the columns are in another order")]
    public void Read_HeaderDriftedFromTheProfile_RefusedAtTheHeaderRowNamingTheDifference(string header, string difference)
    {
        // Arrange
        var csv = $"Statement March 2026\n{header}\n2026-03-02,10.00,EUR,ACME,INV-1\n";

        // Act
        var error = Refused(csv, Profile);

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains(difference, error.Message, StringComparison.Ordinal);
        Assert.Contains("profile test-bank", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bank.csv, row 2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderLostOneOfTwoSameNamedColumns_SaysItIsMissing()
    {
        // Arrange: like ing-de's two Währung columns; the bank dropped one.
        var profile = Profile with
        {
            Header = ["Date", "Amount", "Currency", "Payer", "Memo", "Currency"],
            Columns = Profile.Columns with { Currency = "Currency#2" },
        };

        // Act
        var error = Refused($"{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n", profile);

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("missing \"Currency\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderNowhere_SaysWhatWasExpected()
    {
        // Act
        var error = Refused("foo,bar\n1,2\n", Profile);

        // Assert
        Assert.Contains("no header row of profile test-bank in the first 100 rows (expected Date, Amount, Currency, Payer, Memo)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderCaseAndSpacesDiffer_StillTheHeader()
    {
        // Act
        var lines = Read(" date , AMOUNT,currency,Payer,memo\n2026-03-02,1.00,EUR,A,m\n", Profile);

        // Assert
        Assert.Equal(1.00m, Assert.Single(lines).Amount);
    }

    [Fact]
    public void Read_FixedHeaderRow_TakesThatRowAsHeader()
    {
        // Arrange: found by name, the title row would be the header; the profile says the header is row 3.
        var profile = Profile with { Header = null, HeaderRow = 3 };
        var csv = $"Report,March\nGenerated,2026-03-31\n{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n";

        // Act
        var lines = Read(csv, profile);
        var withoutRow = Refused(csv, Profile with { Header = null });

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal(4, line.Row);
        Assert.Equal(10.00m, line.Amount);
        Assert.Equal(1, withoutRow.Row);
        Assert.Contains("the header has no columns \"Date\", \"Amount\"", withoutRow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FixedHeaderRowHoldsSomethingElse_Refused()
    {
        // Arrange: the remembered header is on row 3, the profile says row 2.
        var csv = $"Report,March\nGenerated,2026-03-31\n{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n";

        // Act
        var error = Refused(csv, Profile with { HeaderRow = 2 });

        // Assert
        Assert.Contains("no header row of profile test-bank", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoHeaderRow_NamesColumnsByPositionFromRowOne()
    {
        // Arrange
        var profile = new BankProfile
        {
            Name = "positional",
            HasHeaderRow = false,
            Header = ["d", "a", "c", "p", "m"],
            Columns = new ProfileColumns { Date = "d", Amount = "a", Currency = "c", PayerName = "p", Memo = ["m"] },
        };

        // Act
        var lines = Read("2026-03-02,10.00,EUR,ACME,INV-1\n2026-03-03,-1.00,USD,Bank,fee\n", profile);

        // Assert
        Assert.Equal([1, 2], lines.Select(l => l.Row));
        Assert.Equal([10.00m, -1.00m], lines.Select(l => l.Amount));
        Assert.Equal(["EUR", "USD"], lines.Select(l => l.Currency));
        Assert.Equal("fee", lines[1].Memo);
    }

    [Fact]
    public void Read_NoHeaderRowWithFirstDataRow_SkipsTheRowsAbove()
    {
        // Arrange
        var profile = new BankProfile
        {
            Name = "positional",
            HasHeaderRow = false,
            HeaderRow = 3,
            Header = ["d", "a"],
            Columns = new ProfileColumns { Date = "d", Amount = "a" },
        };

        // Act
        var lines = Read("Exported 2026-03-31\nAccount 12345\n2026-03-02,10.00\n2026-03-03,-1.00\n", profile);

        // Assert
        Assert.Equal([3, 4], lines.Select(l => l.Row));
    }

    [Fact]
    public void Read_SkipMarker_SkipsTotalRowsOnlyWhenTheDateCellIsNoDate()
    {
        // Arrange: a payment whose memo starts with the marker is still a payment.
        var profile = new BankProfile
        {
            Name = "totals",
            Header = ["Memo", "Date", "Amount"],
            Columns = new ProfileColumns { Date = "Date", Amount = "Amount", Memo = ["Memo"] },
            SkipRowsStartingWith = ["Total"],
        };
        const string csv = "Memo,Date,Amount\nTotal payment INV-1,2026-03-02,50.00\nsomething else,2026-03-03,-5.00\nTotal,,45.00\n,,\nTOTAL: 2 lines,,\n";

        // Act
        var lines = Read(csv, profile);

        // Assert
        Assert.Equal([2, 3], lines.Select(l => l.Row));
        Assert.Equal("Total payment INV-1", lines[0].Memo);
    }

    [Fact]
    public void Read_RowWithoutDateAndNoMarker_ThrowsNamingTheDateColumn()
    {
        // Arrange
        var profile = Profile with { SkipRowsStartingWith = ["Total"] };
        var csv = $"{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n,10.00,,Closing balance,\n";

        // Act
        var error = Refused(csv, profile);

        // Assert
        Assert.Equal(3, error.Row);
        Assert.Equal("Date", error.Column);
        Assert.Contains("the value is empty (expected a date such as 2026-03-31)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-02-30", "\"2026-02-30\" is not a date (expected yyyy-MM-dd, such as 2026-03-31)")]
    [InlineData("02.03.2026", "\"02.03.2026\" is not a date")]
    public void Read_DateNotInTheFormat_ThrowsNamingTheFormat(string date, string problem)
    {
        // Act
        var error = Refused($"{Header}\n{date},10.00,EUR,ACME,INV-1\n", Profile);

        // Assert
        Assert.Equal((2, "Date", date), (error.Row, error.Column, error.Value));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12,3x")]
    [InlineData("-2,90")]
    [InlineData("1e3")]
    public void Read_AmountNotAnAmount_ThrowsNamingRowColumnAndValue(string amount)
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,\"{amount}\",EUR,ACME,INV-1\n", Profile);

        // Assert
        Assert.Equal((2, "Amount", amount), (error.Row, error.Column, error.Value));
        Assert.Contains("is not an amount (expected a number such as 1,234.56)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CurrencyNotACurrency_ThrowsNamingIt()
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,10.00,RMB1,ACME,INV-1\n", Profile);

        // Assert
        Assert.Equal((2, "Currency", "RMB1"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void Read_CreditOrDebit_SignsTheAmount()
    {
        // Arrange: a debit written negative already still counts as money out; a zero credit beside a debit is no conflict.
        const string csv = "Date,In,Out,Memo\n2026-03-02,10.00,,a\n2026-03-03,,5.00,b\n2026-03-04,,-7.00,c\n2026-03-05,0.00,3.00,d\n2026-03-06,-,4.00,e\n";

        // Act
        var lines = Read(csv, Split);

        // Assert
        Assert.Equal([10.00m, -5.00m, -7.00m, -3.00m, -4.00m], lines.Select(l => l.Amount));
    }

    [Fact]
    public void Read_CreditAndDebitBothFilled_ThrowsNamingBothColumns()
    {
        // Act
        var error = Refused("Date,In,Out,Memo\n2026-03-02,10.00,5.00,a\n", Split);

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains("\"In\" and \"Out\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.00 and 5.00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02,,,a")]
    [InlineData("2026-03-02,-,---,a")]
    public void Read_CreditAndDebitBothEmpty_ThrowsNamingBothColumns(string row)
    {
        // Act
        var error = Refused($"Date,In,Out,Memo\n{row}\n", Split);

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains("the row has no amount: \"In\" and \"Out\" are empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DirectionColumn_SignsUnsignedAmounts()
    {
        // Arrange
        const string csv = "Date,Amount,Dir,Memo\n2026-03-02,10.00,C,a\n2026-03-03,10.00,D,b\n2026-03-04,7.00,d,c\n2026-03-05,-3.00,cr,d\n";

        // Act
        var lines = Read(csv, Directed);

        // Assert
        Assert.Equal([10.00m, -10.00m, -7.00m, 3.00m], lines.Select(l => l.Amount));
        Assert.All(lines, l => Assert.False(l.Neutral));
    }

    [Fact]
    public void Read_NeutralDirection_KeepsTheLineUnsignedAndNeutral()
    {
        // Arrange: "/" is both a null value and the neutral direction; the direction reads the raw cell.
        const string csv = "Date,Amount,Dir,Memo\n2026-03-02,-100.00,/,own transfer\n2026-03-03,25.00,N,refund\n";

        // Act
        var lines = Read(csv, Directed);

        // Assert
        Assert.Equal([100.00m, 25.00m], lines.Select(l => l.Amount));
        Assert.All(lines, l => Assert.True(l.Neutral));
    }

    [Theory]
    [InlineData("X", "\"X\" is not a direction this profile knows (money in: C, Cr; money out: D; neither: /, N)")]
    [InlineData("", "\"\" is not a direction this profile knows")]
    public void Read_DirectionValueNotListed_ThrowsListingTheThreeLists(string value, string problem)
    {
        // Act
        var error = Refused($"Date,Amount,Dir,Memo\n2026-03-02,10.00,{value},a\n", Directed);

        // Assert
        Assert.Equal((2, "Dir"), (error.Row, error.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DirectionWithoutNeutralValues_SaysNone()
    {
        // Arrange
        var profile = Directed with { Direction = new DirectionValues { Credit = ["C"], Debit = ["D"] }, NullValues = [] };

        // Act
        var error = Refused("Date,Amount,Dir,Memo\n2026-03-02,10.00,/,a\n", profile);

        // Assert
        Assert.Contains("money in: C; money out: D; neither: (none)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullValuesAndDashes_ReadAsEmpty()
    {
        // Arrange
        var profile = new BankProfile
        {
            Name = "nulls",
            Header = ["Date", "Amount", "Payer", "Account", "Ref", "Memo"],
            Columns = new ProfileColumns { Date = "Date", Amount = "Amount", PayerName = "Payer", PayerAccount = "Account", BankRef = "Ref", Memo = ["Memo"] },
            NullValues = ["/", "n/a"],
        };
        const string csv = "Date,Amount,Payer,Account,Ref,Memo\n2026-03-02,10.00,-,------------------,n/a,/\n2026-03-03,1.00,a-b,--x,N/A,-5\n";

        // Act
        var lines = Read(csv, profile);

        // Assert
        Assert.Equal(("", "", "", ""), (lines[0].PayerName, lines[0].PayerAccount, lines[0].BankRef, lines[0].Memo));
        Assert.Equal(("a-b", "--x", "N/A", "-5"), (lines[1].PayerName, lines[1].PayerAccount, lines[1].BankRef, lines[1].Memo));
    }

    [Fact]
    public void Read_NullValueInTheAmount_ThrowsEmpty()
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,-,EUR,ACME,INV-1\n", Profile);

        // Assert
        Assert.Equal("Amount", error.Column);
        Assert.Contains("the value is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateHeaderNameNumbered_ReadsThatOccurrence()
    {
        // Arrange
        var profile = Profile with
        {
            Header = ["Date", "Amount", "Currency", "Currency", "Memo"],
            Columns = Profile.Columns with { Currency = "Currency#2", PayerName = null },
        };

        // Act
        var lines = Read("Date,Amount,Currency,Currency,Memo\n2026-03-02,10.00,USD,HKD,a\n", profile);

        // Assert
        Assert.Equal("HKD", Assert.Single(lines).Currency);
    }

    [Fact]
    public void Read_DuplicateHeaderNameNotNumbered_ThrowsSuggestingNumbers()
    {
        // Arrange
        var profile = Profile with
        {
            Header = ["Date", "Amount", "Currency", "Currency", "Memo"],
            Columns = Profile.Columns with { PayerName = null },
        };

        // Act
        var error = Refused("Note\nDate,Amount,Currency,Currency,Memo\n2026-03-02,10.00,USD,HKD,a\n", profile);

        // Assert
        Assert.Equal((2, "Currency"), (error.Row, error.Column));
        Assert.Contains("the column \"Currency\" 2 times", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Currency#1\" … \"Currency#2\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreRowsThanTheLimit_ThrowsNamingTheLimit()
    {
        // Arrange
        var csv = $"{Header}\n2026-03-02,1.00,EUR,A,a\n2026-03-03,2.00,EUR,B,b\n2026-03-04,3.00,EUR,C,c\n";
        var limits = new ReadLimits { MaxRows = 2 };

        // Act
        var error = Refused(csv, Profile, limits);
        var atLimit = Read($"{Header}\n2026-03-02,1.00,EUR,A,a\n2026-03-03,2.00,EUR,B,b\n", Profile, limits);

        // Assert
        Assert.Equal(4, error.Row);
        Assert.Contains("more than 2 transaction rows (the limit Statements:MaxRows)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, atLimit.Count);
    }

    [Fact]
    public void Read_RowsEndingWithAnExtraDelimiter_Accepted()
    {
        // Act
        var lines = Read($"{Header},\n2026-03-02,10.00,EUR,ACME,INV-1,\n2026-03-03,1.00,EUR,B,b,,\n", Profile);

        // Assert
        Assert.Equal([10.00m, 1.00m], lines.Select(l => l.Amount));
    }

    [Fact]
    public void Read_RowWithAnExtraValue_ThrowsForTheRow()
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,10.00,EUR,ACME,INV-1\n2026-03-03,1,000.00,EUR,ACME,INV-2\n", Profile);

        // Assert
        Assert.Equal(3, error.Row);
        Assert.Null(error.Column);
        Assert.Contains("the row has 6 values but the header has 5 columns", error.Message, StringComparison.Ordinal);
        Assert.Contains("000.00", error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithTooFewValues_ThrowsForTheRow()
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,10.00,EUR\n", Profile);

        // Assert
        Assert.Equal(2, error.Row);
        Assert.Contains("the row has 3 values but the header has 5 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnwrapSingleQuotes_ReadsTheValuesInside()
    {
        // Arrange
        const string csv = "'2026-03-02','10.00','EUR','ACME','INV-1'\n";
        var profile = new BankProfile
        {
            Name = "quoted",
            HasHeaderRow = false,
            Header = ["d", "a", "c", "p", "m"],
            Columns = new ProfileColumns { Date = "d", Amount = "a", Currency = "c", PayerName = "p", Memo = ["m"] },
            UnwrapSingleQuotes = true,
        };

        // Act
        var line = Assert.Single(Read(csv, profile));
        var error = Refused(csv, profile with { UnwrapSingleQuotes = false });

        // Assert
        Assert.Equal((new DateOnly(2026, 3, 2), 10.00m, "EUR", "ACME", "INV-1"), (line.Date, line.Amount, line.Currency, line.PayerName, line.Memo));
        Assert.Equal("d", error.Column);
    }

    [Fact]
    public void Read_ValueDateAndTimeColumns_KeepBoth()
    {
        // Arrange
        var profile = new BankProfile
        {
            Name = "dated",
            Header = ["Date", "Time", "Value date", "Amount"],
            Columns = new ProfileColumns { Date = "Date", Time = "Time", ValueDate = "Value date", Amount = "Amount" },
            DateFormats = ["dd.MM.yyyy"],
        };
        const string csv = "Date,Time,Value date,Amount\n02.03.2026,14:05:09,04.03.2026,10.00\n03.03.2026,,,1.00\n";

        // Act
        var lines = Read(csv, profile);

        // Assert
        Assert.Equal((new DateOnly(2026, 3, 2), new TimeOnly(14, 5, 9), new DateOnly(2026, 3, 4)), (lines[0].Date, lines[0].Time, lines[0].ValueDate));
        Assert.Equal(new DateOnly(2026, 3, 4), lines[0].PaymentDate);
        Assert.Equal((new DateOnly(2026, 3, 3), (TimeOnly?)null, (DateOnly?)null), (lines[1].Date, lines[1].Time, lines[1].ValueDate));
    }

    [Theory]
    [InlineData("02.03.2026,25:00,04.03.2026,10.00", "Time")]
    [InlineData("02.03.2026,14:05,2026-03-04,10.00", "Value date")]
    public void Read_BadTimeOrValueDate_ThrowsNamingTheColumn(string row, string column)
    {
        // Arrange
        var profile = new BankProfile
        {
            Name = "dated",
            Header = ["Date", "Time", "Value date", "Amount"],
            Columns = new ProfileColumns { Date = "Date", Time = "Time", ValueDate = "Value date", Amount = "Amount" },
            DateFormats = ["dd.MM.yyyy"],
        };

        // Act
        var error = Refused($"Date,Time,Value date,Amount\n{row}\n", profile);

        // Assert
        Assert.Equal((2, column), (error.Row, error.Column));
    }

    [Fact]
    public void Read_DateCellWithTime_KeepsTheTime()
    {
        // Arrange
        var profile = Profile with { DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] };

        // Act
        var lines = Read($"{Header}\n2026-03-02 14:05:09,10.00,EUR,A,a\n2026-03-03,1.00,EUR,B,b\n", profile);

        // Assert
        Assert.Equal([new TimeOnly(14, 5, 9), null], lines.Select(l => l.Time));
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], lines.Select(l => l.Date));
    }

    [Fact]
    public void Read_Iso88591ProfileWithEuroSigns_ReadsThemAsWindows1252Does()
    {
        // Arrange: files labelled ISO-8859-1 are in practice Windows-1252, where 0x80 is the euro sign.
        var profile = Profile with { Encoding = "iso-8859-1", Delimiter = ";", DecimalSeparator = "," };
        var bytes = Encoding.GetEncoding(1252).GetBytes("Date;Amount;Currency;Payer;Memo\n2026-03-02;12,50 €;EUR;Müller;Miete März 100 €\n");

        // Act
        var lines = StatementReader.Read(new MemoryStream(bytes), File, profile).Lines;

        // Assert
        var line = Assert.Single(lines);
        Assert.Equal(12.50m, line.Amount);
        Assert.Equal(("Müller", "Miete März 100 €"), (line.PayerName, line.Memo));
    }

    [Fact]
    public void Read_InvalidProfile_ThrowsBeforeReading()
    {
        // Act
        var error = Refused($"{Header}\n2026-03-02,10.00,EUR,A,a\n", Profile with { Columns = Profile.Columns with { Credit = "In" } });

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("profile test-bank cannot be used", error.Message, StringComparison.Ordinal);
    }

    // Workbooks, written with ClosedXML and read with ExcelDataReader.
    private static MemoryStream Workbook(Action<XLWorkbook> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook);
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static void Row(IXLWorksheet sheet, int row, int column, params object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = sheet.Cell(row, column + i);
            switch (cells[i])
            {
                case null:
                    break;
                case DateTime date:
                    cell.Value = date;
                    break;
                case double number:
                    cell.Value = number;
                    break;
                default:
                    // Text stays text, even when it looks like a number or a date.
                    cell.SetValue((string)cells[i]!);
                    cell.DataType = XLDataType.Text;
                    break;
            }
        }
    }

    private static void Summary(XLWorkbook workbook)
    {
        var sheet = workbook.AddWorksheet("Summary");
        Row(sheet, 1, 1, "Account", "DE0012345678");
        Row(sheet, 2, 1, "Closing balance", 1234.5);
    }

    private static StatementFile ReadWorkbook(MemoryStream stream, BankProfile profile) => StatementReader.Read(stream, "bank.xlsx", profile);

    [Fact]
    public void Read_WorkbookSecondSheetWithTypedCells_ReadsDatesAndNumbers()
    {
        // Arrange
        using var stream = Workbook(workbook =>
        {
            Summary(workbook);
            var sheet = workbook.AddWorksheet("Transactions");
            Row(sheet, 1, 1, "Date", "Amount", "Currency", "Payer", "Memo");
            Row(sheet, 2, 1, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified), 10000.5, "EUR", "ACME", "INV-1");
            Row(sheet, 3, 1, new DateTime(2026, 3, 3, 14, 5, 0, DateTimeKind.Unspecified), -12.25, null, "Bank", "fee");
        });

        // Act
        var file = ReadWorkbook(stream, SheetProfile);

        // Assert
        Assert.Equal((FileKind.Xlsx, "Transactions"), (file.Kind, file.Sheet));
        Assert.Equal(
            [
                new StatementLine("bank.xlsx", 2, "", new DateOnly(2026, 3, 2), 10000.5m, "EUR", "ACME", "", "INV-1"),
                new StatementLine("bank.xlsx", 3, "", new DateOnly(2026, 3, 3), -12.25m, "EUR", "Bank", "", "fee") { Time = new TimeOnly(14, 5) },
            ],
            file.Lines);
    }

    [Fact]
    public void Read_WorkbookSecondSheetWithTextCells_ParsesThemAsTheProfileSays()
    {
        // Arrange
        using var stream = Workbook(workbook =>
        {
            Summary(workbook);
            var sheet = workbook.AddWorksheet("Transactions");
            Row(sheet, 1, 1, "Date", "Amount", "Currency", "Payer", "Memo");
            Row(sheet, 2, 1, "02.03.2026", "1.234,56", "EUR", "ACME", "INV-1");
            Row(sheet, 3, 1, "03.03.2026", "-89,90", "€", "Bank", "fee");
        });

        // Act
        var file = ReadWorkbook(stream, SheetProfile);

        // Assert
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], file.Lines.Select(l => l.Date));
        Assert.Equal([1234.56m, -89.90m], file.Lines.Select(l => l.Amount));
        Assert.All(file.Lines, l => Assert.Equal("EUR", l.Currency));
        stream.Position = 0;
        using var source = new WorkbookRowSource(stream, "bank.xlsx");
        source.UseSheet(1);
        source.Read();
        source.Read();
        Assert.Equal((null, "02.03.2026"), (source.Typed(0), source.Text(0)));
    }

    [Fact]
    public void Read_WorkbookWithoutTheNamedSheet_ThrowsListingTheSheets()
    {
        // Arrange
        using var stream = Workbook(workbook =>
        {
            Summary(workbook);
            Row(workbook.AddWorksheet("Transactions"), 1, 1, "Date", "Amount", "Currency", "Payer", "Memo");
        });

        // Act
        var error = Assert.Throws<InputFormatException>(() => ReadWorkbook(stream, SheetProfile with { Sheet = "Umsätze" }));

        // Assert
        Assert.Contains("the workbook has no sheet \"Umsätze\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("its sheets are \"Summary\", \"Transactions\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WorkbookWithoutSheetInProfile_ReadsTheFirstSheetWithTheHeader()
    {
        // Arrange
        using var stream = Workbook(workbook =>
        {
            Summary(workbook);
            var sheet = workbook.AddWorksheet("Transactions");
            Row(sheet, 1, 1, "Date", "Amount", "Currency", "Payer", "Memo");
            Row(sheet, 2, 1, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified), 10.0, "EUR", "ACME", "INV-1");
        });

        // Act
        var file = ReadWorkbook(stream, SheetProfile with { Sheet = null });

        // Assert
        Assert.Equal("Transactions", file.Sheet);
        Assert.Equal(10m, Assert.Single(file.Lines).Amount);
    }

    [Fact]
    public void Read_WorkbookTableBelowATitleAndRightOfAnEmptyColumn_KeepsExcelRowNumbers()
    {
        // Arrange: the table starts at B3, below a title in A1 and an empty row.
        using var stream = Workbook(workbook =>
        {
            var sheet = workbook.AddWorksheet("Transactions");
            Row(sheet, 1, 1, "Kontoauszug März 2026");
            Row(sheet, 3, 2, "Date", "Amount", "Currency", "Payer", "Memo");
            Row(sheet, 4, 2, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified), 10.0, "EUR", "ACME", "INV-1");
            Row(sheet, 6, 2, new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Unspecified), -3.0, "EUR", "Bank", "fee");
        });
        var profile = SheetProfile with { Header = null, HeaderRow = 3 };

        // Act
        var file = ReadWorkbook(stream, profile);

        // Assert
        Assert.Equal([4, 6], file.Lines.Select(l => l.Row));
        Assert.Equal([10m, -3m], file.Lines.Select(l => l.Amount));
    }
    [Fact]
    public void Read_WorkbookTimeCellsInTheTimeColumn_KeepTheTime()
    {
        // Arrange: Excel keeps a time of day as a fraction of a day, formatted as a time.
        using var stream = Workbook(workbook =>
        {
            var sheet = workbook.AddWorksheet("Transactions");
            Row(sheet, 1, 1, "Date", "Time", "Amount");
            Row(sheet, 2, 1, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified), null, 10.0);
            sheet.Cell(2, 2).Value = new TimeSpan(14, 5, 0);
        });
        var profile = new BankProfile
        {
            Name = "timed",
            Header = ["Date", "Time", "Amount"],
            Columns = new ProfileColumns { Date = "Date", Time = "Time", Amount = "Amount" },
        };

        // Act
        var file = ReadWorkbook(stream, profile);

        // Assert
        var line = Assert.Single(file.Lines);
        Assert.Equal((new DateOnly(2026, 3, 2), new TimeOnly(14, 5)), (line.Date, line.Time));
    }
}
