using System.Globalization;
using System.Text.Json.Nodes;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconcile … --data DIR</c> and the <c>Storage</c> section: the ledger in a real SQLite file (and a real
/// PostgreSQL database when <c>RECONCILER_TEST_POSTGRES</c> is given), read directly with SQL, never through the store.
/// </summary>
public class ReconcileLedgerTests
{
    private const string StatementHeader = "date,amount,currency,payer_name,payer_account,memo,bank_ref\n";
    private const int Status = 7;
    private const int Explanation = 13;

    private static readonly string ReceivablesCsv = Repository.Samples("receivables.csv");
    private static readonly string SamplesConfig = Repository.Samples("reconciler.json");
    private static readonly string[] SampleStatements = [Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv")];

    [Fact]
    public void Reconcile_FirstRunWithData_ResultsEqualTheInMemoryRun()
    {
        using var temp = new TempFolder();

        var memory = Reconcile(ReceivablesCsv, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(ReceivablesCsv, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        Assert.Equal(ExitCodes.Ok, memory.ExitCode);
        Assert.True(ledger.ExitCode == ExitCodes.Ok, ledger.Error);
        var expected = Table(temp.File("memory.csv"));
        var actual = Table(temp.File("ledger.csv"));
        Assert.Equal(17, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.True(pair.First == pair.Second, $"in memory: {pair.First}\nledger:    {pair.Second}"));
    }

    [Fact]
    public void Reconcile_FirstRunWithData_BuildsTheLedgerApartAndLeavesOnlyTheLedgerInWalMode()
    {
        using var temp = new TempFolder();

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"), "--no-rules");

        // Built under a name of its own without a journal, then renamed: nothing of the build is left, and the ledger
        // is a sound one in WAL mode, as the next run finds it.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("put ledger in place", run.Output, StringComparison.Ordinal);
        Assert.Contains($"ledger sqlite {Path.Combine(temp.File("data"), "reconciler.db")}: created (schema version", run.Output, StringComparison.Ordinal);
        Assert.Equal(["reconciler.db"], Directory.GetFiles(temp.File("data")).Select(Path.GetFileName).Where(f => !f!.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)));
        var database = LedgerDatabase.InDataFolder(temp.File("data"));
        Assert.Equal("ok", database.Scalar<string>("PRAGMA integrity_check"));
        Assert.Equal("wal", database.Scalar<string>("PRAGMA journal_mode"));
        Assert.Equal(17, database.Scalar<long>("SELECT COUNT(*) FROM statement_line"));
    }

    [Fact]
    public void Reconcile_FirstRunWithDataStatementsInReverseOrder_ResultsEqualTheInMemoryRun()
    {
        using var temp = new TempFolder();
        string[] reversed = [SampleStatements[1], SampleStatements[0]];

        var memory = Reconcile(ReceivablesCsv, reversed, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(ReceivablesCsv, reversed, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        Assert.Equal(ExitCodes.Ok, memory.ExitCode);
        Assert.True(ledger.ExitCode == ExitCodes.Ok, ledger.Error);
        // In memory the copy kept does not depend on the order the files are given in: statement-a.csv's row 9.
        var statuses = CsvRows.Read(temp.File("ledger.csv")).ToDictionary(c => $"{c[0]} {c[1]}", c => c[Status]);
        Assert.Equal(("duplicate", "matched"), (statuses["statement-b.csv 2"], statuses["statement-a.csv 9"]));
        Assert.Equal(CsvRows.Read(temp.File("memory.csv")).Select(c => $"{c[0]} {c[1]} {c[Status]}"), CsvRows.Read(temp.File("ledger.csv")).Select(c => $"{c[0]} {c[1]} {c[Status]}"));
    }

    [Fact]
    public void Reconcile_FirstRunWithData_LedgerHoldsReceivablesFilesLinesAndAllocations()
    {
        using var temp = new TempFolder();
        var database = LedgerDatabase.InDataFolder(temp.File("data"));

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));
        Reconcile(ReceivablesCsv, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(14, database.Scalar<long>("SELECT COUNT(*) FROM receivable"));
        Assert.Equal(
            ["statement-a.csv 8 lines 0 duplicates", "statement-b.csv 9 lines 1 duplicates"],
            database.Query<(string Name, long Lines, long Duplicates)>("SELECT name, lines, duplicates FROM statement_file ORDER BY id")
                .Select(f => $"{f.Name} {f.Lines} lines {f.Duplicates} duplicates"));
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM match_run"));

        // Every line is stored with the decision the results file shows; the duplicate points at statement-a.csv row 9.
        var lines = database.Query<(string File, long Row, string Status)>(
            "SELECT f.name, l.row_number, l.status FROM statement_line l JOIN statement_file f ON f.id = l.file_id ORDER BY l.file_id, l.row_number");
        Assert.Equal(17, lines.Count);
        Assert.Equal(CsvRows.Read(temp.File("ledger.csv")).Select(c => $"{c[0]} {c[1]} {c[Status]}"), lines.Select(l => $"{l.File} {l.Row} {l.Status}"));
        Assert.Equal(
            "statement-a.csv 9",
            database.Query<string>(
                "SELECT f.name || ' ' || o.row_number FROM statement_line l JOIN statement_line o ON o.id = l.duplicate_of JOIN statement_file f ON f.id = o.file_id WHERE l.status = 'duplicate'").Single());

        // Open amounts follow the applied allocations (payments, and the difference a payment within tolerance
        // settled), and the payments add up to the run's "allocated".
        var scale = Scale(database);
        var receivables = database.Query<(long Id, string Contract, long Amount, long Open)>("SELECT id, contract_no, amount, open_amount FROM receivable");
        var applied = database.Query<(long Receivable, long Amount)>("SELECT receivable_id, amount FROM allocation WHERE status IN ('auto', 'confirmed', 'settled')")
            .ToLookup(a => a.Receivable, a => a.Amount);
        Assert.All(receivables, r => Assert.True(r.Amount - r.Open == applied[r.Id].Sum(), $"{r.Contract}: amount {r.Amount} - open {r.Open} != allocated {applied[r.Id].Sum()}"));
        Assert.Equal(157_500.50m + 30.00m, applied.SelectMany(a => a).Sum() / scale);
        Assert.Equal(30.00m, database.Scalar<long>("SELECT SUM(amount) FROM allocation WHERE status = 'settled'") / scale);
        Assert.Equal(0, receivables.Single(r => r.Contract == "HT2026/0458").Open);
        Assert.Equal(4_000m, receivables.Single(r => r.Contract == "KL26-004530").Open / scale);

        // Every column but the sentences agrees with the in-memory run (the full comparison is the test above).
        Assert.Equal(
            CsvRows.Read(temp.File("memory.csv")).Select(c => string.Join('|', c.Where((_, i) => i != Explanation))),
            CsvRows.Read(temp.File("ledger.csv")).Select(c => string.Join('|', c.Where((_, i) => i != Explanation))));
    }

    [Fact]
    public void Reconcile_FirstRunWithData_MatchedWithinToleranceClosesTheReceivableAsInMemory()
    {
        using var temp = new TempFolder();
        var database = LedgerDatabase.InDataFolder(temp.File("data"));

        var memory = Reconcile(ReceivablesCsv, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(ReceivablesCsv, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        Assert.True(ledger.ExitCode == ExitCodes.Ok, ledger.Error);
        // B2601220002 pays 23,470.00 of KL26-004520's 23,500.00 ("less bank charges", within ±3%): matched, so settled.
        Assert.Equal("matched", CsvRows.Read(temp.File("ledger.csv")).Single(c => c[2] == "B2601220002")[Status]);
        Assert.Equal(LeftOpen(memory.Output), LeftOpen(ledger.Output));
        Assert.Equal("paid", database.Scalar<string>("SELECT status FROM receivable WHERE contract_no = 'KL26-004520'"));
    }

    [Fact]
    public void Reconcile_SecondRunOnTheSameData_ChangesNoRowAndSaysSo()
    {
        using var temp = new TempFolder();
        var database = LedgerDatabase.InDataFolder(temp.File("data"));

        FirstAndSecondRun(temp, database, "--config", SamplesConfig, "--data", temp.File("data"));
    }

    [SkippableFact]
    public void Reconcile_SecondRunOnTheSameDataInPostgres_ChangesNoRowAndSaysSo()
    {
        using var temp = new TempFolder();
        using var database = LedgerDatabase.CreatePostgres();
        var config = Config(temp, database.StorageSection());

        FirstAndSecondRun(temp, database, "--config", config);
    }

    [Fact]
    public void Reconcile_LaterStatementOverlapsAnEarlierRun_SharedLineIsDuplicateNamingTheFirst()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");

        var first = Reconcile(ReceivablesCsv, [SampleStatements[0]], temp.File("a.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(ReceivablesCsv, [SampleStatements[1]], temp.File("b.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        var rows = CsvRows.Read(temp.File("b.csv"));
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.Equal("statement-b.csv", r[0]));
        var shared = rows.Single(r => r[2] == "B2602020008");
        Assert.Equal("duplicate", shared[Status]);
        Assert.Contains("statement-a.csv row 9", shared[Explanation], StringComparison.Ordinal);
        // The other lines are decided as when both files are reconciled together.
        Assert.Equal(
            ["duplicate", "partial", "matched", "suggested", "suggested", "matched", "suggested", "ignored", "suggested"],
            rows.Select(r => r[Status]));
        Assert.Contains("statement-b.csv: 9 lines imported, 1 of them duplicates", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_InstallmentsInTwoRuns_CloseTheReceivable()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var first = Statement(temp, "installment-1.csv", "2026-01-26,30000.00,CNY,北京康泰医院,6225880199001100223,HT2026/0458 第一期,T2601260001");
        var second = Statement(temp, "installment-2.csv", "2026-02-02,26000.00,CNY,北京康泰医院,6225880199001100223,HT2026/0458 尾款,T2602020002");
        const string Receivable = "SELECT open_amount, status FROM receivable WHERE contract_no = 'HT2026/0458'";

        var run1 = Reconcile(ReceivablesCsv, [first], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var afterFirst = database.Query<(long Open, string Status)>(Receivable).Single();
        var run2 = Reconcile(ReceivablesCsv, [second], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(run1.ExitCode == ExitCodes.Ok, run1.Error);
        Assert.True(run2.ExitCode == ExitCodes.Ok, run2.Error);
        var scale = Scale(database);
        Assert.Equal("partial", CsvRows.Read(temp.File("r1.csv")).Single()[Status]);
        Assert.Equal((26_000m, "open"), (afterFirst.Open / scale, afterFirst.Status));
        var decided = CsvRows.Read(temp.File("r2.csv")).Single();
        Assert.Equal(("T2602020002", "matched", "HT2026/0458"), (decided[2], decided[Status], decided[8]));
        Assert.Equal((0L, "paid"), database.Query<(long Open, string Status)>(Receivable).Single());
        Assert.Equal(
            [30_000m, 26_000m],
            database.Query<long>("SELECT a.amount FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'HT2026/0458' AND a.status = 'auto' ORDER BY a.id")
                .Select(units => units / scale));
    }

    [Fact]
    public void Reconcile_ReceivableAmountChangedAfterAnInstallment_OpenIsTheNewAmountLessTheAllocations()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var installment = Statement(temp, "installment-1.csv", "2026-01-26,30000.00,CNY,北京康泰医院,6225880199001100223,HT2026/0458 第一期,T2601260001");
        var raised = temp.File("receivables-raised.csv");
        File.WriteAllText(raised, File.ReadAllText(ReceivablesCsv).Replace("HT2026/0458,C0003,北京康泰医院,56000.00", "HT2026/0458,C0003,北京康泰医院,60000.00", StringComparison.Ordinal));

        var first = Reconcile(ReceivablesCsv, [installment], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(raised, [installment], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("receivables: 0 new, 1 changed, 13 as before", second.Output, StringComparison.Ordinal);
        var scale = Scale(database);
        var (amount, open, status) = database.Query<(long Amount, long Open, string Status)>("SELECT amount, open_amount, status FROM receivable WHERE contract_no = 'HT2026/0458'").Single();
        Assert.Equal((60_000m, 30_000m, "open"), (amount / scale, open / scale, status));
        Assert.Equal("partial", CsvRows.Read(temp.File("r2.csv")).Single()[Status]);
    }

    [Fact]
    public void Reconcile_SameBytesUnderAnotherName_NothingImportedAndTheSummaryCountsItsLines()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var copy = temp.File("statement-a-copy.csv");
        File.Copy(SampleStatements[0], copy);

        var first = Reconcile(ReceivablesCsv, [SampleStatements[0]], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(ReceivablesCsv, [copy], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("statement-a-copy.csv: imported before", second.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(temp.File("r1.csv")), File.ReadAllText(temp.File("r2.csv")));
        Assert.Contains("from statement-a-copy.csv (8 lines)", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_ReceivableArrivesForAnUnmatchedLine_LineIsRetriedAndMatched()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var statement = Statement(temp, "litware.csv", "2026-02-20,4500.00,CNY,Litware Labs,6200000000000001,货款 KL26-009001,T2602200001");
        var receivables = ReceivablesWith(temp, "KL26-009001,C0011,Litware Labs,4500.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var first = Reconcile(ReceivablesCsv, [statement], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(receivables, [statement], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Equal("unmatched", CsvRows.Read(temp.File("r1.csv")).Single()[Status]);
        var retried = CsvRows.Read(temp.File("r2.csv")).Single();
        Assert.Equal(("matched", "KL26-009001"), (retried[Status], retried[8]));
        Assert.Contains("litware.csv: imported before", second.Output, StringComparison.Ordinal);
        Assert.Contains("receivables: 1 new, 0 changed, 14 as before", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"match run 2: 1 lines? decided \(1 of them retried\)", second.Output);
        Assert.Equal("matched", database.Scalar<string>("SELECT status FROM statement_line"));
        Assert.Equal("paid", database.Scalar<string>("SELECT status FROM receivable WHERE contract_no = 'KL26-009001'"));
    }

    [Fact]
    public void Reconcile_ReceivablesChangeWithNoLineWaiting_NoRun()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var statement = Statement(temp, "paid.csv", "2026-01-21,10000.00,CNY,上海瑞康医疗器械有限公司,6222021001004512881,货款 KL26-004512,B2601210001");
        var receivables = ReceivablesWith(temp, "KL26-009001,C0011,Litware Labs,4500.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var first = Reconcile(ReceivablesCsv, [statement], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(receivables, [statement], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("receivables: 1 new", second.Output, StringComparison.Ordinal);
        Assert.Contains("no run", second.Output, StringComparison.Ordinal);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM match_run"));
        Assert.Equal(15, database.Scalar<long>("SELECT COUNT(*) FROM receivable"));
        Assert.Equal(File.ReadAllText(temp.File("r1.csv")), File.ReadAllText(temp.File("r2.csv")));
    }

    [Fact]
    public void Reconcile_FileChangedUnderTheSameName_ImportedAsANewFileWithItsOverlapDuplicates()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        const string Paid = "2026-01-21,10000.00,CNY,上海瑞康医疗器械有限公司,6222021001004512881,货款 KL26-004512,B2601210001";
        const string NoReference = "2026-01-28,7800.00,CNY,广州华南医疗设备有限公司,6222600810011223344,货款,";
        var statement = Statement(temp, "statement.csv", Paid, NoReference);

        var first = Reconcile(ReceivablesCsv, [statement], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        Statement(temp, "statement.csv", Paid, NoReference, "2026-02-09,13030.50,CNY,上海瑞康医疗器械有限公司,6222021001004512881,KL26-004513 KL26-004521,B2602090013");
        var second = Reconcile(ReceivablesCsv, [statement], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("statement.csv: 3 lines imported, 2 of them duplicates", second.Output, StringComparison.Ordinal);
        var rows = CsvRows.Read(temp.File("r2.csv"));
        Assert.Equal(["duplicate", "duplicate", "matched"], rows.Select(r => r[Status]));
        Assert.Contains("statement.csv row 2", rows[0][Explanation], StringComparison.Ordinal);
        Assert.Contains("statement.csv row 3", rows[1][Explanation], StringComparison.Ordinal);
        var files = database.Query<(string Name, string Sha)>("SELECT name, sha256 FROM statement_file ORDER BY id");
        Assert.Equal(["statement.csv", "statement.csv"], files.Select(f => f.Name));
        Assert.NotEqual(files[0].Sha, files[1].Sha);
        Assert.Equal(5, database.Scalar<long>("SELECT COUNT(*) FROM statement_line"));
    }

    [Fact]
    public void Reconcile_IdenticalLinesWithoutBankReference_CountedByTheirOccurrenceInTheirFile()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        const string Line = "2026-01-28,7800.00,CNY,广州华南医疗设备有限公司,6222600810011223344,货款,";
        var twice = Statement(temp, "twice.csv", Line, Line);
        var thrice = Statement(temp, "thrice.csv", Line, Line, Line);

        var first = Reconcile(ReceivablesCsv, [twice], temp.File("r1.csv"), "--config", SamplesConfig, "--data", data);
        var second = Reconcile(ReceivablesCsv, [thrice], temp.File("r2.csv"), "--config", SamplesConfig, "--data", data);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("twice.csv: 2 lines imported, 0 of them duplicates", first.Output, StringComparison.Ordinal);
        Assert.All(CsvRows.Read(temp.File("r1.csv")), r => Assert.NotEqual("duplicate", r[Status]));
        Assert.Contains("thrice.csv: 3 lines imported, 2 of them duplicates", second.Output, StringComparison.Ordinal);
        var statuses = CsvRows.Read(temp.File("r2.csv")).Select(r => r[Status]).ToList();
        Assert.Equal(["duplicate", "duplicate"], statuses.Take(2));
        Assert.NotEqual("duplicate", statuses[2]);
    }

    [Fact]
    public void Reconcile_TwoLinesWithTheSameBankReferenceInOneFile_BothCountAsInMemory()
    {
        using var temp = new TempFolder();
        var database = LedgerDatabase.InDataFolder(temp.File("data"));
        var statement = Statement(
            temp,
            "same-ref.csv",
            "2026-01-28,7800.00,CNY,广州华南医疗设备有限公司,6222600810011223344,SO-26-118790,B2601280006",
            "2026-01-28,7800.00,CNY,广州华南医疗设备有限公司,6222600810011223344,SO-26-118791,B2601280006");

        var memory = Reconcile(ReceivablesCsv, [statement], temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(ReceivablesCsv, [statement], temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        Assert.Equal(ExitCodes.Ok, memory.ExitCode);
        Assert.Equal(["matched", "matched"], CsvRows.Read(temp.File("memory.csv")).Select(r => r[Status]));
        Assert.True(ledger.ExitCode == ExitCodes.Ok, ledger.Error);
        Assert.Equal(Table(temp.File("memory.csv")), Table(temp.File("ledger.csv")));
        Assert.Equal(2, database.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status <> 'duplicate'"));
    }

    [Fact]
    public void Reconcile_BadStatementAfterEarlierRuns_ExitsBadInputAndLeavesTheLedgerUnchanged()
    {
        using var temp = new TempFolder();
        var (data, database) = SamplesInALedger(temp);
        var results = File.ReadAllText(temp.File("r.csv"));
        var before = database.Contents();

        var run = Reconcile(ReceivablesCsv, [BadStatement(temp)], temp.File("r.csv"), "--config", SamplesConfig, "--data", data);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, database.Contents());
        Assert.Equal(results, File.ReadAllText(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_BadStatementAfterANewGoodFileAndNewReceivables_LeavesTheLedgerUnchanged()
    {
        using var temp = new TempFolder();
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var first = Reconcile(ReceivablesCsv, [SampleStatements[0]], temp.File("r.csv"), "--config", SamplesConfig, "--data", data);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        var before = database.Contents();
        var receivables = ReceivablesWith(temp, "KL26-009001,C0011,Litware Labs,4500.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var run = Reconcile(receivables, [SampleStatements[1], BadStatement(temp)], temp.File("r.csv"), "--config", SamplesConfig, "--data", data);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, database.Contents());
    }

    [Fact]
    public void Reconcile_OneContractOfOneCustomerOnTwoRowsThatDisagree_RefusedWithBothRowsInMemoryAndWithALedger()
    {
        // Arrange: the samples' KL26-004512 of C0001 (10,000.00 on row 2) given again on row 16 as 5,000.00.
        using var temp = new TempFolder();
        var (data, database) = SamplesInALedger(temp);
        var before = database.Contents();
        var receivables = ReceivablesWith(temp, "KL26-004512,C0001,上海瑞康医疗器械有限公司,5000.00,CNY,2026-01-05,2026-03-04,li.wei@example.com");

        // Act
        var memory = Reconcile(receivables, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(receivables, SampleStatements, temp.File("r.csv"), "--config", SamplesConfig, "--data", data);

        // Assert: the same refusal either way, naming the file, both rows and the column; nothing written or stored.
        const string Refusal = "receivables-more.csv, row 16, column contract_no: contract KL26-004512 of customer C0001 is also on row 2, "
            + "with amount 10000.00 and 5000.00, due date 2026-02-04 and 2026-03-04; one contract of one customer is one receivable";
        AssertRefusedBoth(temp, memory, ledger, Refusal);
        Assert.Equal(before, database.Contents());
    }

    [Fact]
    public void Reconcile_NegativeReceivableAmount_RefusedByTheLedgerNamingFileRowAndColumn()
    {
        using var temp = new TempFolder();
        var (data, database) = SamplesInALedger(temp);
        var before = database.Contents();
        var receivables = ReceivablesWith(temp, "KL26-009001,C0011,Litware Labs,-100.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var run = Reconcile(receivables, SampleStatements, temp.File("r.csv"), "--config", SamplesConfig, "--data", data);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("receivables-more.csv, row 16, column amount: \"-100\" cannot be kept in the ledger: a receivable's open amount cannot be negative", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, database.Contents());
    }

    [Theory]
    [InlineData("1.23456", "amounts are kept to 0.0001 (four decimals); this one has more")]
    [InlineData("10000.00005", "amounts are kept to 0.0001 (four decimals); this one has more")]
    [InlineData("99999999999999999", "amounts are kept up to 922,337,203,685,477.5807")]
    public void Reconcile_ReceivableAmountBeyondTheLimits_RefusedInMemoryAsWithALedgerNamingFileRowColumnAndValue(string amount, string problem)
    {
        // Arrange
        using var temp = new TempFolder();
        var (data, database) = SamplesInALedger(temp);
        var before = database.Contents();
        var receivables = ReceivablesWith(temp, $"KL26-009001,C0011,Litware Labs,{amount},CNY,2026-02-01,2026-03-03,li.wei@example.com");

        // Act
        var memory = Reconcile(receivables, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(receivables, SampleStatements, temp.File("r.csv"), "--config", SamplesConfig, "--data", data);

        // Assert: one rule, one message, either way; nothing written or stored.
        var refusal = $"receivables-more.csv, row 16, column amount: \"{amount}\" is not an amount Reconciler takes: {problem}";
        AssertRefusedBoth(temp, memory, ledger, refusal);
        Assert.Equal(before, database.Contents());
    }

    [Theory]
    [InlineData("10000.00005", "amounts are kept to 0.0001 (four decimals); this one has more")]
    [InlineData("99999999999999999.00", "amounts are kept up to 922,337,203,685,477.5807")]
    public void Reconcile_StatementAmountBeyondTheLimits_RefusedInMemoryAsWithALedgerNamingFileRowColumnAndValue(string amount, string problem)
    {
        // Arrange
        using var temp = new TempFolder();
        var statement = Statement(temp, "odd.csv", $"2026-02-20,{amount},CNY,A,1,KL26-004512,T1");

        // Act
        var memory = Reconcile(ReceivablesCsv, [statement], temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(ReceivablesCsv, [statement], temp.File("r.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        // Assert
        var refusal = $"odd.csv, row 2, column amount: \"{amount}\" is not an amount Reconciler takes: {problem}";
        AssertRefusedBoth(temp, memory, ledger, refusal);
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_ShortContractNumberOnTwoRowsThatDisagree_RefusedInMemoryAsWithALedger()
    {
        // A contract number too short to be searched for in memos is still one receivable per customer.
        using var temp = new TempFolder();
        var receivables = ReceivablesWith(temp, "A12,C0011,Litware Labs,100.00,CNY,2026-02-01,2026-03-03,li.wei@example.com", "A12,C0011,Litware Labs,200.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var memory = Reconcile(receivables, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(receivables, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput), (memory.ExitCode, ledger.ExitCode));
        Assert.Contains("receivables-more.csv, row 17, column contract_no: contract A12 of customer C0011 is also on row 16, with amount 100.00 and 200.00", memory.Error, StringComparison.Ordinal);
        Assert.Contains("receivables-more.csv, row 17, column contract_no: contract A12 of customer C0011 is also on row 16, with amount 100.00 and 200.00", ledger.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconcile_TwoContractsEachOnTwoRowsThatDisagreeCrossing_TheFirstConflictInRowOrderNamedInMemoryAsWithALedger()
    {
        // A12 on rows 16 and 19, B34 on rows 17 and 18: read in row order, row 18 is the first that contradicts an
        // earlier one, whichever contract the index lists first.
        using var temp = new TempFolder();
        var receivables = ReceivablesWith(
            temp,
            "A12,C0011,Litware Labs,100.00,CNY,2026-02-01,2026-03-03,li.wei@example.com",
            "B34,C0011,Litware Labs,300.00,CNY,2026-02-01,2026-03-03,li.wei@example.com",
            "B34,C0011,Litware Labs,400.00,CNY,2026-02-01,2026-03-03,li.wei@example.com",
            "A12,C0011,Litware Labs,200.00,CNY,2026-02-01,2026-03-03,li.wei@example.com");

        var memory = Reconcile(receivables, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        var ledger = Reconcile(receivables, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        AssertRefusedBoth(temp, memory, ledger, "receivables-more.csv, row 18, column contract_no: contract B34 of customer C0011 is also on row 17, with amount 300.00 and 400.00");
    }

    [Fact]
    public void Reconcile_ARowRepeatedExactly_OneReceivableInMemoryAndInTheLedger()
    {
        // Arrange: the samples' first receivable (KL26-004512, paid in full by statement-a) given again at the end.
        using var temp = new TempFolder();
        var database = LedgerDatabase.InDataFolder(temp.File("data"));
        var receivables = ReceivablesWith(temp, File.ReadLines(ReceivablesCsv).ElementAt(1));

        // Act
        var memory = Reconcile(receivables, SampleStatements, temp.File("memory.csv"), "--config", SamplesConfig);
        Assert.Equal(ExitCodes.Ok, Reconcile(ReceivablesCsv, SampleStatements, temp.File("plain.csv"), "--config", SamplesConfig).ExitCode);
        var ledger = Reconcile(receivables, SampleStatements, temp.File("ledger.csv"), "--config", SamplesConfig, "--data", temp.File("data"));

        // Assert: the same results as without the repeated row, and one receivable stored.
        Assert.True(memory.ExitCode == ExitCodes.Ok, memory.Error);
        Assert.True(ledger.ExitCode == ExitCodes.Ok, ledger.Error);
        Assert.Contains("against 14 receivables", memory.Output, StringComparison.Ordinal);
        Assert.Equal(Table(temp.File("plain.csv")), Table(temp.File("memory.csv")));
        Assert.Equal(Table(temp.File("plain.csv")), Table(temp.File("ledger.csv")));
        Assert.Equal(1L, database.Scalar<long>("SELECT COUNT(*) FROM receivable WHERE contract_no = 'KL26-004512'"));
    }

    [Fact]
    public void ReconcileAndReview_LedgerFileThatIsNoDatabase_SayWhatItIsNotTryAgain()
    {
        // Arrange: a folder whose reconciler.db holds bytes that are no SQLite database.
        using var temp = new TempFolder();
        var data = temp.File("data");
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "reconciler.db"), [.. Enumerable.Range(0, 40_000).Select(i => (byte)(i * 7919 % 251))]);

        // Act
        var reconcile = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", SamplesConfig, "--data", data);
        var review = CliRun.Of("review", "list", "--data", data);

        // Assert
        foreach (var run in new[] { reconcile, review })
        {
            Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
            Assert.Contains("the ledger file is not an SQLite database", run.Error, StringComparison.Ordinal);
            Assert.Contains("move it away, or point --data (or the Storage section) at another ledger", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("try again", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reconcile_SqliteFileInStorageConfiguration_KeepsTheLedgerWithoutData()
    {
        using var temp = new TempFolder();
        var database = LedgerDatabase.SqliteFile(temp.File("books/ledger.db"));
        var config = Config(temp, database.StorageSection());

        var first = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r1.csv"), "--config", config);
        var second = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r2.csv"), "--config", config);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.True(File.Exists(temp.File("books/ledger.db")));
        Assert.Contains("ledger sqlite " + temp.File("books/ledger.db"), first.Output, StringComparison.Ordinal);
        Assert.Equal(17, database.Scalar<long>("SELECT COUNT(*) FROM statement_line"));
        Assert.Contains("statement-a.csv: imported before", second.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(temp.File("r1.csv")), File.ReadAllText(temp.File("r2.csv")));
    }

    [Fact]
    public void Reconcile_PostgresWithoutConnectionString_ExitsUsageNamingTheKey()
    {
        using var temp = new TempFolder();
        var config = Config(temp, new JsonObject { ["Provider"] = "postgres" });

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", config);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Storage:ConnectionString", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_UnknownStorageKey_ExitsUsageNamingTheKey()
    {
        using var temp = new TempFolder();
        var config = Config(temp, new JsonObject { ["Provider"] = "sqlite", ["Database"] = temp.File("ledger.db") });

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", config);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Storage:Database", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("ledger.db")));
        Assert.False(File.Exists(temp.File("r.csv")));
    }

    [Fact]
    public void Reconcile_DataAndSqliteInStorageConfiguration_DataWins()
    {
        using var temp = new TempFolder();
        var configured = LedgerDatabase.SqliteFile(temp.File("configured/ledger.db"));
        var config = Config(temp, configured.StorageSection());

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", config, "--data", temp.File("data"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(17, LedgerDatabase.InDataFolder(temp.File("data")).Scalar<long>("SELECT COUNT(*) FROM statement_line"));
        Assert.False(File.Exists(temp.File("configured/ledger.db")));
    }

    [Fact]
    public void Reconcile_DataAndUnreachablePostgresInStorageConfiguration_DataWins()
    {
        using var temp = new TempFolder();
        var config = Config(temp, new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2" });

        var run = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", config, "--data", temp.File("data"));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(17, LedgerDatabase.InDataFolder(temp.File("data")).Scalar<long>("SELECT COUNT(*) FROM statement_line"));
    }

    /// <summary>The samples reconciled twice into one ledger: the second run imports nothing, runs nothing and changes no row of any table.</summary>
    private static void FirstAndSecondRun(TempFolder temp, LedgerDatabase database, params string[] ledger)
    {
        var first = Reconcile(ReceivablesCsv, SampleStatements, temp.File("first.csv"), ledger);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.Equal(14, database.Scalar<long>("SELECT COUNT(*) FROM receivable"));
        Assert.Equal(2, database.Scalar<long>("SELECT COUNT(*) FROM statement_file"));
        Assert.Equal(17, database.Scalar<long>("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'duplicate'"));
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM match_run"));
        Assert.True(database.Scalar<long>("SELECT COUNT(*) FROM audit_log") > 0, "the first run wrote no audit entry");
        var before = database.Contents();
        Assert.Contains("audit_log: ", before, StringComparison.Ordinal);

        var second = Reconcile(ReceivablesCsv, SampleStatements, temp.File("second.csv"), ledger);

        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("statement-a.csv: imported before", second.Output, StringComparison.Ordinal);
        Assert.Contains("statement-b.csv: imported before", second.Output, StringComparison.Ordinal);
        Assert.Contains("nothing imported", second.Output, StringComparison.Ordinal);
        Assert.Contains("no run, nothing changed", second.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"match run \d", second.Output);
        Assert.Equal(before, database.Contents());
        Assert.Equal(File.ReadAllText(temp.File("first.csv")), File.ReadAllText(temp.File("second.csv")));
    }

    /// <summary>The samples reconciled into a ledger in the temp folder (results in r.csv): its folder and database.</summary>
    private static (string Data, LedgerDatabase Database) SamplesInALedger(TempFolder temp)
    {
        var data = temp.File("data");
        var database = LedgerDatabase.InDataFolder(data);
        var first = Reconcile(ReceivablesCsv, SampleStatements, temp.File("r.csv"), "--config", SamplesConfig, "--data", data);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        return (data, database);
    }

    /// <summary>Both runs, in memory (results to memory.csv) and with a ledger, refused as bad input with <paramref name="refusal"/>; no results written in memory.</summary>
    private static void AssertRefusedBoth(TempFolder temp, CliRun memory, CliRun ledger, string refusal)
    {
        Assert.Equal((ExitCodes.BadInput, ExitCodes.BadInput), (memory.ExitCode, ledger.ExitCode));
        Assert.Contains(refusal, memory.Error, StringComparison.Ordinal);
        Assert.Contains(refusal, ledger.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("memory.csv")));
    }

    private static CliRun Reconcile(string receivables, string[] statements, string output, params string[] extra) => CliRun.Of([
        "reconcile", "--receivables", receivables, .. statements.SelectMany(s => new[] { "--statement", s }), "--out", output, "--quiet", .. extra]);

    /// <summary>A statement in the generic layout, written (or rewritten) in the temp folder.</summary>
    private static string Statement(TempFolder temp, string name, params string[] lines)
    {
        File.WriteAllText(temp.File(name), StatementHeader + string.Concat(lines.Select(l => l + "\n")));
        return temp.File(name);
    }

    private static string BadStatement(TempFolder temp) =>
        Statement(temp, "bad.csv", "2026-02-20,100.00,CNY,A,1,x,T1", "2026-02-22,12x.00,CNY,B,2,y,T2");

    /// <summary>The sample receivables with more rows.</summary>
    private static string ReceivablesWith(TempFolder temp, params string[] rows)
    {
        File.WriteAllText(temp.File("receivables-more.csv"), File.ReadAllText(ReceivablesCsv) + string.Concat(rows.Select(r => r + "\n")));
        return temp.File("receivables-more.csv");
    }

    /// <summary>The samples' configuration with a <c>Storage</c> section.</summary>
    private static string Config(TempFolder temp, JsonObject storage)
    {
        var root = JsonNode.Parse(File.ReadAllText(SamplesConfig))!.AsObject();
        root["Storage"] = storage;
        File.WriteAllText(temp.File("reconciler.json"), root.ToJsonString());
        return temp.File("reconciler.json");
    }

    /// <summary>The rows of a results file, each as "column=value" cells in column-name order (so column order does not count).</summary>
    private static List<string> Table(string path)
    {
        var header = File.ReadLines(path).First().Split(',');
        return [.. CsvRows.Read(path).Select(cells => string.Join(" | ", header.Zip(cells, (h, c) => $"{h}={c}").Order(StringComparer.Ordinal)))];
    }

    /// <summary>Stored units per currency unit, read off a receivable of 10,000.00.</summary>
    private static decimal Scale(LedgerDatabase database) =>
        database.Scalar<long>("SELECT amount FROM receivable WHERE contract_no = 'KL26-004512'") / 10_000m;

    private static string LeftOpen(string output) =>
        output.Split('\n').Single(l => l.TrimStart().StartsWith("left open", StringComparison.Ordinal)).Trim();
}
