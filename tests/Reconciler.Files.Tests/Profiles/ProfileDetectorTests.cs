using System.Text;
using ClosedXML.Excel;

namespace Reconciler.Files.Tests.Profiles;

public class ProfileDetectorTests
{
    static ProfileDetectorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static MemoryStream Bytes(string text, Encoding encoding) => new(encoding.GetBytes(text));

    private static MemoryStream Utf8(string text) => Bytes(text, new UTF8Encoding(false));

    [Fact]
    public void Detect_GermanSemicolonDecimalCommaWindows1252WithPreamble_DetectsLayoutAndReadsAmounts()
    {
        // Arrange
        const string text = """
            Umsatzanzeige;Girokonto
            Kontoinhaber;Erika Mustermann
            Zeitraum;01.03.2026 - 31.03.2026

            Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag;Währung
            02.03.2026;02.03.2026;Müller GmbH;Rechnung RE-2026-001;1.234,56;EUR
            03.03.2026;04.03.2026;Stadtwerke Köln;Abschlag März;-89,90;EUR
            05.03.2026;05.03.2026;Bäckerei Schön;Überweisung;12,50;EUR
            06.03.2026;06.03.2026;Jürgen Weiß;Miete;-1.000,00;EUR

            """;
        using var stream = Bytes(text, Encoding.GetEncoding(1252));

        // Act
        var detection = ProfileDetector.Detect(stream, "umsatz.csv");
        var rewound = stream.Position;
        var file = StatementReader.Read(stream, "umsatz.csv");

        // Assert
        var profile = detection.Profile;
        Assert.Equal("detected", detection.HowChosen);
        Assert.Equal("windows-1252", profile.Encoding);
        Assert.Equal(";", profile.Delimiter);
        Assert.Equal(",", profile.DecimalSeparator);
        Assert.Equal(["dd.MM.yyyy"], profile.DateFormats);
        Assert.Equal("Buchungstag", profile.Columns.Date);
        Assert.Equal("Valuta", profile.Columns.ValueDate);
        Assert.Equal("Betrag", profile.Columns.Amount);
        Assert.Equal("Währung", profile.Columns.Currency);
        Assert.Equal("Auftraggeber/Empfänger", profile.Columns.PayerName);
        Assert.Equal(["Verwendungszweck"], profile.Columns.Memo);
        Assert.Equal("EUR", profile.DefaultCurrency);
        Assert.Equal(0, rewound);

        Assert.Equal([1234.56m, -89.90m, 12.50m, -1000.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal([6, 7, 8, 9], file.Lines.Select(l => l.Row));
        Assert.Equal(new DateOnly(2026, 3, 3), file.Lines[1].Date);
        Assert.Equal(new DateOnly(2026, 3, 4), file.Lines[1].ValueDate);
        Assert.Equal("Stadtwerke Köln", file.Lines[1].PayerName);
        Assert.Equal("Jürgen Weiß", file.Lines[3].PayerName);
        Assert.All(file.Lines, l => Assert.Equal("EUR", l.Currency));
        Assert.Equal("detected", file.HowChosen);
    }

    [Fact]
    public void Detect_ChineseGb18030SplitCreditDebitWithTotalFooter_ReadsSignedAmountsAndSkipsTheFooter()
    {
        // Arrange
        const string text = """
            交易日期,摘要,收入金额,支出金额,对方户名
            2026-01-05,货款 KL26-004512,10000.00,,上海瑞康医疗器械有限公司
            2026-01-06,手续费,,15.00,中国银行
            2026-01-07,退款,500.00,,北京某某科技有限公司
            合计,,10500.00,15.00,

            """;
        using var stream = Bytes(text, Encoding.GetEncoding("GB18030"));

        // Act
        var detection = ProfileDetector.Detect(stream, "流水.csv");
        var file = StatementReader.Read(stream, "流水.csv");

        // Assert
        var profile = detection.Profile;
        Assert.Equal("gb18030", profile.Encoding);
        Assert.Equal(",", profile.Delimiter);
        Assert.Equal("收入金额", profile.Columns.Credit);
        Assert.Equal("支出金额", profile.Columns.Debit);
        Assert.Null(profile.Columns.Amount);
        Assert.Equal("对方户名", profile.Columns.PayerName);
        Assert.Equal(["摘要"], profile.Columns.Memo);
        Assert.Equal("CNY", profile.DefaultCurrency);
        Assert.Contains(detection.Notes, n => n.Contains("names no currency", StringComparison.Ordinal));

        Assert.Equal([10000.00m, -15.00m, 500.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal("上海瑞康医疗器械有限公司", file.Lines[0].PayerName);
        Assert.Equal("货款 KL26-004512", file.Lines[0].Memo);
        Assert.All(file.Lines, l => Assert.Equal("CNY", l.Currency));
    }

    [Fact]
    public void Detect_TabDelimitedEnglish_DetectsTabAndRoles()
    {
        // Arrange
        const string text = "Date\tDescription\tAmount\tCurrency\tReference\n"
            + "2026-03-02\tINVOICE INV-001 ACME\t1,250.00\tUSD\tREF001\n"
            + "2026-03-03\tBANK FEE\t-12.50\tUSD\tREF002\n"
            + "2026-03-04\tPAYMENT FROM GLOBEX\t300.00\tUSD\tREF003\n";
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "history.txt");
        var file = StatementReader.Read(stream, "history.txt");

        // Assert
        var profile = detection.Profile;
        Assert.Equal('\t', ProfileJson.DelimiterChar(profile.Delimiter));
        Assert.Equal("utf-8", profile.Encoding);
        Assert.Equal(".", profile.DecimalSeparator);
        Assert.Equal("Date", profile.Columns.Date);
        Assert.Equal("Amount", profile.Columns.Amount);
        Assert.Equal("Currency", profile.Columns.Currency);
        Assert.Equal("Reference", profile.Columns.BankRef);
        Assert.Equal(["Description"], profile.Columns.Memo);

        Assert.Equal([1250.00m, -12.50m, 300.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal(["REF001", "REF002", "REF003"], file.Lines.Select(l => l.BankRef));
        Assert.All(file.Lines, l => Assert.Equal("USD", l.Currency));
    }

    [Fact]
    public void Detect_GenericHeaderWithoutItsCurrencyColumn_KeepsBankRefAndTakesTheCurrencyTheAmountsName()
    {
        // Arrange: Reconciler's own layout less its currency column, the amounts carrying their code.
        const string text = "date,amount,payer_name,payer_account,memo,bank_ref\n"
            + "2026-03-02,1250.00 EUR,ACME,DE44,INV-001,REF001\n"
            + "2026-03-03,300.00 EUR,GLOBEX,DE45,INV-002,REF002\n";
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "export.csv");
        var file = StatementReader.Read(stream, "export.csv");

        // Assert
        Assert.Equal("bank_ref", detection.Profile.Columns.BankRef);
        Assert.Equal(["REF001", "REF002"], file.Lines.Select(l => l.BankRef));
        Assert.All(file.Lines, l => Assert.Equal("EUR", l.Currency));
    }

    [Fact]
    public void Detect_DirectionColumn_SignsAmountsAndKeepsNeutralLines()
    {
        // Arrange
        const string text = """
            日期,收/支,金额,对方户名,摘要
            2026-02-01,收,1000.00,上海瑞康,货款
            2026-02-02,支,35.50,美团,午餐
            2026-02-03,/,200.00,理财通,转入零钱
            2026-02-04,收,88.00,北京公司,退款

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "direction.csv");
        var file = StatementReader.Read(stream, "direction.csv");

        // Assert
        var profile = detection.Profile;
        Assert.Equal("金额", profile.Columns.Amount);
        Assert.Equal("收/支", profile.Columns.Direction);
        Assert.Contains("收", profile.Direction!.Credit);
        Assert.Contains("支", profile.Direction.Debit);
        Assert.Contains("/", profile.Direction.Neutral);

        Assert.Equal([1000.00m, -35.50m, 200.00m, 88.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal([false, false, true, false], file.Lines.Select(l => l.Neutral));
    }

    [Fact]
    public void Detect_DatesThatReadBothDayFirstAndMonthFirst_NoteSaysSo()
    {
        // Arrange
        const string text = """
            Date,Description,Amount
            03/04/2026,Invoice 1,100.00
            05/06/2026,Invoice 2,-20.00
            07/08/2026,Invoice 3,30.00

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "us-or-uk.csv");

        // Assert
        Assert.Contains(detection.Notes, n => n.Contains("day/month or month/day", StringComparison.Ordinal) && n.Contains(detection.Profile.DateFormats[0], StringComparison.Ordinal));
        Assert.Single(detection.Profile.DateFormats);
    }

    [Fact]
    public void Detect_DatesWithADayAboveTwelve_DayFirstWithoutNote()
    {
        // Arrange
        const string text = """
            Date,Description,Amount
            03/04/2026,Invoice 1,100.00
            25/06/2026,Invoice 2,-20.00
            07/08/2026,Invoice 3,30.00

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "uk.csv");
        var file = StatementReader.Read(stream, "uk.csv");

        // Assert
        Assert.DoesNotContain(detection.Notes, n => n.Contains("day/month", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 4, 3), file.Lines[0].Date);
        Assert.Equal(new DateOnly(2026, 6, 25), file.Lines[1].Date);
    }

    [Fact]
    public void Detect_NoHeaderRowWithSignedAmounts_ReadsByPosition()
    {
        // Arrange
        const string text = """
            2026-03-02,1250.00,EUR,ACME GmbH,Invoice INV-001 payment
            2026-03-03,-12.50,EUR,Bank,Monthly account fee
            2026-03-04,300.00,EUR,Globex,Invoice INV-002 payment
            2026-03-05,-45.00,EUR,Stadtwerke,Electricity for March

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "export.csv");
        var file = StatementReader.Read(stream, "export.csv");

        // Assert
        var profile = detection.Profile;
        Assert.False(profile.HasHeaderRow);
        Assert.Equal("column1", profile.Columns.Date);
        Assert.Equal("column2", profile.Columns.Amount);
        Assert.Equal("column3", profile.Columns.Currency);
        Assert.Contains(detection.Notes, n => n.Contains("no header row", StringComparison.Ordinal));
        Assert.Empty(ProfileJson.Validate(profile));

        Assert.Equal([1, 2, 3, 4], file.Lines.Select(l => l.Row));
        Assert.Equal([1250.00m, -12.50m, 300.00m, -45.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal("Monthly account fee", file.Lines[1].Memo);
        Assert.Equal("Bank", file.Lines[1].PayerName);
    }

    [Fact]
    public void Detect_CommaFileWithTabsInsideQuotes_ChoosesComma()
    {
        // Arrange: counted naively, each line splits into more fields on tabs (7) than on commas (4).
        const string text = "Date,Description,Amount,Currency\n"
            + "2026-03-02,\"Invoice\tINV-001\tACME\tGmbH\tBerlin\tDE\",100.00,EUR\n"
            + "2026-03-03,\"Fee\tmonthly\taccount\tkeeping\tfor\tMarch\",-5.00,EUR\n"
            + "2026-03-04,\"Refund\tINV-002\tGlobex\tLtd\tLondon\tUK\",20.00,EUR\n";
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "quoted.csv");
        var file = StatementReader.Read(stream, "quoted.csv");

        // Assert
        Assert.Equal(",", detection.Profile.Delimiter);
        Assert.Equal([100.00m, -5.00m, 20.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal("Invoice\tINV-001\tACME\tGmbH\tBerlin\tDE", file.Lines[0].Memo);
    }

    [Theory]
    [InlineData("Date;Amount\n2026-03-02;1,50\n2026-03-03;2,50\nlast", ';')]
    [InlineData("a|b|c\n1|2|3\n4|5|6\n", '|')]
    [InlineData("\"a,b\"\tc\td\n\"e,f\"\tg\th\nx\ty\tz\n", '\t')]
    public void GuessDelimiter_CountsOutsideQuotes(string text, char expected)
    {
        // Act
        var delimiter = ProfileDetector.GuessDelimiter(text);

        // Assert
        Assert.Equal(expected, delimiter);
    }

    [Theory]
    [InlineData("Lorem ipsum dolor sit amet\nconsectetur adipiscing elit\nsed do eiusmod tempor\nincididunt ut labore\n")]
    [InlineData("Lorem ipsum, dolor sit, amet\nconsectetur, adipiscing, elit\nsed do, eiusmod, tempor\nut labore, et dolore, magna\n")]
    [InlineData("Dear customer,\nthank you for banking with us.\nYour statement is attached as a PDF.\n")]
    public void Detect_NotAStatement_ThrowsSayingWhatIsMissing(string text)
    {
        // Arrange
        using var stream = Utf8(text);

        // Act
        var error = Assert.Throws<InputFormatException>(() => ProfileDetector.Detect(stream, "letter.txt"));

        // Assert
        Assert.Equal("letter.txt", error.File);
        Assert.Contains("no header row with known column names", error.Message, StringComparison.Ordinal);
        Assert.Contains("write a profile for this layout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EmptyFile_ThrowsSayingItIsEmpty()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "empty.csv"));

        // Assert
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_BuiltInHeaderWithOneColumnRenamed_RefusedNamingTheDifference()
    {
        // Arrange: icbc-debit's header with 对方户名 renamed.
        const string text = """
            交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方账户名称
            2026-01-05,货款,网上银行,CHN,钞,-,-,-,10000.00,,人民币,10000.00,上海瑞康
            2026-01-06,手续费,网上银行,CHN,钞,-,-,-,,15.00,人民币,9985.00,中国银行

            """;
        using var stream = Utf8(text);

        // Act
        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "icbc.csv"));

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("icbc-debit", error.Message, StringComparison.Ordinal);
        Assert.Contains("column \"对方户名\" is now \"对方账户名称\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_BuiltInHeader_RecognisedAndRead()
    {
        // Arrange
        const string text = """
            Date,Description,Billing amount,Billing currency,Balance,Balance currency
            31/03/2026,PAYMENT KL26-004512,"1,000.00",HKD,"5,000.00",HKD
            30/03/2026,FEE,-5.00,HKD,"4,000.00",HKD

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "hsbc.csv");
        var file = StatementReader.Read(stream, "hsbc.csv");

        // Assert
        Assert.Equal("hsbc-hk", detection.Profile.Name);
        Assert.Equal("recognised by its header", detection.HowChosen);
        Assert.Empty(detection.Notes);
        Assert.Equal([1000.00m, -5.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal(new DateOnly(2026, 3, 31), file.Lines[0].Date);
    }

    [Fact]
    public void Detect_CatalogWithoutProfiles_BuildsOneEvenForAKnownHeader()
    {
        // Arrange
        const string text = """
            Date,Description,Billing amount,Billing currency,Balance,Balance currency
            31/03/2026,PAYMENT,"1,000.00",HKD,"5,000.00",HKD

            """;
        using var stream = Utf8(text);

        // Act
        var detection = ProfileDetector.Detect(stream, "hsbc.csv", ProfileCatalog.Of([]));

        // Assert
        Assert.Equal("detected", detection.HowChosen);
        Assert.Equal("Billing amount", detection.Profile.Columns.Amount);
        Assert.Equal("Billing currency", detection.Profile.Columns.Currency);
        Assert.Equal("HKD", detection.Profile.DefaultCurrency);
    }
    [Fact]
    public void Detect_Utf16WithoutByteOrderMark_ReadsTheText()
    {
        // Arrange
        const string text = "交易日期,摘要,金额,对方户名\n2026-01-05,货款,100.00,上海瑞康\n2026-01-06,手续费,-5.00,中国银行\n";
        using var stream = Bytes(text, Encoding.Unicode);

        // Act
        var file = StatementReader.Read(stream, "utf16.csv");

        // Assert
        Assert.Equal("utf-16", file.Profile.Encoding);
        Assert.Equal([100.00m, -5.00m], file.Lines.Select(l => l.Amount));
        Assert.Equal("上海瑞康", file.Lines[0].PayerName);
    }

    [Fact]
    public void Detect_KnownLatin1LayoutSavedAsUtf8_RecognisedAndReadAsUtf8()
    {
        // Arrange: ing-de's header, but the file was re-saved as UTF-8.
        const string text = """
            Umsatzanzeige;Datei erstellt am: 31.03.2026

            Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung
            02.03.2026;02.03.2026;Müller GmbH;Gutschrift;Rechnung 1;1.234,56;EUR;1.234,56;EUR
            03.03.2026;03.03.2026;Stadtwerke Köln;Lastschrift;Abschlag;1.144,66;EUR;-89,90;EUR

            """;
        using var stream = Utf8(text);

        // Act
        var file = StatementReader.Read(stream, "ing.csv");

        // Assert
        Assert.Equal(("ing-de", "utf-8", "recognised by its header"), (file.Profile.Name, file.Profile.Encoding, file.HowChosen));
        Assert.Equal([1234.56m, -89.90m], file.Lines.Select(l => l.Amount));
        Assert.Equal("Stadtwerke Köln", file.Lines[1].PayerName);
    }

    [Fact]
    public void Detect_WorkbookWithTypedSheetAndTextCopy_PrefersTheTypedSheet()
    {
        // Arrange: a text copy of the data (as a Power Query sheet makes) comes first.
        using var stream = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            var copy = workbook.AddWorksheet("Copy");
            var data = workbook.AddWorksheet("Data");
            string[] header = ["Date", "Description", "Amount", "Currency"];
            for (var c = 0; c < header.Length; c++)
            {
                copy.Cell(1, c + 1).SetValue(header[c]);
                data.Cell(1, c + 1).SetValue(header[c]);
            }

            object[][] rows =
            [
                [new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Unspecified), "Invoice INV-001", 10000.5, "EUR"],
                [new DateTime(2026, 3, 3, 0, 0, 0, DateTimeKind.Unspecified), "Fee", -12.25, "EUR"],
            ];
            for (var r = 0; r < rows.Length; r++)
            {
                data.Cell(r + 2, 1).Value = (DateTime)rows[r][0];
                data.Cell(r + 2, 2).SetValue((string)rows[r][1]);
                data.Cell(r + 2, 3).Value = (double)rows[r][2];
                data.Cell(r + 2, 4).SetValue((string)rows[r][3]);
                foreach (var (c, text) in new[] { ((DateTime)rows[r][0]).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)rows[r][1], ((double)rows[r][2]).ToString(System.Globalization.CultureInfo.InvariantCulture), (string)rows[r][3] }.Select((t, i) => (i + 1, t)))
                {
                    copy.Cell(r + 2, c).SetValue(text);
                    copy.Cell(r + 2, c).DataType = XLDataType.Text;
                }
            }

            workbook.SaveAs(stream);
        }

        stream.Position = 0;

        // Act
        var detection = ProfileDetector.Detect(stream, "export.xlsx");
        var file = StatementReader.Read(stream, "export.xlsx");

        // Assert
        Assert.Equal(("detected", "Data"), (detection.HowChosen, detection.Profile.Sheet));
        Assert.Equal((FileKind.Xlsx, "Data"), (file.Kind, file.Sheet));
        Assert.Equal([10000.5m, -12.25m], file.Lines.Select(l => l.Amount));
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], file.Lines.Select(l => l.Date));
    }
}
