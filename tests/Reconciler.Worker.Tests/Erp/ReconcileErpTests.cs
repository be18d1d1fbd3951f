using Dapper;
using Microsoft.Data.Sqlite;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Erp;

/// <summary>
/// <c>reconcile</c> with receivables from the ERP's query (<c>Receivables:Erp</c>) against a real ERP database, with
/// a ledger (<c>--data</c>) and in memory: no <c>--receivables</c> needed, the ERP's paid and cancelled receivables
/// never matched, a complete list cancelling what it lost, and bad rows stopping the run with their place named.
/// </summary>
public class ReconcileErpTests
{
    private static CliRun Reconcile(string config, string output, params string[] extra) => CliRun.Of([
        "reconcile", "--statement", Repository.Samples("statement-a.csv"), "--statement", Repository.Samples("statement-b.csv"),
        "--config", config, "--out", output, "--quiet", .. extra]);

    private static Dictionary<string, string[]> RowsByBankRef(string csv) => CsvRows.Read(csv)
        .GroupBy(cells => cells[0] + "/" + cells[2])
        .ToDictionary(g => g.Key, g => g.Single());

    private static List<(string ContractNo, string Status, string Source, long Amount)> Ledger(string dataFolder)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "reconciler.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return [.. connection.Query<(string, string, string, long)>("SELECT contract_no, status, source, amount FROM receivable ORDER BY contract_no")];
    }

    [Fact]
    public void Reconcile_DataWithTheErpAndNoReceivablesFile_SameResultsAsTheFileThenNothingChanges()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        var config = erp.Configuration(temp.File("reconciler.json"));
        var fromFile = CliRun.Of([
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--statement", Repository.Samples("statement-b.csv"), "--data", temp.File("file-ledger"), "--out", temp.File("file.csv"), "--quiet"]);

        // Act
        var first = Reconcile(config, temp.File("erp.csv"), "--data", temp.File("erp-ledger"));
        var second = Reconcile(config, temp.File("erp-again.csv"), "--data", temp.File("erp-ledger"));

        // Assert
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (fromFile.ExitCode, first.ExitCode, second.ExitCode));
        Assert.Equal(File.ReadAllText(temp.File("file.csv")), File.ReadAllText(temp.File("erp.csv")));
        Assert.Contains("against 14 receivables", first.Output, StringComparison.Ordinal);
        Assert.Contains("receivables from ERP query erp (sqlite ", first.Output, StringComparison.Ordinal);
        Assert.Contains("14 rows, 14 new, 0 changed, 0 as before; 0 marked paid and 0 cancelled as the ERP says", first.Output, StringComparison.Ordinal);
        Assert.Contains("14 rows, 0 new, 0 changed, 14 as before", second.Output, StringComparison.Ordinal);
        Assert.Contains("nothing new since the last match run", second.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(temp.File("erp.csv")), File.ReadAllText(temp.File("erp-again.csv")));
        Assert.All(Ledger(temp.File("erp-ledger")), r => Assert.Equal("erp", r.Source));
    }

    [Fact]
    public void Reconcile_InMemoryWithPaidAndCancelledInTheErp_NeitherIsMatched()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        erp.SetStatus("KL26-004512", "已作废");
        erp.SetStatus("KL26-004520", "已结清");
        var config = erp.Configuration(temp.File("reconciler.json"));

        // Act
        var run = Reconcile(config, temp.File("results.csv"));

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("against 12 receivables", run.Output, StringComparison.Ordinal);
        var rows = RowsByBankRef(temp.File("results.csv"));
        Assert.NotEqual("matched", rows["statement-a.csv/B2601210001"][7]);
        Assert.DoesNotContain("KL26-004512", rows["statement-a.csv/B2601210001"][8], StringComparison.Ordinal);
        Assert.NotEqual("matched", rows["statement-a.csv/B2601220002"][7]);
        Assert.DoesNotContain("KL26-004520", rows["statement-a.csv/B2601220002"][8], StringComparison.Ordinal);
        Assert.Equal("matched", rows["statement-b.csv/B2602090013"][7]);
    }

    [Fact]
    public void Reconcile_CompleteErpListLosesAReceivable_NextRunCancelsItInTheLedger()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        var config = erp.Configuration(temp.File("reconciler.json"), complete: true);
        var data = temp.File("ledger");
        Assert.Equal(ExitCodes.Ok, Reconcile(config, temp.File("first.csv"), "--data", data).ExitCode);
        erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 = 'KL26-004540'");
        erp.SetStatus("KL26-004536", "已收款");

        // Act
        var run = Reconcile(config, temp.File("second.csv"), "--data", data);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("13 rows, 0 new, 1 changed, 12 as before; 1 marked paid and 0 cancelled as the ERP says, 1 cancelled as no longer listed", run.Output, StringComparison.Ordinal);
        var ledger = Ledger(data);
        Assert.Equal(14, ledger.Count);
        Assert.Equal("cancelled", ledger.Single(r => r.ContractNo == "KL26-004540").Status);
        Assert.Equal("paid", ledger.Single(r => r.ContractNo == "KL26-004536").Status);
        Assert.DoesNotContain("KL26-004536", RowsByBankRef(temp.File("second.csv"))["statement-b.csv/B2602060012"][8], StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_FileAndErpBoth_ErpWinsWhereBothGiveAReceivableAndASecondRunChangesNothing()
    {
        // Arrange: the ERP holds three of the file's receivables, one with another amount.
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 NOT IN ('KL26-004512', 'KL26-004513', 'KL26-004540')");
        erp.Execute("UPDATE ar_open_items SET 应收金额 = 3000 WHERE 合同编号 = 'KL26-004540'");
        var config = erp.Configuration(temp.File("reconciler.json"));
        var data = temp.File("ledger");
        string[] withFile = ["--data", data, "--receivables", Repository.Samples("receivables.csv")];

        // Act
        var first = Reconcile(config, temp.File("first.csv"), withFile);
        var second = Reconcile(config, temp.File("second.csv"), withFile);

        // Assert
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (first.ExitCode, second.ExitCode));
        Assert.Contains("receivables: 11 new, 0 changed, 0 as before (3 more taken from the ERP, which also gives them)", first.Output, StringComparison.Ordinal);
        Assert.Contains("receivables: 0 new, 0 changed, 11 as before", second.Output, StringComparison.Ordinal);
        Assert.Contains("3 rows, 0 new, 0 changed, 3 as before", second.Output, StringComparison.Ordinal);
        var ledger = Ledger(data);
        Assert.Equal(14, ledger.Count);
        Assert.Equal(3, ledger.Count(r => r.Source == "erp"));
        Assert.Equal(3000_0000L, ledger.Single(r => r.ContractNo == "KL26-004540").Amount);
    }

    [Fact]
    public void Reconcile_NoReceivablesFileAndNoErp_UsageErrorSaysWhatIsNeeded()
    {
        // Arrange
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("reconciler.json"), "{}");

        // Act
        var run = Reconcile(temp.File("reconciler.json"), temp.File("results.csv"));

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--receivables is required (or configure the ERP's query in Receivables:Erp)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_ErpRowWithABadAmount_BadInputNamingQueryRowColumnAndValueAndNothingWritten()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        erp.Execute("UPDATE ar_open_items SET 应收金额 = '4,28O.50' WHERE 合同编号 = 'KL26-004513'");
        var config = erp.Configuration(temp.File("reconciler.json"));

        // Act
        var inMemory = Reconcile(config, temp.File("results.csv"));
        var ledger = Reconcile(config, temp.File("results.csv"), "--data", temp.File("ledger"));

        // Assert: ordered by contract number, KL26-004513 is the query's fifth row.
        var expected = $"error: ERP query erp (sqlite {temp.File("erp.db")}), row 5, column 应收金额: \"4,28O.50\" is not an amount (expected a number such as 1234.56 or 1,234.56)";
        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput), (inMemory.ExitCode, ledger.ExitCode));
        Assert.Contains(expected, inMemory.Error, StringComparison.Ordinal);
        Assert.Contains(expected, ledger.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("results.csv")));
    }

    [Fact]
    public void Reconcile_ErpQueryFails_BadInputSaysTheQueryCannotBeRun()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Sqlite(temp.File("erp.db"));
        var config = erp.Configuration(temp.File("reconciler.json"), query: "SELECT * FROM ar_items");

        // Act
        var run = Reconcile(config, temp.File("results.csv"));

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"error: ERP query erp (sqlite {temp.File("erp.db")}) cannot be run: SQLite Error 1: 'no such table: ar_items'", run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Reconcile_ErpInPostgres_SameResultsAsTheFile()
    {
        // Arrange
        using var temp = new TempFolder();
        using var erp = ErpSampleDatabase.Postgres();
        var config = erp.Configuration(temp.File("reconciler.json"));
        var fromFile = CliRun.Of([
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--statement", Repository.Samples("statement-b.csv"), "--out", temp.File("file.csv"), "--quiet"]);

        // Act
        var inMemory = Reconcile(config, temp.File("erp.csv"));
        var ledger = Reconcile(config, temp.File("erp-ledger.csv"), "--data", temp.File("ledger"));

        // Assert
        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok, ExitCodes.Ok), (fromFile.ExitCode, inMemory.ExitCode, ledger.ExitCode));
        Assert.Equal(File.ReadAllText(temp.File("file.csv")), File.ReadAllText(temp.File("erp.csv")));
        Assert.Equal(File.ReadAllText(temp.File("file.csv")), File.ReadAllText(temp.File("erp-ledger.csv")));
        Assert.DoesNotContain("Password", inMemory.Output + inMemory.Error, StringComparison.OrdinalIgnoreCase);
    }
}
