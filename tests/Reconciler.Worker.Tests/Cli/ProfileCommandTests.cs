using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Files;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler profile detect|check|list</c> run in process: the real bank exports of <c>../shared/realdata</c>
/// checked against independently computed figures, the GB18030 and Latin-1 samples, user profiles from a profiles
/// folder, profile files, and files written here with bad rows or a renamed column.
/// </summary>
public partial class ProfileCommandTests
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

    private const string Corporate = "bank/icbc-corporate-2026-02.csv";
    private const string CorporateProfile = "detected-icbc-corporate-2026-02";
    private const string Contoso = "bank/contoso-bank-2026-02.csv";
    private const string HsbcHeader = "Date,Description,Billing amount,Billing currency,Balance,Balance currency";

    private static readonly string[] BuiltInNames = ["alipay", "asn-nl", "boc-debit", "ccb", "fineco", "fr-credit-debit", "hsbc-hk", "icbc-debit", "ing-de", "santander-es", "wechat"];

    private static readonly string[] JsonKeys = ["lines", "credits", "creditSum", "debits", "debitSum", "firstDate", "lastDate", "profile", "problems"];

    // Ground truth (/tmp/truth/figures.json): computed from the raw files with Python's decimal, not with this code.
    // Every row counts by its own direction; sums are positive; dates are booking dates. Neutral lines (Alipay
    // 不计收支, WeChat "/") count in lines but neither as credits nor as debits, as do lines the bank has not booked
    // (Alipay's 支出 50.00 交易关闭 on row 33, Fineco's Autorizzato -9.99 on row 8).
    private static readonly Dictionary<string, (Totals Totals, int Neutral)> Truth = new(StringComparer.Ordinal)
    {
        [Icbc] = (new(11, 5, 2841.74m, 6, 4241.08m, "2023-02-08", "2023-05-02", "icbc-debit"), 0),
        [Alipay] = (new(10, 1, 222228.50m, 4, 161.64m, "2023-01-09", "2023-07-10", "alipay"), 5),
        [Boc] = (new(17, 4, 9821.00m, 13, 9394.30m, "2025-08-01", "2025-08-22", "boc-debit"), 0),
        [HsbcHk] = (new(10, 4, 25505.45m, 6, 3526.50m, "2025-03-01", "2025-03-24", "hsbc-hk"), 0),
        [IngDe] = (new(9, 1, 50.00m, 8, 228.60m, "2018-12-09", "2018-12-28", "ing-de"), 0),
        [AsnNl] = (new(11, 3, 3286.92m, 8, 3333.12m, "2022-06-17", "2022-07-11", "asn-nl"), 0),
        [OcaCsv] = (new(4, 1, 1300.00m, 3, 230.68m, "2020-04-01", "2020-04-02", "fr-credit-debit"), 0),
        [WeChat] = (new(27, 5, 28.49m, 11, 2904.53m, "2017-10-20", "2024-06-07", "wechat"), 11),
        [Fineco] = (new(2, 1, 150.62m, 0, 0m, "2024-12-31", "2024-12-31", "fineco"), 1),
        [Santander] = (new(1, 0, 0m, 1, 10.50m, "2023-10-26", "2023-10-26", "santander-es"), 0),
        [OcaXlsx] = (new(4, 1, 1300.00m, 3, 230.68m, "2020-04-01", "2020-04-02", "fr-credit-debit"), 0),
        [Ccb] = (new(6, 0, 0m, 6, 703.26m, "2025-01-01", "2025-01-06", "ccb"), 0),
    };

    /// <summary>The twelve real exports (7 CSV, 4 xlsx, 1 xls), by their path under <c>../shared/realdata</c>.</summary>
    public static TheoryData<string> RealFiles => new(Truth.Keys);

    [SkippableTheory]
    [MemberData(nameof(RealFiles))]
    public void CheckJson_RealExport_EveryKeyIsTheGroundTruth(string file)
    {
        // Arrange
        var path = RealData.Path(file);

        // Act
        var run = CliRun.Of("profile", "check", path, "--json");

        // Assert
        var (totals, problems) = ParseCheck(run);
        Assert.Empty(problems);
        Assert.Equal(Truth[file].Totals, totals);
        Assert.Equal(Truth[file].Neutral, totals.Lines - totals.Credits - totals.Debits);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [SkippableTheory]
    [MemberData(nameof(RealFiles))]
    public void CheckJson_RealExportWithProfilesFolderHoldingNoOverride_SameBuiltInProfileAndFigures(string file)
    {
        // Arrange: a profiles folder with a user profile whose name no built-in profile has.
        var path = RealData.Path(file);
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        File.Copy(Repository.Samples("profiles/contoso-bank.json"), Path.Combine(folder, "contoso-bank.json"));
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "check", path, "--json", "--config", config);

        // Assert
        var (totals, problems) = ParseCheck(run);
        Assert.Empty(problems);
        Assert.Equal(Truth[file].Totals, totals);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public void Check_Gb18030Sample_ShowsDetectedProfileRowsAndTotals()
    {
        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Corporate));

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith($"profile: {CorporateProfile} (detected)\n", run.Output, StringComparison.Ordinal);
        Assert.Matches(Row(7, "2026-02-03", "4,280.50", "CNY", "上海瑞康医疗器械有限公司", "转账收入 支付合同KL26-004513货款"), run.Output);
        Assert.Matches(Row(8, "2026-02-05", "8,750.00", "CNY", "Northwind Medical Supplies", "INV KL26-004521"), run.Output);
        Assert.Matches(Row(9, "2026-02-06", "-3,216.40", "CNY", "国网上海市电力公司", "电费 2026年1月电费"), run.Output);
        Assert.Matches(Row(10, "2026-02-09", "18,200.00", "CNY", "杭州仁和诊所", "跨行汇入 合同KL26-004533"), run.Output);
        Assert.Matches(Row(11, "2026-02-12", "12,400.00", "CNY", "北京康泰医院", "转账收入 HT2026/0461 设备款"), run.Output);
        Assert.Matches(Row(12, "2026-02-16", "2,950.00", "CNY", "Woodgrove Dental Care", "转账收入"), run.Output);
        Assert.Contains("lines: 6; credits: 5 totalling 46,580.50; debits: 1 totalling 3,216.40; neither: 0\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("booked: 2026-02-03 … 2026-02-16\n", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("problems: none\n", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Check_FinecoExport_ShowsThePendingRowAsUnbookedAndCountsIt()
    {
        // Act
        var run = CliRun.Of("profile", "check", RealData.Path(Fineco));

        // Assert: row 8's Stato is Autorizzato (pending), row 9's Contabilizzato (booked).
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("-9.99 unbooked EUR", run.Output, StringComparison.Ordinal);
        Assert.Contains("lines: 2; credits: 1 totalling 150.62; debits: 0 totalling 0.00; neither: 1 (1 of them not booked by the bank)\n", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Check_AlipayExport_ShowsNeutralLinesAsNeitherNotInAccountingParentheses()
    {
        // Act
        var run = CliRun.Of("profile", "check", RealData.Path(Alipay));

        // Assert: row 28 is 不计收支 16.03 (a refund between own accounts), row 27 a 支出 of 20.00, row 30 a 收入.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Matches(Row(28, "2023-02-04", "16.03 neither", "CNY", "xxxxxxx", "退款-亲情卡"), run.Output);
        Assert.Matches(Row(27, "2023-02-08", "-20.00", "CNY", "x4***6", "商品示例"), run.Output);
        Assert.Matches(Row(30, "2023-01-18", "222,228.50", "CNY", "xxxx", "转账"), run.Output);
        Assert.DoesNotContain("(16.03)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TwoBadRows_ExitsBadInputListingBothWithFileRowAndColumn()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteHsbcLike(temp, "statement.csv", HsbcHeader, "01/03/2025,SALARY,1000.00,HKD,1000.00,HKD", "02/03/2025,SHOP,-12x.50,HKD,880.00,HKD",
            "03/03/2025,FEE,-5.00,HKD,875.00,HKD", "31/02/2025,FEE,-5.00,HKD,870.00,HKD");

        // Act
        var run = CliRun.Of("profile", "check", file);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("profile: hsbc-hk (recognised by its header)\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("lines: 2; credits: 1 totalling 1,000.00; debits: 1 totalling 5.00; neither: 0\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("problems: 2\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  statement.csv, row 3, column Billing amount: \"-12x.50\" is not an amount", run.Output, StringComparison.Ordinal);
        Assert.Contains("  statement.csv, row 5, column Date: \"31/02/2025\" is not a date", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckJson_TwoBadRows_ExitsBadInputWithBothProblemsAndTheGoodRowsCounted()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteHsbcLike(temp, "statement.csv", HsbcHeader, "01/03/2025,SALARY,1000.00,HKD,1000.00,HKD", "02/03/2025,SHOP,-12x.50,HKD,880.00,HKD",
            "03/03/2025,FEE,-5.00,HKD,875.00,HKD", "31/02/2025,FEE,-5.00,HKD,870.00,HKD");

        // Act
        var run = CliRun.Of("profile", "check", file, "--json");

        // Assert
        var (totals, problems) = ParseCheck(run);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal(new Totals(2, 1, 1000m, 1, 5m, "2025-03-01", "2025-03-03", "hsbc-hk"), totals);
        Assert.Collection(
            problems,
            p => Assert.StartsWith("statement.csv, row 3, column Billing amount: \"-12x.50\"", p, StringComparison.Ordinal),
            p => Assert.StartsWith("statement.csv, row 5, column Date: \"31/02/2025\"", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TwentyFiveBadRows_ListsTwentyAndCountsAll()
    {
        // Arrange
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 25).Select(i => $"{i:00}/03/2025,SHOP,-1{i}x.00,HKD,880.00,HKD").Prepend(HsbcHeader).ToArray();
        var file = WriteHsbcLike(temp, "statement.csv", rows);

        // Act
        var run = CliRun.Of("profile", "check", file);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("problems: 25\n", run.Output, StringComparison.Ordinal);
        Assert.Equal(20, Regex.Count(run.Output, @"^  statement\.csv, row \d+, column Billing amount: ", RegexOptions.Multiline));
        Assert.Contains("  statement.csv, row 21, column Billing amount: \"-120x.00\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("row 22,", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("  … 5 more\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UserProfileFromProfilesFolderInConfigFile_ReadsLatin1Export()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = WriteConfig(temp, Repository.Samples("profiles"));

        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Contoso), "--profile", "contoso-bank", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("profile: contoso-bank (named)\n", run.Output, StringComparison.Ordinal);
        Assert.Matches(Row(5, "2026-02-02", "7,800.00", "EUR", "Contoso Healthcare GmbH", "Rechnung SO-26-118734 Teilzahlung"), run.Output);
        Assert.Matches(Row(6, "2026-02-04", "-12.50", "EUR", "Contoso Bank AG", "Kontoführung Januar"), run.Output);
        Assert.Matches(Row(7, "2026-02-11", "7,800.00", "EUR", "Contoso Healthcare GmbH", "SO-26-118734 Rest"), run.Output);
        Assert.Contains("lines: 3; credits: 2 totalling 15,600.00; debits: 1 totalling 12.50; neither: 0\n", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("problems: none\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UserProfileNameWithoutProfilesFolder_ExitsUsage()
    {
        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Contoso), "--profile", "contoso-bank");

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: no profile contoso-bank:", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Check_UnknownProfile_ExitsUsageNamingEveryKnownProfile()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = WriteConfig(temp, Repository.Samples("profiles"));

        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Corporate), "--profile", "no-such", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("error: no profile no-such: give a profile file (.json) or one of ", run.Error, StringComparison.Ordinal);
        foreach (var name in BuiltInNames.Append("generic").Append("contoso-bank"))
        {
            Assert.Contains(name, run.Error, StringComparison.Ordinal);
        }

        Assert.Empty(run.Output);
    }

    [Fact]
    public void CheckJson_ProfileFilePath_ReadsWithThatFile()
    {
        // Arrange: the profile file outside any profiles folder, under a name of its own.
        using var temp = new TempFolder();
        var profile = temp.File("our-german-bank.json");
        File.Copy(Repository.Samples("profiles/contoso-bank.json"), profile);

        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Contoso), "--profile", profile, "--json");

        // Assert
        var (totals, problems) = ParseCheck(run);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Empty(problems);
        Assert.Equal(new Totals(3, 2, 15600m, 1, 12.50m, "2026-02-02", "2026-02-11", "contoso-bank"), totals);
    }

    [Fact]
    public void Check_ProfileFileThatIsNoProfile_ExitsUsageNamingFileAndProblems()
    {
        // Arrange
        using var temp = new TempFolder();
        var profile = temp.File("half.json");
        File.WriteAllText(profile, """{ "name": "half", "columns": { "memo": ["Verwendungszweck"] } }""");

        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Contoso), "--profile", profile);

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"profile {profile}: columns.date is required", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BadConfiguration_ExitsUsageNamingTheSetting()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = temp.File("reconciler.json");
        File.WriteAllText(config, """{ "Statements": { "MaxRows": 0 } }""");

        // Act
        var run = CliRun.Of("profile", "check", Repository.Samples(Corporate), "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Statements:MaxRows must be 1 or more; it is 0.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("detect")]
    public void Command_MissingFile_ExitsBadInputNamingIt(string command)
    {
        // Arrange
        using var temp = new TempFolder();
        var missing = temp.File("no-such-export.csv");

        // Act
        var run = CliRun.Of("profile", command, missing);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith($"error: {missing} cannot be read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_Gb18030Sample_PrintsProfileJsonThatReadsBackWithTheSameTotals()
    {
        // Arrange
        using var temp = new TempFolder();
        var sample = Repository.Samples(Corporate);
        var saved = temp.File("icbc-corporate.json");

        // Act
        var detect = CliRun.Of("profile", "detect", sample);
        File.WriteAllText(saved, detect.Output);
        var withSaved = CliRun.Of("profile", "check", sample, "--profile", saved, "--json");
        var withoutProfile = CliRun.Of("profile", "check", sample, "--json");

        // Assert
        Assert.Equal(ExitCodes.Ok, detect.ExitCode);
        Assert.Contains($"profile {CorporateProfile}: detected\n", detect.Error, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(detect.Output))
        {
            Assert.Equal(CorporateProfile, json.RootElement.GetProperty("name").GetString());
        }

        var profile = ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(detect.Output)), "detect output");
        Assert.Equal(("gb18030", ",", "交易日期", "收入金额", "支出金额", "对方户名", "对方账号"), (profile.Encoding, profile.Delimiter, profile.Columns.Date, profile.Columns.Credit, profile.Columns.Debit, profile.Columns.PayerName, profile.Columns.PayerAccount));
        Assert.Equal(detect.Output.TrimEnd(), ProfileJson.Write(profile));
        var expected = new Totals(6, 5, 46580.50m, 1, 3216.40m, "2026-02-03", "2026-02-16", CorporateProfile);
        Assert.Equal(expected, ParseCheck(withSaved).Totals);
        Assert.Equal(ExitCodes.Ok, withSaved.ExitCode);
        Assert.Equal(expected, ParseCheck(withoutProfile).Totals);
    }

    [SkippableFact]
    public void Detect_RealXlsx_PrintsProfileJsonThatReadsBackWithTheGroundTruth()
    {
        // Arrange
        var file = RealData.Path(WeChat);
        using var temp = new TempFolder();
        var saved = temp.File("wechat-saved.json");

        // Act
        var detect = CliRun.Of("profile", "detect", file);
        File.WriteAllText(saved, detect.Output);
        var check = CliRun.Of("profile", "check", file, "--profile", saved, "--json");

        // Assert
        Assert.Equal(ExitCodes.Ok, detect.ExitCode);
        Assert.Contains("profile wechat: recognised by its header", detect.Error, StringComparison.Ordinal);
        var profile = ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(detect.Output)), "detect output");
        Assert.Equal(detect.Output.TrimEnd(), ProfileJson.Write(profile));
        var (totals, problems) = ParseCheck(check);
        Assert.Empty(problems);
        Assert.Equal(Truth[WeChat].Totals, totals);
        Assert.Equal(Truth[WeChat].Neutral, totals.Lines - totals.Credits - totals.Debits);
        Assert.Equal(ExitCodes.Ok, check.ExitCode);
    }

    [Fact]
    public void Detect_ExportOfAUserProfileInTheFolder_RecognisesIt()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = WriteConfig(temp, Repository.Samples("profiles"));

        // Act
        var run = CliRun.Of("profile", "detect", Repository.Samples(Contoso), "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("profile contoso-bank: recognised by its header", run.Error, StringComparison.Ordinal);
        Assert.Equal("contoso-bank", ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(run.Output)), "detect output").Name);
    }

    [Fact]
    public void Detect_UserProfileNamedLikeABuiltInOne_UserProfileWins()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var ours = ProfileCatalog.BuiltIn.Get("hsbc-hk") with { Description = "our own HSBC HK profile" };
        File.WriteAllText(Path.Combine(folder, "hsbc.json"), ProfileJson.Write(ours));
        var file = WriteHsbcLike(temp, "hsbc.csv", HsbcHeader, "01/03/2025,SALARY,1000.00,HKD,1000.00,HKD");
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "detect", file, "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("profile hsbc-hk: recognised by its header", run.Error, StringComparison.Ordinal);
        Assert.Equal("our own HSBC HK profile", ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(run.Output)), "detect output").Description);
    }

    [Fact]
    public void List_NoConfiguration_NamesTheBuiltInProfiles()
    {
        // Act
        var run = CliRun.Of("profile", "list");

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BuiltInNames.Append("generic"), lines.Select(l => l.Split(' ')[0]));
        Assert.All(lines, l => Assert.Contains(" built-in ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void List_ProfilesFolder_NamesTheUserProfileFirstThenTheBuiltInOnes()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Repository.Samples("profiles");
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "list", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BuiltInNames.Prepend("contoso-bank").Append("generic"), lines.Select(l => l.Split(' ')[0]));
        Assert.Contains(Path.Combine(folder, "contoso-bank.json"), lines[0], StringComparison.Ordinal);
        Assert.Contains("Contoso Bank AG Kontoumsätze", lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hsbc-hk")]
    public void Check_HsbcExportWithRenamedColumn_ExitsBadInputNamingTheDifference(string? profile)
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteHsbcLike(temp, "hsbc.csv", HsbcHeader.Replace("Billing amount", "Amount billed", StringComparison.Ordinal), "01/03/2025,SALARY,1000.00,HKD,1000.00,HKD");
        string[] args = profile is null ? ["profile", "check", file] : ["profile", "check", file, "--profile", profile];

        // Act
        var run = CliRun.Of(args);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("hsbc.csv, row 1: the header ", run.Output, StringComparison.Ordinal);
        Assert.Contains("profile hsbc-hk", run.Output, StringComparison.Ordinal);
        Assert.Contains("column \"Billing amount\" is now \"Amount billed\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("lines: 0;", run.Output, StringComparison.Ordinal);
    }

    /// <summary>What <c>profile check --json</c> reports, apart from the problems.</summary>
    private sealed record Totals(int Lines, int Credits, decimal CreditSum, int Debits, decimal DebitSum, string? FirstDate, string? LastDate, string? Profile);

    /// <summary>Parses the one JSON object <c>profile check --json</c> prints, checking it has exactly the documented keys.</summary>
    private static (Totals Totals, IReadOnlyList<string> Problems) ParseCheck(CliRun run)
    {
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(run.Output);
        }
        catch (JsonException problem)
        {
            throw new Xunit.Sdk.XunitException($"profile check --json printed no JSON object ({problem.Message}); exit {run.ExitCode}, output: {run.Output}, error: {run.Error}");
        }

        using (json)
        {
            var root = json.RootElement;
            Assert.Equal(JsonKeys, root.EnumerateObject().Select(p => p.Name));
            var totals = new Totals(
                root.GetProperty("lines").GetInt32(),
                root.GetProperty("credits").GetInt32(),
                root.GetProperty("creditSum").GetDecimal(),
                root.GetProperty("debits").GetInt32(),
                root.GetProperty("debitSum").GetDecimal(),
                root.GetProperty("firstDate").GetString(),
                root.GetProperty("lastDate").GetString(),
                root.GetProperty("profile").GetString());
            return (totals, [.. root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)]);
        }
    }

    /// <summary>A line of <c>profile check</c>'s table: row, date, amount, currency, the payer (or its start) and the memo.</summary>
    private static Regex Row(int row, string date, string amount, string currency, string payer, string memo) =>
        new($@"(?m)^{row}\s+{date}\s+{Regex.Escape(amount)}\s+{currency}\s+{Regex.Escape(payer)}.*\s{Regex.Escape(memo)}$");

    private static string WriteHsbcLike(TempFolder temp, string name, params string[] lines)
    {
        var path = temp.File(name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    private static string WriteConfig(TempFolder temp, string profilesFolder)
    {
        var path = temp.File("reconciler.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { Statements = new { ProfilesFolder = profilesFolder } }));
        return path;
    }
}
