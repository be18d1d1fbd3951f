using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// A receivables file synced again that lowers a receivable below what the ledger has already allocated to it: the
/// run warns (file, row, contract, new amount, allocated), counts it, keeps the allocations and raises an exception
/// for a person, which the rules alert on and which undoing the match resolves.
/// </summary>
public sealed class ReconcileLoweredReceivableTests : IDisposable
{
    private static readonly string ReceivablesCsv = Repository.Samples("receivables.csv");
    private static readonly string SamplesConfig = Repository.Samples("reconciler.json");
    private static readonly string[] SampleStatements = [Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv")];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reconcile_FileLowersAReceivableBelowWhatIsAllocated_WarnsKeepsTheAllocationsAndRaisesAnExceptionForReview()
    {
        // Arrange: the samples' KL26-004512 (10,000.00, row 2) is paid in full by statement-a; the ERP now says 8,000.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", ("KL26-004512,C0001,上海瑞康医疗器械有限公司,10000.00,", "KL26-004512,C0001,上海瑞康医疗器械有限公司,8000.00,"));
        var line = database.Scalar<long>(
            "SELECT a.line_id FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004512' AND a.status IN ('auto', 'confirmed') AND a.ended_at IS NULL");

        // Act
        var run = Reconcile(lowered, "second.csv", data);

        // Assert: a warning naming file, row, contract, the new amount and what is allocated; counted in the summary.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains(
            "warning: receivables-lowered.csv, row 2: contract KL26-004512 of customer C0001 is now 8,000.00 CNY, less than the 10,000.00 CNY already allocated to it; "
            + $"its allocations are kept and nothing of it is open; exception ReceivableLowered raised on line {line}, the last one matched to it, for review (if that match is wrong: reconciler review unmatch {line}; if the customer really paid more: reconciler review confirm {line})",
            run.Error,
            StringComparison.Ordinal);
        Assert.Contains("1 lowered below what is already allocated to them, allocations kept, for review", run.Output, StringComparison.Ordinal);

        // The allocation is kept, the receivable holds what is allocated with nothing open.
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM allocation WHERE line_id = @Line AND ended_at IS NULL AND amount = 100000000", new { Line = line }));
        Assert.Equal((100_000_000L, 0L), (
            database.Scalar<long>("SELECT amount FROM receivable WHERE contract_no = 'KL26-004512'"),
            database.Scalar<long>("SELECT open_amount FROM receivable WHERE contract_no = 'KL26-004512'")));

        // One exception for a person, with the excess, that the rules alerted finance and the sales owner about.
        Assert.Equal(20_000_000L, database.Scalar<long>("SELECT amount FROM match_exception WHERE line_id = @Line AND kind = 'ReceivableLowered' AND resolved_at IS NULL", new { Line = line }));
        Assert.Equal(2, database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox WHERE dedup_key LIKE @Key", new { Key = $"exception:{line}:ReceivableLowered:%" }));
    }

    [Fact]
    public void Reconcile_SameLoweringFileAgain_WarnsOnceAndUndoingTheMatchResolvesTheOneException()
    {
        // Arrange
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",10000.00,", ",8000.00,"));
        var first = Reconcile(lowered, "second.csv", data);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        Assert.Contains("warning: receivables-lowered.csv, row 2: contract KL26-004512", first.Error, StringComparison.Ordinal);

        // Act
        var again = Reconcile(lowered, "third.csv", data);
        var line = database.Scalar<long>("SELECT line_id FROM match_exception WHERE kind = 'ReceivableLowered'");
        var unmatch = CliRun.Of("review", "unmatch", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "li.wei", "--note", "paid against the wrong contract", "--data", data, "--config", SamplesConfig);

        // Assert: said once per lowering (the file saying the same again is no news), audited once; still one
        // exception, resolved once the match is undone.
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Error);
        Assert.DoesNotContain("KL26-004512", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("lowered below", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'lowered'"));
        Assert.True(unmatch.ExitCode == ExitCodes.Ok, unmatch.Error);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered'"));
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }

    [Fact]
    public void ReviewConfirm_LineOfALoweredReceivable_AcknowledgesTheOverPaymentOnceAndTheSameFileAgainChangesNothing()
    {
        // Arrange: KL26-004512 (10,000.00) paid in full by statement-a; the file lowers it to 8,000.00: the customer
        // really paid 2,000.00 too much, and finance keeps it as a credit.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",10000.00,", ",8000.00,"));
        Assert.Equal(ExitCodes.Ok, Reconcile(lowered, "second.csv", data).ExitCode);
        var line = database.Scalar<long>("SELECT line_id FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL");
        var id = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lineStatus = database.Scalar<string>("SELECT status FROM statement_line WHERE id = @Line", new { Line = line });
        var alerts = database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox");

        // Act
        var confirm = CliRun.Of("review", "confirm", id, "--by", "finance.anna", "--note", "over-payment kept as a credit", "--data", data, "--config", SamplesConfig);
        var repeat = CliRun.Of("review", "confirm", id, "--by", "finance.anna", "--note", "over-payment kept as a credit", "--data", data, "--config", SamplesConfig);
        var sync = Reconcile(lowered, "third.csv", data);

        // Assert: said with the contract and the excess; resolved and audited; the match and the receivable stay.
        Assert.True(confirm.ExitCode == ExitCodes.Ok, confirm.Error);
        Assert.Contains($"line {id} stays {lineStatus}: ", confirm.Output, StringComparison.Ordinal);
        Assert.Contains("over-payment acknowledged by finance.anna: contract KL26-004512 of customer C0001 is 8,000.00 CNY in its source, 10,000.00 CNY was paid: the excess of 2,000.00 CNY", confirm.Output, StringComparison.Ordinal);
        Assert.Contains("note: over-payment kept as a credit", confirm.Output, StringComparison.Ordinal);
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Equal(
            [("finance.anna", id, "over-payment kept as a credit")],
            database.Query<(string, string, string)>("SELECT actor, entity_id, note FROM audit_log WHERE action = 'acknowledge' AND entity = 'statement_line'"));
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM allocation WHERE line_id = @Line AND status IN ('auto', 'confirmed') AND ended_at IS NULL AND amount = 100000000", new { Line = line }));
        Assert.Equal((100_000_000L, 0L, "paid"), Receivable(database, "KL26-004512"));
        Assert.Equal(lineStatus, database.Scalar<string>("SELECT status FROM statement_line WHERE id = @Line", new { Line = line }));

        // Repeated: nothing changed, exit 0.
        Assert.True(repeat.ExitCode == ExitCodes.Ok, repeat.Error);
        Assert.Contains("KL26-004512", repeat.Output, StringComparison.Ordinal);
        Assert.EndsWith("nothing changed", repeat.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'acknowledge'"));

        // The same file again: no warning, the exception stays resolved, and the rules send nothing more about it.
        Assert.True(sync.ExitCode == ExitCodes.Ok, sync.Error);
        Assert.DoesNotContain("KL26-004512", sync.Error, StringComparison.Ordinal);
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Equal(alerts, database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"));
    }

    [Fact]
    public void Reconcile_FileLowersFurtherAfterTheOverPaymentWasAcknowledged_WarnsAgainAndReopensTheException()
    {
        // Arrange: lowered to 8,000.00 and acknowledged; the file then says 7,000.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        Assert.Equal(ExitCodes.Ok, Reconcile(ReceivablesWith("receivables-lowered.csv", (",10000.00,", ",8000.00,")), "second.csv", data).ExitCode);
        var line = database.Scalar<long>("SELECT line_id FROM match_exception WHERE kind = 'ReceivableLowered'");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("review", "confirm", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "finance.anna", "--data", data, "--config", SamplesConfig).ExitCode);

        // Act
        var further = Reconcile(ReceivablesWith("receivables-lower.csv", (",10000.00,", ",7000.00,")), "third.csv", data);

        // Assert
        Assert.True(further.ExitCode == ExitCodes.Ok, further.Error);
        Assert.Contains("warning: receivables-lower.csv, row 2: contract KL26-004512 of customer C0001 is now 7,000.00 CNY, less than the 10,000.00 CNY already allocated to it", further.Error, StringComparison.Ordinal);
        Assert.Equal(30_000_000L, database.Scalar<long>("SELECT amount FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL AND line_id = @Line", new { Line = line }));
    }

    [Fact]
    public void Reconcile_LedgerFailsAfterTheSyncCommittedALowering_StillWarnsAboutItAndExitsWithTheFailure()
    {
        // Arrange: the ledger refuses the import of a new statement file (as a full disk or a lost server would), after
        // the receivables sync that lowered KL26-004512 has committed.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",10000.00,", ",8000.00,"));
        var statement = _temp.File("statement-c.csv");
        File.WriteAllText(statement, "date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-02-27,500.00,CNY,Someone New,6222000000000001,no reference,B2602270001\n");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "reconciler.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse_import BEFORE INSERT ON statement_file BEGIN SELECT RAISE(ABORT, 'the disk is full'); END";
            command.ExecuteNonQuery();
        }

        // Act
        var run = CliRun.Of([
            "reconcile", "--receivables", lowered, "--statement", statement,
            "--out", _temp.File("second.csv"), "--quiet", "--config", SamplesConfig, "--data", data]);

        // Assert: the run failed at the import, the lowering is in the ledger, and the run said so.
        Assert.NotEqual(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("the disk is full", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Contains("warning: receivables-lowered.csv, row 2: contract KL26-004512 of customer C0001 is now 8,000.00 CNY", run.Error, StringComparison.Ordinal);
        Assert.True(
            run.Error.IndexOf("warning: receivables-lowered.csv", StringComparison.Ordinal) < run.Error.IndexOf("the disk is full", StringComparison.Ordinal),
            "the warning should come when the sync committed, before the error that ended the run: " + run.Error);
    }

    [Fact]
    public void Reconcile_FileWritesOffTheBankChargeOfAPaymentWithinTolerance_SettledDifferenceShrinksWithoutWarningOrException()
    {
        // Arrange: the samples' KL26-004520 (23,500.00) is paid 23,470.00 within tolerance: an automatic allocation of
        // 23,470.00 and a settled difference of 30.00. Finance writes the 30.00 bank charge off: the ERP says 23,470.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        Assert.Equal(300_000L, database.Scalar<long>(
            "SELECT SUM(a.amount) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004520' AND a.status = 'settled' AND a.ended_at IS NULL"));
        var lowered = ReceivablesWith("receivables-written-off.csv", ("KL26-004520,C0002,Northwind Medical Supplies Ltd,23500.00,", "KL26-004520,C0002,Northwind Medical Supplies Ltd,23470.00,"));

        // Act
        var run = Reconcile(lowered, "second.csv", data);
        var again = Reconcile(lowered, "third.csv", data);

        // Assert: no warning, no exception, no alert; the receivable is 23,470.00, paid, with no settled difference left.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Error);
        Assert.DoesNotContain("KL26-004520", run.Error + again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("lowered below", run.Output + again.Output, StringComparison.Ordinal);
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered'"));
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox WHERE dedup_key LIKE '%ReceivableLowered%'"));
        Assert.Equal((234_700_000L, 0L, "paid"), (
            database.Scalar<long>("SELECT amount FROM receivable WHERE contract_no = 'KL26-004520'"),
            database.Scalar<long>("SELECT open_amount FROM receivable WHERE contract_no = 'KL26-004520'"),
            database.Scalar<string>("SELECT status FROM receivable WHERE contract_no = 'KL26-004520'")));
        Assert.Equal(0L, database.Scalar<long>(
            "SELECT COUNT(*) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004520' AND a.status = 'settled' AND a.ended_at IS NULL"));
        Assert.Equal(234_700_000L, database.Scalar<long>(
            "SELECT SUM(a.amount) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004520' AND a.status IN ('auto', 'confirmed') AND a.ended_at IS NULL"));
    }

    [Fact]
    public void Reconcile_FileLowersPartOfTheBankCharge_SettledDifferenceKeepsTheRest()
    {
        // Arrange: KL26-004520 paid 23,470.00 of 23,500.00 within tolerance; the ERP now says 23,480.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-part.csv", (",23500.00,", ",23480.00,"));

        // Act
        var run = Reconcile(lowered, "second.csv", data);

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.DoesNotContain("KL26-004520", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, database.Scalar<long>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered'"));
        Assert.Equal((234_800_000L, 0L), (
            database.Scalar<long>("SELECT amount FROM receivable WHERE contract_no = 'KL26-004520'"),
            database.Scalar<long>("SELECT open_amount FROM receivable WHERE contract_no = 'KL26-004520'")));
        Assert.Equal(100_000L, database.Scalar<long>(
            "SELECT SUM(a.amount) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004520' AND a.status = 'settled' AND a.ended_at IS NULL"));
    }

    [Fact]
    public void Reconcile_FileLowersBelowWhatAPaymentWithinTolerancePaid_WarnsWithWhatWasPaidAndTheSettledDifferenceGoes()
    {
        // Arrange: KL26-004520 paid 23,470.00 of 23,500.00 within tolerance; the ERP now says 20,000.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",23500.00,", ",20000.00,"));

        // Act
        var run = Reconcile(lowered, "second.csv", data);

        // Assert: the excess is over what was paid (3,470.00), not over the bank charge too.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("contract KL26-004520 of customer C0002 is now 20,000.00 CNY, less than the 23,470.00 CNY already allocated to it", run.Error, StringComparison.Ordinal);
        Assert.Equal(34_700_000L, database.Scalar<long>("SELECT amount FROM match_exception WHERE kind = 'ReceivableLowered'"));
        Assert.Equal((234_700_000L, 0L), (
            database.Scalar<long>("SELECT amount FROM receivable WHERE contract_no = 'KL26-004520'"),
            database.Scalar<long>("SELECT open_amount FROM receivable WHERE contract_no = 'KL26-004520'")));
        Assert.Equal(0L, database.Scalar<long>(
            "SELECT COUNT(*) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = 'KL26-004520' AND a.status = 'settled' AND a.ended_at IS NULL"));
    }

    [Fact]
    public void Reconcile_FileLowersOneOfTheContractsALinePaid_ExceptionAndAlertsNameThatContractAndItsSalesOwner()
    {
        // Arrange: statement-b's line paying 13,030.50 for KL26-004513 (C0001, li.wei) and KL26-004521 (C0002, anna.berg);
        // the ERP lowers KL26-004521 from 8,750.00 to 5,000.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",8750.00,", ",5000.00,"));

        // Act
        var run = Reconcile(lowered, "second.csv", data);

        // Assert: the exception names KL26-004521, and both alerts speak of it, one to its own sales owner.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("contract KL26-004521 of customer C0002 is now 5,000.00 CNY", run.Error, StringComparison.Ordinal);
        Assert.Equal("KL26-004521", database.Scalar<string>(
            "SELECT r.contract_no FROM match_exception e JOIN receivable r ON r.id = e.receivable_id WHERE e.kind = 'ReceivableLowered'"));
        var alerts = database.Query<(string Recipient, string Subject, string Body)>(
            "SELECT recipient, subject, body FROM alert_outbox WHERE dedup_key LIKE 'exception:%:ReceivableLowered:%'");
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Contains("contract KL26-004521", a.Subject, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Contains("(customer C0002)", a.Body, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.DoesNotContain("KL26-004513", a.Subject, StringComparison.Ordinal));
        Assert.Contains(alerts, a => a.Recipient.StartsWith("anna.berg", StringComparison.Ordinal));
        Assert.DoesNotContain(alerts, a => a.Recipient.StartsWith("li.wei", StringComparison.Ordinal));
    }

    [Fact]
    public void Reconcile_FileLowersTwoContractsOfOneLine_OneExceptionAndTwoAlertsForEach()
    {
        // Arrange: both contracts statement-b's 13,030.50 line paid are lowered.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",8750.00,", ",5000.00,"), (",4280.50,", ",4000.00,"));

        // Act
        var run = Reconcile(lowered, "second.csv", data);

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var exceptions = database.Query<(string ContractNo, long Amount)>(
            "SELECT r.contract_no, e.amount FROM match_exception e JOIN receivable r ON r.id = e.receivable_id WHERE e.kind = 'ReceivableLowered' AND e.resolved_at IS NULL ORDER BY r.contract_no");
        Assert.Equal([("KL26-004513", 2_805_000L), ("KL26-004521", 37_500_000L)], exceptions);
        Assert.Equal(1, database.Scalar<long>("SELECT COUNT(DISTINCT line_id) FROM match_exception WHERE kind = 'ReceivableLowered'"));
        Assert.Equal(4, database.Scalar<long>("SELECT COUNT(*) FROM alert_outbox WHERE dedup_key LIKE 'exception:%:ReceivableLowered:%'"));
    }

    [Fact]
    public void ReviewUnmatch_LineOfALoweredReceivable_ReceivableIsOpenForTheSourcesAmountNotItsOldOne()
    {
        // Arrange: KL26-004521 (8,750.00) is paid by statement-b's 13,030.50 line with KL26-004513; the ERP lowers it to 5,000.00.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",8750.00,", ",5000.00,"));
        Assert.Equal(ExitCodes.Ok, Reconcile(lowered, "second.csv", data).ExitCode);
        var line = database.Scalar<long>("SELECT line_id FROM match_exception WHERE kind = 'ReceivableLowered'");

        // Act
        var unmatch = Unmatch(line, data);

        // Assert: open for what the source says, 5,000.00 (not the old 8,750.00); the other contract gets all of its own back.
        Assert.True(unmatch.ExitCode == ExitCodes.Ok, unmatch.Error);
        Assert.Equal((50_000_000L, 50_000_000L, "open"), Receivable(database, "KL26-004521"));
        Assert.Equal((42_805_000L, 42_805_000L, "open"), Receivable(database, "KL26-004513"));
    }

    [Fact]
    public void ReviewUnmatch_LoweredReceivableRaisedAgainBySource_ReceivableIsOpenForTheRaisedAmount()
    {
        // Arrange: KL26-004521 lowered to 5,000.00, then the ERP says 8,750.00 again.
        var data = SamplesInALedger();
        using var database = LedgerDatabase.InDataFolder(data);
        var lowered = ReceivablesWith("receivables-lowered.csv", (",8750.00,", ",5000.00,"));
        Assert.Equal(ExitCodes.Ok, Reconcile(lowered, "second.csv", data).ExitCode);
        Assert.Equal(ExitCodes.Ok, Reconcile(ReceivablesCsv, "third.csv", data).ExitCode);
        var line = database.Scalar<long>("SELECT line_id FROM match_exception WHERE kind = 'ReceivableLowered'");

        // Act
        var unmatch = Unmatch(line, data);

        // Assert
        Assert.True(unmatch.ExitCode == ExitCodes.Ok, unmatch.Error);
        Assert.Equal((87_500_000L, 87_500_000L, "open"), Receivable(database, "KL26-004521"));
    }

    // The samples reconciled into a fresh ledger (statement-a and statement-b); returns the ledger's folder.
    private string SamplesInALedger()
    {
        var data = _temp.File("data");
        var first = Reconcile(ReceivablesCsv, "first.csv", data);
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        return data;
    }

    // The samples' receivables file with each text From replaced by To, written as `name`; returns its path.
    private string ReceivablesWith(string name, params (string From, string To)[] changes)
    {
        var text = File.ReadAllText(ReceivablesCsv);
        foreach (var (from, to) in changes)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (long Amount, long Open, string Status) Receivable(LedgerDatabase database, string contract) => database.Query<(long, long, string)>(
        "SELECT amount, open_amount, status FROM receivable WHERE contract_no = @Contract", new { Contract = contract }).Single();

    private static CliRun Unmatch(long line, string data) => CliRun.Of(
        "review", "unmatch", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "li.wei", "--note", "wrong contract", "--data", data, "--config", SamplesConfig);

    private CliRun Reconcile(string receivables, string output, string data) => CliRun.Of([
        "reconcile", "--receivables", receivables, .. SampleStatements.SelectMany(s => new[] { "--statement", s }),
        "--out", _temp.File(output), "--quiet", "--config", SamplesConfig, "--data", data]);
}
