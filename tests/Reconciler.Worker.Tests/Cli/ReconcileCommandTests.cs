using System.Globalization;
using ClosedXML.Excel;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

public partial class ReconcileCommandTests
{
    private const string Header = "file,row,bank_ref,date,amount,currency,payer,status,contracts,allocated,difference,confidence,rule,explanation";

    private static CliRun ReconcileSamples(string output, params string[] extra) => CliRun.Of([
        "reconcile", "--receivables", Repository.Samples("receivables.csv"),
        "--statement", Repository.Samples("statement-a.csv"), "--statement", Repository.Samples("statement-b.csv"),
        "--config", Repository.Samples("reconciler.json"), "--out", output, "--quiet", .. extra]);

    private static Dictionary<string, string[]> RowsByBankRef(string csv) => CsvRows.Read(csv)
        .GroupBy(cells => cells[0] + "/" + cells[2])
        .ToDictionary(g => g.Key, g => g.Single());

    [Fact]
    public void Reconcile_Samples_WritesOneRowPerLineWithExpectedStatuses()
    {
        using var temp = new TempFolder();
        var output = temp.File("results.csv");

        var run = ReconcileSamples(output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(8 + 9, lines.Length - 1);
        var rows = RowsByBankRef(output);
        string Status(string file, string bankRef) => rows[$"{file}/{bankRef}"][7];
        Assert.Equal("matched", Status("statement-a.csv", "B2601210001"));
        Assert.Equal("matched", Status("statement-a.csv", "B2601220002"));
        Assert.Equal("ignored", Status("statement-a.csv", "B2601230003"));
        Assert.Equal("partial", Status("statement-a.csv", "B2601260004"));
        Assert.Equal("matched", Status("statement-a.csv", "B2601270005"));
        Assert.Equal("suggested", Status("statement-a.csv", "B2601280006"));
        Assert.Equal("unmatched", Status("statement-a.csv", "B2601290007"));
        Assert.Equal("matched", Status("statement-a.csv", "B2602020008"));
        Assert.Equal("duplicate", Status("statement-b.csv", "B2602020008"));
        Assert.Equal("partial", Status("statement-b.csv", "B2602030009"));
        Assert.Equal("matched", Status("statement-b.csv", "B2602040010"));
        Assert.Equal("suggested", Status("statement-b.csv", "B2602050011"));
        Assert.Equal("suggested", Status("statement-b.csv", "B2602060012"));
        Assert.Equal("matched", Status("statement-b.csv", "B2602090013"));
        Assert.Equal("suggested", Status("statement-b.csv", "B2602100014"));
        Assert.Equal("ignored", Status("statement-b.csv", "B2602110015"));
        Assert.Equal("suggested", Status("statement-b.csv", "B2602120016"));
        Assert.Equal("SO-26-118790;SO-26-118791", rows["statement-a.csv/B2601280006"][8]);
        Assert.Equal("KL26-004536", rows["statement-b.csv/B2602060012"][8]);
        Assert.Contains("auto-match rate  57.1% of 14 payments (matched + partial)", run.Output, StringComparison.Ordinal);

        // The samples hold CNY and EUR: their amounts are never added together.
        Assert.Contains("  status            lines           CNY amount           EUR amount\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  matched               6            84,900.50            15,600.00\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  allocated        CNY 141,900.50; EUR 15,600.00\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  left open        CNY 57,050.00 on 7 receivables\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_XlsxOut_WritesWorkbookWithSameRows()
    {
        using var temp = new TempFolder();
        var output = temp.File("results.xlsx");

        var run = ReconcileSamples(output);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var workbook = new XLWorkbook(output);
        var sheet = workbook.Worksheets.First();
        Assert.Equal(Header.Split(','), sheet.Row(1).Cells(1, 14).Select(c => c.GetString()));
        Assert.Equal(18, sheet.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public void Reconcile_BadAmount_ExitsWithFileRowColumnAndWritesNothing()
    {
        using var temp = new TempFolder();
        var statement = temp.File("bad.csv");
        File.WriteAllText(statement, "date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-01-21,100.00,CNY,A,1,x,B1\n2026-01-22,12x.00,CNY,B,2,y,B2\n");
        var output = temp.File("results.csv");
        File.WriteAllText(output, "previous results");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", statement, "--out", output, "--quiet");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("bad.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("row 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("amount", run.Error, StringComparison.Ordinal);
        Assert.Contains("12x.00", run.Error, StringComparison.Ordinal);
        Assert.Equal("previous results", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(temp.Path, "*results*"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reconcile_BadReceivablesAndBadStatement_ReportsTheReceivablesAndWritesNothing(bool ledger)
    {
        // The two are read side by side: the error reported is still the receivables', as when read one after the other.
        using var temp = new TempFolder();
        var receivables = temp.File("receivables.csv");
        File.WriteAllText(receivables, "contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner\nHT-1,C1,A,abc,CNY,2026-01-05,2026-03-06,x\n");
        var statement = temp.File("bad.csv");
        File.WriteAllText(statement, "date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-01-22,12x.00,CNY,B,2,y,B2\n");
        string[] data = ledger ? ["--data", temp.File("ledger")] : [];

        var run = CliRun.Of(["reconcile", "--receivables", receivables, "--statement", statement, "--out", temp.File("r.csv"), "--quiet", .. data]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("receivables.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("abc", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("12x.00", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.csv")));
        if (ledger)
        {
            // A first run builds its ledger apart and puts it in place only once whole: a run refused at its inputs
            // leaves no ledger, and nothing of the build.
            Assert.Empty(Directory.GetFiles(temp.File("ledger")));
        }
    }

    [Fact]
    public void Reconcile_MissingStatement_ExitsBadInput()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", temp.File("none.csv"), "--out", temp.File("r.csv"), "--quiet");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("none.csv", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_InvalidConfiguration_ExitsUsageNamingSetting()
    {
        using var temp = new TempFolder();
        var config = temp.File("reconciler.json");
        File.WriteAllText(config, """{ "Matching": { "TolerancePercent": 80 } }""");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"), "--config", config, "--out", temp.File("r.csv"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("TolerancePercent", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_UnknownSetting_ExitsUsage()
    {
        using var temp = new TempFolder();
        var config = temp.File("reconciler.json");
        File.WriteAllText(config, """{ "Matching": { "Tolerance": 2 } }""");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"), "--config", config, "--out", temp.File("r.csv"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Tolerance", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_TighterToleranceFromConfiguration_ChangesDecision()
    {
        using var temp = new TempFolder();
        var config = temp.File("reconciler.json");
        File.WriteAllText(config, """{ "Matching": { "TolerancePercent": 0.1 } }""");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--config", config, "--out", temp.File("r.csv"), "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var row = CsvRows.Read(temp.File("r.csv")).Single(cells => cells[2] == "B2601220002");
        Assert.Equal("partial", row[7]); // 23,470.00 of 23,500.00 is 0.13% short: beyond ±0.1%
    }

    [Fact]
    public void Reconcile_OutputNotCsvOrXlsx_ExitsUsage()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"), "--out", temp.File("r.txt"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(".csv or .xlsx", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_ProgressOnStandardError_NamesEachStage()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"), "--out", temp.File("r.csv"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var stage in new[] { "read receivables", "read statements", "index", "match", "write" })
        {
            Assert.Contains($"reconcile: {stage}: done in", run.Error, StringComparison.Ordinal);
        }

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{8:N0} statement lines"), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_TwoExportsWithTheSameFileName_SharedLinesAreDuplicates()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("jan"));
        Directory.CreateDirectory(temp.File("feb"));
        const string header = "date,amount,currency,payer_name,payer_account,memo,bank_ref\n";
        const string shared = "2026-01-26,30000.00,CNY,北京康泰医院,6225880199001100223,HT2026/0458 第一期,B2601260004\n";
        File.WriteAllText(temp.File("jan/statement.csv"), header + shared);
        File.WriteAllText(temp.File("feb/statement.csv"), header + shared + "2026-02-02,26000.00,CNY,北京康泰医院,6225880199001100223,HT2026/0458 尾款,B2602020008\n");

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"),
            "--statement", temp.File("jan/statement.csv"), "--statement", temp.File("feb/statement.csv"), "--out", temp.File("r.csv"), "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var statuses = CsvRows.Read(temp.File("r.csv")).Select(cells => cells[7]).ToList();
        // Of two copies the one whose name sorts first is kept: here .../feb/statement.csv.
        Assert.Equal(["duplicate", "partial", "matched"], statuses);
    }

    [Fact]
    public void Reconcile_SameStatementTwice_ExitsUsage()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"),
            "--statement", Repository.Samples("statement-a.csv"), "--statement", Repository.Samples("statement-a.csv"), "--out", temp.File("r.csv"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("given twice", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_OutputIsAnInput_ExitsUsageAndKeepsTheInput()
    {
        using var temp = new TempFolder();
        var statement = temp.File("bank.csv");
        File.Copy(Repository.Samples("statement-a.csv"), statement);
        var before = File.ReadAllBytes(statement);

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", statement, "--out", statement);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("also an input", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(statement));
    }

    [Fact]
    public void Reconcile_OutputIsTheReceivablesFile_ExitsUsageNamingOut()
    {
        using var temp = new TempFolder();
        var receivables = temp.File("receivables.csv");
        File.Copy(Repository.Samples("receivables.csv"), receivables);
        var before = File.ReadAllBytes(receivables);

        var run = CliRun.Of("reconcile", "--receivables", receivables, "--statement", Repository.Samples("statement-a.csv"), "--out", receivables);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"error: --out: the results file {receivables} is also an input; choose another --out", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(receivables));
    }

    [Fact]
    public void Reconcile_OutputIsAFolder_ExitsOutputFailedLeavingNoTemporaryFile()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("taken.csv"));

        var run = CliRun.Of("reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"), "--out", temp.File("taken.csv"), "--quiet");

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }
}
