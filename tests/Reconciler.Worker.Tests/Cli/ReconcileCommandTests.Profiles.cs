using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary><c>reconcile</c> over bank exports in their own layouts: detected, recognised, or read with <c>--profile</c>.</summary>
public partial class ReconcileCommandTests
{
    private const string IcbcDebitHeader = "交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名";

    private static CliRun ReconcileBankExport(string statement, string output, params string[] extra) => CliRun.Of([
        "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", statement, "--out", output, .. extra]);

    /// <summary>Result rows by statement row: status, contracts, allocated, rule.</summary>
    private static Dictionary<string, (string Status, string Contracts, string Allocated, string Rule)> ResultsByRow(string csv, string file) => CsvRows.Read(csv)
        .Select(cells => { Assert.Equal(file, cells[0]); return cells; })
        .ToDictionary(cells => cells[1], cells => (cells[7], cells[8], cells[9], cells[12]));

    [Fact]
    public void Reconcile_Gb18030BankExportWithoutProfile_DetectsItsProfileAndMatches()
    {
        // Arrange
        using var temp = new TempFolder();
        var output = temp.File("results.csv");

        // Act
        var run = ReconcileBankExport(Repository.Samples("bank/icbc-corporate-2026-02.csv"), output);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("reconcile: icbc-corporate-2026-02.csv: 6 lines, profile detected-icbc-corporate-2026-02 (detected)\n", run.Error, StringComparison.Ordinal);
        var rows = ResultsByRow(output, "icbc-corporate-2026-02.csv");
        Assert.Equal(6, rows.Count);
        // Contract number inside the Chinese memo, amount equal to the open amount, paid inside the window.
        Assert.Equal(("matched", "KL26-004513", "4280.50", "reference-amount-window"), rows["7"]);
        Assert.Equal(("matched", "KL26-004521", "8750.00", "reference-amount-window"), rows["8"]);
        // The electricity bill is money going out.
        Assert.Equal(("ignored", "", "", "debit"), rows["9"]);
        Assert.Equal(("matched", "KL26-004533", "18200.00", "reference-amount-window"), rows["10"]);
        Assert.Equal(("matched", "HT2026/0461", "12400.00", "reference-amount-window"), rows["11"]);
        // No contract number in the memo: the payer's name and the amount only suggest KL26-004540.
        Assert.Equal(("suggested", "KL26-004540", "2950.00", "payer-amount"), rows["12"]);
        var payers = CsvRows.Read(output).Select(cells => (cells[6], cells[5])).ToList();
        Assert.Contains(("上海瑞康医疗器械有限公司", "CNY"), payers);
        Assert.Contains(("国网上海市电力公司", "CNY"), payers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reconcile_DetectedLayoutWithDayMonthOrderOpenAndNoCurrency_WarnsOfBothGuessesEvenQuiet(bool ledger)
    {
        // Arrange: the layout of the French-style export in ../shared/realdata (meta_data_separated_credit_debit.csv)
        // under headers no profile knows: every day is 12 or less, so 01/04/20 may be 1 April or 4 January, and no
        // cell names the currency.
        using var temp = new TempFolder();
        var output = temp.File("results.csv");
        var statement = temp.File("export.csv");
        File.WriteAllText(statement, string.Join('\n', [
            "Datum,Referenz,Text,Soll,Haben,Info",
            "01/04/20,OP 1,LABEL 1,\"-50,00\",,DETAILS 1",
            "01/04/20,OP 2,LABEL 2,\"-100,00\",,CLIENTS X",
            "02/04/20,OP 3,LABEL 3,\"-80,68\",,DETAILS 2",
            "02/04/20,OP 4,LABEL 4,,\"1300,00\",DETAILS 3",
        ]) + "\n");
        string[] data = ledger ? ["--data", temp.File("ledger")] : [];

        // Act
        var run = ReconcileBankExport(statement, output, ["--quiet", .. data]);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("warning: export.csv: the dates could be day/month or month/day; they are read as dd/MM/yy", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: export.csv: the file names no currency", run.Error, StringComparison.Ordinal);
        Assert.Contains("reconciler profile detect export.csv", run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Reconcile_RecognisedRealExport_GivesNoWarning()
    {
        // Arrange
        using var temp = new TempFolder();
        var output = temp.File("results.csv");

        // Act
        var run = ReconcileBankExport(RealData.Path("ofxstatement-de-ing/ing-de-umsatzanzeige-with-saldo.csv"), output, "--quiet");

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_UserProfileNamedWithProfilesFolder_ReadsTheLatin1Export()
    {
        // Arrange
        using var temp = new TempFolder();
        var output = temp.File("results.csv");
        var config = WriteStatementsConfig(temp, new { ProfilesFolder = Repository.Samples("profiles") });

        // Act
        var run = ReconcileBankExport(Repository.Samples("bank/contoso-bank-2026-02.csv"), output, "--profile", "contoso-bank", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("reconcile: contoso-bank-2026-02.csv: 3 lines, profile contoso-bank (named)\n", run.Error, StringComparison.Ordinal);
        var rows = ResultsByRow(output, "contoso-bank-2026-02.csv");
        // SO-26-118734 is 15,600.00 EUR open: the first 7,800.00 is a part payment, the second settles it.
        Assert.Equal(("partial", "SO-26-118734", "7800.00", "reference-partial"), rows["5"]);
        Assert.Equal(("ignored", "", "", "debit"), rows["6"]);
        Assert.Equal(("matched", "SO-26-118734", "7800.00", "reference-amount-window"), rows["7"]);
        Assert.All(CsvRows.Read(output), cells => Assert.Equal("EUR", cells[5]));
        Assert.Contains(CsvRows.Read(output), cells => cells[6] == "Contoso Healthcare GmbH");
    }

    [Fact]
    public void Reconcile_ProfilesFolderWithoutProfileOption_RecognisesTheUserProfile()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = WriteStatementsConfig(temp, new { ProfilesFolder = Repository.Samples("profiles") });

        // Act
        var run = ReconcileBankExport(Repository.Samples("bank/contoso-bank-2026-02.csv"), temp.File("results.csv"), "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("reconcile: contoso-bank-2026-02.csv: 3 lines, profile contoso-bank (recognised by its header)\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(["partial", "ignored", "matched"], CsvRows.Read(temp.File("results.csv")).Select(cells => cells[7]));
    }

    [Fact]
    public void Reconcile_ProfileOfAnotherLayout_ExitsBadInputNamingTheHeaderDifferenceAndWritesNothing()
    {
        // Arrange: an ICBC export whose booking-amount columns are named like the corporate export's.
        using var temp = new TempFolder();
        var statement = temp.File("icbc-variant.csv");
        File.WriteAllText(statement, string.Join('\n',
            IcbcDebitHeader.Replace("记账金额(收入)", "收入金额", StringComparison.Ordinal).Replace("记账金额(支出)", "支出金额", StringComparison.Ordinal),
            "2026-02-03,转账收入,网上银行,CHN,钞,-,-,人民币,4280.50,,人民币,128500.37,上海瑞康医疗器械有限公司") + "\n");
        var output = temp.File("results.csv");

        // Act
        var run = ReconcileBankExport(statement, output, "--profile", "icbc-debit", "--quiet");

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(
            "error: icbc-variant.csv, row 1: the header is not the one profile icbc-debit knows, so the file is refused rather than misread: missing \"记账金额(收入)\", \"记账金额(支出)\"; new \"收入金额\", \"支出金额\"",
            run.Error,
            StringComparison.Ordinal);
        Assert.EndsWith("nothing was written.\n", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Reconcile_ProfileOfAnUnrelatedLayout_ExitsBadInputNamingTheExpectedHeaderAndWritesNothing()
    {
        // Arrange
        using var temp = new TempFolder();
        var output = temp.File("results.csv");

        // Act
        var run = ReconcileBankExport(Repository.Samples("statement-a.csv"), output, "--profile", "icbc-debit", "--quiet");

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"error: statement-a.csv, row 1: no header row of profile icbc-debit in the first 100 rows (expected {IcbcDebitHeader.Replace(",", ", ", StringComparison.Ordinal)})", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("nothing was written.\n", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Reconcile_UnknownProfile_ExitsUsageNamingTheKnownOnes()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var run = ReconcileBankExport(Repository.Samples("bank/icbc-corporate-2026-02.csv"), temp.File("results.csv"), "--profile", "no-such");

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: no profile no-such: give a profile file (.json) or one of alipay, asn-nl, boc-debit, ccb,", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("results.csv")));
    }

    [Fact]
    public async Task Reconcile_MaxRowsFromEnvironmentVariable_ExitsBadInputNamingTheLimit()
    {
        // Arrange: a process of its own, so the variable reaches no other test.
        using var temp = new TempFolder();
        var output = temp.File("results.csv");

        // Act
        var run = await RunReconcilerProcess(
            temp.Path,
            ("RECONCILER_Statements__MaxRows", "2"),
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("bank/icbc-corporate-2026-02.csv"), "--out", output, "--quiet");

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("error: icbc-corporate-2026-02.csv, row 9: the file has more than 2 transaction rows (the limit Statements:MaxRows)", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written.", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static string WriteStatementsConfig(TempFolder temp, object statements)
    {
        var path = temp.File("reconciler.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { Statements = statements }));
        return path;
    }

    /// <summary>Runs <c>reconciler</c> (the built assembly beside the tests) in a child process with one more environment variable.</summary>
    private static async Task<CliRun> RunReconcilerProcess(string workingDirectory, (string Name, string Value) variable, params string[] args)
    {
        var host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "reconciler.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[variable.Name] = variable.Value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"reconciler {string.Join(' ', args)} did not finish within 2 minutes");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    [SkippableFact]
    public void Reconcile_AlipayExportWithLinesNeitherInNorOut_IgnoredAmountsAreTheDebitsAndTheOthersAreGivenApart()
    {
        // Arrange: 9 ignored lines: 4 booked debits (-161.64), 3 booked lines marked 不计收支 (165.37 between own accounts),
        // and 2 trades closed (交易关闭) that the bank did not book (不计收支 82.00 and 支出 -50.00).
        using var temp = new TempFolder();

        // Act
        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"),
            "--statement", RealData.Path("double-entry-generator/alipay-records.gbk.csv"), "--out", temp.File("results.csv"));

        // Assert: before, the ignored amount was 35.73, the debits and the other lines added together.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Matches(@"\n  ignored +9 +-161\.64\n", run.Output);
        Assert.Contains(
            "\n  3 of the ignored lines are neither money in nor money out (CNY 165.37)\n  2 of the ignored lines were not booked by the bank, so no money moved (CNY 32.00); the ignored amounts above are the debits\n",
            run.Output,
            StringComparison.Ordinal);
    }
}
