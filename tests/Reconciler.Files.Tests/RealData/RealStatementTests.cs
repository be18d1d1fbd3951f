using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files.Tests.RealData;

/// <summary>
/// The real bank exports in <c>../shared/realdata</c>, read in place, against figures another engineer worked out
/// from the raw files without this code (exact decimals): line counts, credits, debits and neutral lines with
/// their sums, the first and last booking date, the physical rows of the first and last line, and a memo sample.
/// Each file is read three ways: with its built-in profile named, recognised by its header, and detected from
/// scratch with no known profile.
/// </summary>
public sealed class RealStatementTests : IDisposable
{
    private const string Icbc = "double-entry-generator/icbc-debit-v1-records.csv";
    private const string Alipay = "double-entry-generator/alipay-records.gbk.csv";
    private const string Boc = "double-entry-generator/boc-debit-records.csv";
    private const string HsbcHk = "double-entry-generator/hsbchk-debit-records.csv";
    private const string IngDe = "ofxstatement-de-ing/ing-de-umsatzanzeige-with-saldo.csv";
    private const string AsnNl = "ofxstatement-dutch/asn-transactie-historie-noheader.csv";
    private const string OcaCsv = "oca-bank-statement-import/meta_data_separated_credit_debit.csv";
    private const string WeChat = "double-entry-generator/wechat-records.xlsx";
    private const string Fineco = "ofxstatement-fineco/fineco-movimenti.xlsx";
    private const string Santander = "ofxstatement-santander-es/santander-es-movimientos.xlsx";
    private const string OcaXlsx = "oca-bank-statement-import/meta_data_separated_credit_debit.xlsx";
    private const string Ccb = "double-entry-generator/ccb-jiaoyimingxi.xls";

    private const string HsbcHeader = "Date,Description,Billing amount,Billing currency,Balance,Balance currency";

    // Ground truth (/tmp/truth/figures.md): every row counted by its own direction, except rows the bank has not
    // booked, which are neither in nor out with their signed amounts: Alipay's two 交易关闭 (closed) trades (row 31,
    // 不计收支 82.00, and row 33, 支出 50.00, so 5 debits totalling 211.64 - 50.00) and Fineco's Autorizzato (pending)
    // row 8 (-9.99); debit sums are absolute; rows are physical (CSV line, Excel row).
    private static readonly Dictionary<string, Expected> Truth = new(StringComparer.Ordinal)
    {
        [Icbc] = new("icbc-debit", new(11, 5, 2841.74m, 6, 4241.08m, 0, 0m, Day(2023, 2, 8), Day(2023, 5, 2), 8, 18), new(11, "银联消费", "银联无卡支付业务((特约)掌上生活还款)")),
        [Alipay] = new("alipay", new(10, 1, 222228.50m, 4, 161.64m, 5, 197.37m, Day(2023, 1, 9), Day(2023, 7, 10), 26, 35), new(29, "蚂蚁财富-交银定期支付双息平衡混合-卖出至余额宝", "蚂蚁财富-蚂蚁（杭州）基金销售有限公司")),
        [Boc] = new("boc-debit", new(17, 4, 9821.00m, 13, 9394.30m, 0, 0m, Day(2025, 8, 1), Day(2025, 8, 22), 3, 19), new(16, "支付宝-张三-张三支付宝余额提现-张三", "支付宝-张三")),
        [HsbcHk] = new("hsbc-hk", new(10, 4, 25505.45m, 6, 3526.50m, 0, 0m, Day(2025, 3, 1), Day(2025, 3, 24), 2, 11), new(4, "FUND TRANSFER FROM       12-345678-9 JOHN SMITH", null)),
        [IngDe] = new("ing-de", new(9, 1, 50.00m, 8, 228.60m, 0, 0m, Day(2018, 12, 9), Day(2018, 12, 28), 15, 23), new(20, "Übernachtung in Neuenhausen am 21.05.2017", "VISA Hotel XY")),
        [AsnNl] = new("asn-nl", new(11, 3, 3286.92m, 8, 3333.12m, 0, 0m, Day(2022, 6, 17), Day(2022, 7, 11), 1, 11), new(3, "Kosten gebruik betaalrekening inclusief 1 betaalpas", null)),
        [OcaCsv] = new("fr-credit-debit", new(4, 1, 1300.00m, 3, 230.68m, 0, 0m, Day(2020, 4, 1), Day(2020, 4, 2), 6, 9), new(7, "CLIENTS X", null)),
        [WeChat] = new("wechat", new(27, 5, 28.49m, 11, 2904.53m, 11, 26100.89m, Day(2017, 10, 20), Day(2024, 6, 7), 19, 45), new(22, "转账备注:微信转账", "房东")),
        [Fineco] = new("fineco", new(2, 1, 150.62m, 0, 0m, 1, -9.99m, Day(2024, 12, 31), Day(2024, 12, 31), 8, 9), new(9, "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", null)),
        [Santander] = new("santander-es", new(1, 0, 0m, 1, 10.50m, 0, 0m, Day(2023, 10, 26), Day(2023, 10, 26), 8, 8), new(8, "Example Transaction Description", null)),
        [OcaXlsx] = new("fr-credit-debit", new(4, 1, 1300.00m, 3, 230.68m, 0, 0m, Day(2020, 4, 1), Day(2020, 4, 2), 6, 9), new(7, "CLIENTS X", null)),
        [Ccb] = new("ccb", new(6, 0, 0m, 6, 703.26m, 0, 0m, Day(2025, 1, 1), Day(2025, 1, 6), 7, 12), new(10, "中国铁路网络有限公司（云闪付APP）", "中***网络有限公司")),
    };

    private readonly TempFolder _folder = new();

    /// <summary>The files under <c>../shared/realdata</c>, by their path there.</summary>
    public static TheoryData<string> Files => new(Truth.Keys);

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Read_NamedBuiltInProfile_MatchesGroundTruth(string file)
    {
        // Arrange
        var expected = Truth[file];
        var profile = ProfileCatalog.BuiltIn.Get(expected.Profile);

        // Act
        var read = Read(file, profile);

        // Assert
        Assert.Equal("named", read.HowChosen);
        Assert.Equal(expected.Profile, read.Profile.Name);
        Assert.Equal(expected.Figures, Figures.Of(read.Lines));
        AssertSample(expected.Sample, read.Lines);
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Read_BuiltInCatalogNoProfile_RecognisesBuiltInProfileByHeader(string file)
    {
        // Arrange
        var expected = Truth[file];

        // Act
        var read = Read(file, catalog: ProfileCatalog.BuiltIn);

        // Assert
        Assert.Equal(expected.Profile, read.Profile.Name);
        Assert.Equal("recognised by its header", read.HowChosen);
        Assert.Equal(expected.Figures, Figures.Of(read.Lines));
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Read_EmptyCatalogNoProfile_DetectsLayoutWithGroundTruthFigures(string file)
    {
        // Arrange
        var expected = Truth[file];

        // Act
        var read = Read(file, catalog: ProfileCatalog.Of([]));

        // Assert
        Assert.Equal("detected", read.HowChosen);
        Assert.Equal(expected.Figures, Figures.Of(read.Lines));
        AssertSample(expected.Sample, read.Lines);
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Read_EmptyCatalogNoProfile_GivesSameLinesAsNamedProfileApartFromMemo(string file)
    {
        // Arrange
        var named = Read(file, ProfileCatalog.BuiltIn.Get(Truth[file].Profile)).Lines;

        // Act
        var detected = Read(file, catalog: ProfileCatalog.Of([])).Lines;

        // Assert: the memo may join the same columns in another order; every other field must agree, except that
        // a file without a header row gives detection nothing to tell a bank reference from other numbers by.
        Assert.Equal(named.Count, detected.Count);
        var headerless = !ProfileCatalog.BuiltIn.Get(Truth[file].Profile).HasHeaderRow;
        var differences = named.Zip(detected)
            .SelectMany(pair => Differences(pair.First, headerless ? pair.Second with { BankRef = pair.First.BankRef } : pair.Second))
            .ToList();
        if (differences.Count > 0)
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{file}: the detected profile reads {differences.Count} field(s) differently from built-in profile {Truth[file].Profile}:\n{string.Join('\n', differences)}"));
        }
    }

    [SkippableFact]
    public void Read_IngDe_GivesCreditWithPayerCurrencyAndValueDate()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("ing-de");

        // Act
        var lines = Read(IngDe, profile).Lines;

        // Assert: row 16 is the only credit; row 20 was booked 18 days before its value date.
        var expected = new StatementLine(
            "ing-de-umsatzanzeige-with-saldo.csv", 16, "", Day(2018, 12, 28), 50.00m, "EUR", "Karl Karlsen", "", "Monatliche Ueberweisung Gutschrift aus Dauerauftrag")
        {
            ValueDate = Day(2018, 12, 28),
        };
        Assert.Equal(expected, LineAt(lines, 16));
        var hotel = LineAt(lines, 20);
        Assert.Equal((Day(2018, 12, 10), Day(2018, 12, 28), -150.00m), (hotel.Date, hotel.ValueDate, hotel.Amount));
        Assert.Equal(Day(2018, 12, 28), hotel.PaymentDate);
    }

    [SkippableFact]
    public void Read_BocDebit_GivesTimeFromItsOwnColumnAndThousandsAmount()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("boc-debit");

        // Act
        var lines = Read(Boc, profile).Lines;

        // Assert: "3,000.00" (quoted, thousands comma) at 16:10:21; the branch column's dashes are no memo.
        var expected = new StatementLine(
            "boc-debit-records.csv", 16, "", Day(2025, 8, 4), 3000.00m, "CNY", "支付宝-张三", "2088******0156", "支付宝-张三-张三支付宝余额提现-张三 网上快捷提现")
        {
            Time = new TimeOnly(16, 10, 21),
        };
        Assert.Equal(expected, LineAt(lines, 16));
        Assert.Equal(new TimeOnly(17, 57, 17), LineAt(lines, 3).Time);
    }

    [SkippableFact]
    public void Read_AsnNl_TakesValueDateFromValutadatumAndMemoWithoutSingleQuotes()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("asn-nl");

        // Act
        var lines = Read(AsnNl, profile).Lines;

        // Assert: row 6's journal date (29-06) is not its value date (28-06).
        var expected = new StatementLine(
            "asn-transactie-historie-noheader.csv", 3, "50951652", Day(2022, 6, 25), -2.20m, "EUR", "", "", "Kosten gebruik betaalrekening inclusief 1 betaalpas")
        {
            ValueDate = Day(2022, 6, 25),
        };
        Assert.Equal(expected, LineAt(lines, 3));
        Assert.Equal(Day(2022, 6, 28), LineAt(lines, 6).ValueDate);
        Assert.All(lines, line => Assert.DoesNotContain('\'', line.Memo));
    }

    [SkippableFact]
    public void Read_WeChat_KeepsNeutralLineUnsignedFromSheet1()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("wechat");

        // Act
        var read = Read(WeChat, profile);

        // Assert: "/" is neither in nor out (and an empty payer); 548.58000000000004 in the cell is 548.58.
        Assert.Equal("Sheet1", read.Sheet);
        var expected = new StatementLine(
            "wechat-records.xlsx", 24, "3985734", Day(2021, 1, 17), 2000.00m, "CNY", "", "", "转入零钱通-来自工商银行(9876)")
        {
            Time = new TimeOnly(10, 7, 31),
            Neutral = true,
        };
        Assert.Equal(expected, LineAt(read.Lines, 24));
        var repayment = LineAt(read.Lines, 28);
        Assert.Equal((548.58m, true), (repayment.Amount, repayment.Neutral));
    }

    [SkippableFact]
    public void Read_Alipay_GivesBankRefWithoutTrailingTab()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("alipay");

        // Act
        var lines = Read(Alipay, profile).Lines;

        // Assert: the order id ends in a TAB (an Excel text guard) and cells are space-padded; 对方账号 "/" is empty.
        var expected = new StatementLine(
            "alipay-records.gbk.csv", 26, "202302xxxxxx0011000103xxxxxx", Day(2023, 2, 12), -49.74m, "CNY", "xxxxxxxxxxxx", "", "亲情卡")
        {
            Time = new TimeOnly(21, 32, 14),
        };
        Assert.Equal(expected, LineAt(lines, 26));
        var fund = LineAt(lines, 29);
        Assert.Equal((99.34m, true), (fund.Amount, fund.Neutral));
    }

    [SkippableTheory]
    [InlineData(Alipay, "alipay")]
    [InlineData(Fineco, "fineco")]
    public void Read_StatusColumn_MarksOnlyRowsTheBankHasNotBooked(string file, string profileName)
    {
        // Arrange: Alipay's 交易状态 is 交易关闭 (closed) on rows 31 and 33 only; Fineco's Stato is Autorizzato (pending)
        // on row 8 and Contabilizzato (booked) on row 9.
        var expected = file == Alipay
            ? new Dictionary<int, (string? Status, decimal Amount)> { [31] = ("交易关闭", 82.00m), [33] = ("交易关闭", -50.00m) }
            : new Dictionary<int, (string? Status, decimal Amount)> { [8] = ("Autorizzato", -9.99m) };

        // Act
        var lines = Read(file, ProfileCatalog.BuiltIn.Get(profileName)).Lines;

        // Assert: those rows keep their amounts (signed as the bank gives them) and are neither in nor out; no other row is touched.
        foreach (var line in lines)
        {
            if (expected.TryGetValue(line.Row, out var row))
            {
                Assert.Equal((row.Status, row.Amount, true), (line.NotBooked, line.Amount, line.Neutral));
            }
            else
            {
                Assert.Null(line.NotBooked);
            }
        }

        Assert.Equal(expected.Count, lines.Count(l => l.NotBooked is not null));
    }

    [SkippableFact]
    public void Read_HsbcHk_TakesCurrencyFromEachRow()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("hsbc-hk");

        // Act
        var lines = Read(HsbcHk, profile).Lines;

        // Assert: two salaries of 12,500.00 on the same day, one in HKD and one in CNY ("12,500.00"<TAB>).
        Assert.Equal(
            new StatementLine("hsbchk-debit-records.csv", 8, "", Day(2025, 3, 12), 12500.00m, "CNY", "", "", "SALARY PAYMENT           CDE COMPANY LTD"),
            LineAt(lines, 8));
        Assert.Equal((12500.00m, "HKD"), (LineAt(lines, 7).Amount, LineAt(lines, 7).Currency));
    }

    [Fact]
    public void Read_HsbcLayoutWithRenamedColumnAndHsbcProfile_ThrowsNamingTheColumn()
    {
        // Arrange: a file written here (not the real one) whose header renames "Billing amount".
        WriteRenamedHsbc("renamed.csv");
        using var stream = _folder.OpenRead("renamed.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "renamed.csv", ProfileCatalog.BuiltIn.Get("hsbc-hk")));

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("profile hsbc-hk", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Billing amount\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Amount billed\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HsbcLayoutWithRenamedColumnAndNoProfile_RefusesAsLookingLikeHsbcHk()
    {
        // Arrange
        WriteRenamedHsbc("renamed.csv");
        using var stream = _folder.OpenRead("renamed.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => StatementReader.Read(stream, "renamed.csv", catalog: ProfileCatalog.BuiltIn));

        // Assert
        Assert.Equal(1, error.Row);
        Assert.Contains("looks like profile hsbc-hk", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Billing amount\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"Amount billed\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The statements in formats that are not tables (no profile can describe them), with what they are.</summary>
    public static TheoryData<string, string> NonTableFiles => new()
    {
        { "moov-bai2/sample3.bai2", "a BAI2 cash-management file" },
        { "moov-bai2/sample4-continuations-newline-delimited.bai2", "a BAI2 cash-management file" },
        { "oca-bank-statement-import/test-camt053.xml", "an ISO 20022 camt.053 XML statement" },
        { "oca-bank-statement-import/test-ing.940", "a SWIFT MT940/MT942 statement" },
        { "wolph-mt940/betterplace-sepa_snippet.sta", "a SWIFT MT940/MT942 statement" },
        { "ofxparse/chase_cc.qfx", "an OFX/QFX file" },
    };

    [SkippableTheory]
    [MemberData(nameof(NonTableFiles))]
    public void Read_NonTableFormatNoProfile_RefusesNamingTheFormatAndWhatToDo(string file, string format)
    {
        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(file, catalog: ProfileCatalog.BuiltIn));

        // Assert: not "write a profile for this layout", which no profile could do for these formats.
        Assert.Equal((Path.GetFileName(file), 1), (error.File, error.Row));
        Assert.Contains($"this is {format}", error.Message, StringComparison.Ordinal);
        Assert.Contains("as CSV or Excel", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("write a profile", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(NonTableFiles))]
    public void Read_NonTableFormatWithGenericProfile_RefusesNamingTheFormat(string file, string format)
    {
        // Act
        var error = Assert.Throws<InputFormatException>(() => Read(file, BankProfile.Generic));

        // Assert
        Assert.Equal((Path.GetFileName(file), 1), (error.File, error.Row));
        Assert.Contains($"this is {format}", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(NonTableFiles))]
    public void Detect_NonTableFormat_RefusesNamingTheFormat(string file, string format)
    {
        // Arrange
        using var stream = RealData.Open(file);

        // Act
        var error = Assert.Throws<InputFormatException>(() => ProfileDetector.Detect(stream, Path.GetFileName(file)));

        // Assert
        Assert.Contains($"this is {format}", error.Message, StringComparison.Ordinal);
    }

    private static StatementFile Read(string file, BankProfile? profile = null, ProfileCatalog? catalog = null)
    {
        using var stream = RealData.Open(file);
        return StatementReader.Read(stream, Path.GetFileName(file), profile, catalog);
    }

    private static StatementLine LineAt(IReadOnlyList<StatementLine> lines, int row) => Assert.Single(lines, line => line.Row == row);

    private static void AssertSample(Sample sample, IReadOnlyList<StatementLine> lines)
    {
        var line = LineAt(lines, sample.Row);
        Assert.Contains(sample.Memo, line.Memo, StringComparison.Ordinal);
        if (sample.Payer is not null)
        {
            Assert.Equal(sample.Payer, line.PayerName);
        }
    }

    private static IEnumerable<string> Differences(StatementLine named, StatementLine detected)
    {
        (string Field, object? Named, object? Detected)[] fields =
        [
            (nameof(StatementLine.Row), named.Row, detected.Row),
            (nameof(StatementLine.BankRef), named.BankRef, detected.BankRef),
            (nameof(StatementLine.Date), named.Date, detected.Date),
            (nameof(StatementLine.Amount), named.Amount, detected.Amount),
            (nameof(StatementLine.Currency), named.Currency, detected.Currency),
            (nameof(StatementLine.PayerName), named.PayerName, detected.PayerName),
            (nameof(StatementLine.PayerAccount), named.PayerAccount, detected.PayerAccount),
            (nameof(StatementLine.ValueDate), named.ValueDate, detected.ValueDate),
            (nameof(StatementLine.Time), named.Time, detected.Time),
            (nameof(StatementLine.Neutral), named.Neutral, detected.Neutral),
        ];
        return fields
            .Where(f => !Equals(f.Named, f.Detected))
            .Select(f => $"row {named.Row} {f.Field}: named profile gives {Show(f.Named)}, detected profile gives {Show(f.Detected)}");

        static string Show(object? value) => value switch
        {
            null => "(none)",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => string.Concat("\"", value.ToString(), "\""),
        };
    }

    private void WriteRenamedHsbc(string name) => _folder.WriteText(name, string.Join('\n', [
        HsbcHeader.Replace("Billing amount", "Amount billed", StringComparison.Ordinal),
        "24/03/2025,MOBILE WITHDRAWAL        (22MAR25),\"-100.00\"\t,HKD,\"4,191.12\"\t,HKD",
        "20/03/2025,FUND TRANSFER FROM       12-345678-9 JOHN SMITH,\"500.00\"\t,HKD,\"4,291.12\"\t,HKD",
    ]));

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    /// <summary>What the ground truth says of one file: its built-in profile, its figures and a memo sample.</summary>
    private sealed record Expected(string Profile, Figures Figures, Sample Sample);

    /// <summary>The line at <paramref name="Row"/> has a memo containing <paramref name="Memo"/> and, when given, this payer name.</summary>
    private sealed record Sample(int Row, string Memo, string? Payer);

    /// <summary>The figures of a statement: counts and sums by direction (debits absolute), booking dates, physical rows.</summary>
    private sealed record Figures(
        int Lines,
        int Credits,
        decimal CreditSum,
        int Debits,
        decimal DebitSum,
        int Neutral,
        decimal NeutralSum,
        DateOnly FirstDate,
        DateOnly LastDate,
        int FirstRow,
        int LastRow)
    {
        public static Figures Of(IReadOnlyList<StatementLine> lines)
        {
            var credits = lines.Where(l => !l.Neutral && l.Amount > 0).ToList();
            var debits = lines.Where(l => !l.Neutral && l.Amount < 0).ToList();
            var neutral = lines.Where(l => l.Neutral).ToList();
            return new Figures(
                lines.Count,
                credits.Count,
                credits.Sum(l => l.Amount),
                debits.Count,
                -debits.Sum(l => l.Amount),
                neutral.Count,
                neutral.Sum(l => l.Amount),
                lines.Count == 0 ? default : lines.Min(l => l.Date),
                lines.Count == 0 ? default : lines.Max(l => l.Date),
                lines.Count == 0 ? 0 : lines[0].Row,
                lines.Count == 0 ? 0 : lines[^1].Row);
        }
    }
}
