using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Storage.Erp;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests.Erp;

/// <summary>
/// The ledger following the ERP: receivables read from a real ERP database by its query and synced into a real
/// ledger, both on one engine (<see cref="SqliteErpSyncTests"/>, <see cref="PostgresErpSyncTests"/>). Paid and
/// cancelled in the ERP become paid and cancelled in the ledger; a complete list cancels what it no longer holds;
/// the same list twice changes nothing.
/// </summary>
public abstract class ErpSyncTests : IDisposable
{
    private const string Actor = "erp-sync";
    private readonly StorageProvider _provider;
    private TestDatabase? _ledger;
    private ErpTestDatabase? _erp;

    protected ErpSyncTests(StorageProvider provider) => _provider = provider;

    private TestDatabase Ledger => _ledger ??= TestDatabase.Create(_provider);

    private ErpTestDatabase Erp => _erp ??= ErpTestDatabase.Create(_provider);

    public void Dispose()
    {
        _erp?.Dispose();
        _ledger?.Dispose();
        GC.SuppressFinalize(this);
    }

    private LedgerStore Store()
    {
        var store = new LedgerStore(Ledger.Location, new SteppingClock());
        store.Migrate();
        return store;
    }

    private ErpSync Sync(LedgerStore store, bool complete = false) =>
        store.SyncErpReceivables(ErpReceivableReader.Read(Erp.Source(complete: complete)), ErpSource.DefaultName, complete, Actor);

    private void AddFour()
    {
        Erp.Add("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10_000.00m, "2026-01-05", "2026-02-04");
        Erp.Add("KL26-004513", "C0001", "上海瑞康医疗器械有限公司", 4_280.50m, "2026-01-12", "2026-02-26");
        Erp.Add("KL26-004520", "C0002", "Northwind Medical Supplies Ltd", 23_500.00m, "2026-01-08", "2026-03-09");
        Erp.Add("KL26-004521", "C0002", "Northwind Medical Supplies Ltd", 8_750.00m, "2026-01-15", "2026-03-16");
    }

    private void SetErpStatus(string contractNo, string status) =>
        Erp.Execute("UPDATE ar_open_items SET 状态 = @Status WHERE 合同编号 = @ContractNo", new { Status = status, ContractNo = contractNo });

    private Dictionary<string, (string Status, string Source, decimal Open)> Receivables()
    {
        using var connection = Ledger.Open();
        return connection.Query<(string ContractNo, string Status, string Source, long Open)>("SELECT contract_no, status, source, open_amount FROM receivable")
            .ToDictionary(r => r.ContractNo, r => (r.Status, r.Source, r.Open / 10_000m));
    }

    private T Scalar<T>(string sql)
    {
        using var connection = Ledger.Open();
        return connection.ExecuteScalar<T>(sql)!;
    }

    [SkippableFact]
    public void SyncErp_NewRowsOpenPaidAndCancelled_AddsThemWithTheErpsStatus()
    {
        // Arrange
        AddFour();
        SetErpStatus("KL26-004513", "已收款");
        SetErpStatus("KL26-004521", "已作废");
        var store = Store();

        // Act
        var sync = Sync(store);

        // Assert
        Assert.Equal(new ErpSync(4, 4, 0, 0, 1, 1, 0, 1), sync);
        var stored = Receivables();
        Assert.Equal(("open", "erp"), (stored["KL26-004512"].Status, stored["KL26-004512"].Source));
        Assert.Equal("paid", stored["KL26-004513"].Status);
        Assert.Equal("cancelled", stored["KL26-004521"].Status);
        Assert.Equal(["KL26-004512", "KL26-004520"], store.LoadForMatching().Receivables.Select(r => r.ContractNo).Order());
    }

    [SkippableFact]
    public void SyncErp_SameResultAgain_ChangesNoRowAndKeepsTheVersion()
    {
        // Arrange
        AddFour();
        SetErpStatus("KL26-004513", "已结清");
        SetErpStatus("KL26-004520", "已作废");
        var store = Store();
        var first = Sync(store, complete: true);
        var before = LedgerContents.Read(Ledger);

        // Act
        var again = Sync(Store(), complete: true);

        // Assert
        Assert.Equal(new ErpSync(4, 0, 0, 4, 0, 0, 0, first.Version), again);
        Assert.Equal(before.Describe(), LedgerContents.Read(Ledger).Describe());
    }

    [SkippableFact]
    public void SyncErp_PaidAndCancelledInTheErpLater_MarksThemAuditedAndNoLongerMatched()
    {
        // Arrange
        AddFour();
        var store = Store();
        var first = Sync(store);
        SetErpStatus("KL26-004512", "已收款");
        SetErpStatus("KL26-004520", "已作废");

        // Act
        var sync = Sync(store);

        // Assert
        Assert.Equal(new ErpSync(4, 0, 2, 2, 1, 1, 0, first.Version + 1), sync);
        var stored = Receivables();
        Assert.Equal(("paid", 10_000m), (stored["KL26-004512"].Status, stored["KL26-004512"].Open));
        Assert.Equal("cancelled", stored["KL26-004520"].Status);
        Assert.Equal(["KL26-004513", "KL26-004521"], store.LoadForMatching().Receivables.Select(r => r.ContractNo).Order());
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'receivable'"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND after_state LIKE '%\"status\":\"cancelled\"%' AND before_state LIKE '%\"status\":\"open\"%'"));
    }

    [SkippableFact]
    public void SyncErp_CompleteListWithoutAReceivable_CancelsItKeepsTheRowAndAudits()
    {
        // Arrange
        AddFour();
        var store = Store();
        Sync(store, complete: true);
        Erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 = 'KL26-004521'");

        // Act
        var sync = Sync(store, complete: true);
        var again = Sync(store, complete: true);

        // Assert
        Assert.Equal((3, 0, 3, 1), (sync.Rows, sync.Updated, sync.Unchanged, sync.Withdrawn));
        Assert.Equal(("cancelled", 8_750m), (Receivables()["KL26-004521"].Status, Receivables()["KL26-004521"].Open));
        Assert.Equal(4, Scalar<int>("SELECT COUNT(*) FROM receivable"));
        Assert.Equal("no longer in the complete list of erp", Scalar<string>("SELECT note FROM audit_log WHERE action = 'cancel' AND entity = 'receivable'"));
        Assert.Equal((0, 0, sync.Version), (again.Withdrawn, again.Updated, again.Version));
    }

    [SkippableFact]
    public void SyncErp_IncompleteListWithoutAReceivable_LeavesItOpen()
    {
        // Arrange
        AddFour();
        var store = Store();
        var first = Sync(store);
        Erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 = 'KL26-004521'");

        // Act
        var sync = Sync(store, complete: false);

        // Assert
        Assert.Equal(new ErpSync(3, 0, 0, 3, 0, 0, 0, first.Version), sync);
        Assert.Equal("open", Receivables()["KL26-004521"].Status);
    }

    [SkippableFact]
    public void SyncErp_CancelledReceivableBackOpenInTheErp_ReopensIt()
    {
        // Arrange
        AddFour();
        var store = Store();
        Sync(store, complete: true);
        Erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 = 'KL26-004521'");
        Sync(store, complete: true);
        Erp.Add("KL26-004521", "C0002", "Northwind Medical Supplies Ltd", 8_750.00m, "2026-01-15", "2026-03-16");

        // Act
        var sync = Sync(store, complete: true);

        // Assert
        Assert.Equal((1, 0), (sync.Updated, sync.Added));
        Assert.Equal("open", Receivables()["KL26-004521"].Status);
        Assert.Contains(store.LoadForMatching().Receivables, r => r.ContractNo == "KL26-004521");
    }

    [SkippableFact]
    public void SyncErp_ReceivableFromAFileAlsoInTheErp_ErpTakesItOverAndOnlyItsOwnAreWithdrawn()
    {
        // Arrange: the file's KL26-004512 is also in the ERP; its KL26-009999 is not.
        AddFour();
        var store = Store();
        var dates = (new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 4));
        store.SyncReceivables(
            [
                new Receivable("KL26-004512", "C0001", "上海瑞康医疗器械有限公司", 10_000m, "CNY", dates.Item1, dates.Item2, "李伟") { Source = "receivables.csv, row 2" },
                new Receivable("KL26-009999", "C0009", "Contoso Ltd", 1_000m, "CNY", dates.Item1, dates.Item2, "") { Source = "receivables.csv, row 3" },
            ],
            "receivables.csv",
            Actor);

        // Act
        var sync = Sync(store, complete: true);
        Erp.Execute("DELETE FROM ar_open_items WHERE 合同编号 = 'KL26-004512'");
        var withdrawn = Sync(store, complete: true);

        // Assert
        Assert.Equal((3, 1), (sync.Added, sync.Updated));
        Assert.Equal(1, withdrawn.Withdrawn);
        var stored = Receivables();
        Assert.Equal(("cancelled", "erp"), (stored["KL26-004512"].Status, stored["KL26-004512"].Source));
        Assert.Equal(("open", "receivables.csv, row 3"), (stored["KL26-009999"].Status, stored["KL26-009999"].Source));
    }

    [SkippableFact]
    public void SyncErp_PartlyPaidReceivableMarkedPaidInTheErp_KeepsItsAllocationsAndStaysPaid()
    {
        // Arrange: 6,000.00 of KL26-004520's 23,500.00 matched from a bank line.
        AddFour();
        var store = Store();
        Sync(store);
        var line = new StatementLine("bank.csv", 2, "B1", new DateOnly(2026, 2, 10), 6_000m, "CNY", "Northwind Medical Supplies Ltd", "6222", "KL26-004520 first installment");
        store.ImportStatement("bank.csv", new string('a', 64), "generic", [line], Actor);
        var snapshot = store.LoadForMatching();
        var run = Matcher.Match([.. snapshot.Pending.Select(p => p.Line)], ReceivableIndex.Build(snapshot.Receivables, snapshot.Links), new MatchingOptions());
        store.SaveRun(snapshot, run, "{}", "test", Actor);
        Assert.Equal(17_500m, Receivables()["KL26-004520"].Open);
        SetErpStatus("KL26-004520", "已结清");

        // Act
        var paid = Sync(store);
        var again = Sync(store);

        // Assert
        Assert.Equal((1, 1), (paid.Updated, paid.Paid));
        Assert.Equal(("paid", 17_500m), (Receivables()["KL26-004520"].Status, Receivables()["KL26-004520"].Open));
        Assert.Equal((0, paid.Version), (again.Updated, again.Version));
        Assert.DoesNotContain(store.LoadForMatching().Receivables, r => r.ContractNo == "KL26-004520");
    }

    [SkippableFact]
    public void SyncErp_AmountLoweredBelowWhatWasAllocated_SettlesOnceThenChangesNothing()
    {
        // Arrange: 6,000.00 allocated, then the ERP says the receivable was only 5,000.00.
        AddFour();
        var store = Store();
        Sync(store);
        var line = new StatementLine("bank.csv", 2, "B1", new DateOnly(2026, 2, 10), 6_000m, "CNY", "Northwind Medical Supplies Ltd", "6222", "KL26-004520");
        store.ImportStatement("bank.csv", new string('b', 64), "generic", [line], Actor);
        var snapshot = store.LoadForMatching();
        store.SaveRun(snapshot, Matcher.Match([.. snapshot.Pending.Select(p => p.Line)], ReceivableIndex.Build(snapshot.Receivables, snapshot.Links), new MatchingOptions()), "{}", "test", Actor);
        Erp.Execute("UPDATE ar_open_items SET 应收金额 = 5000 WHERE 合同编号 = 'KL26-004520'");

        // Act
        var lowered = Sync(store);
        var again = Sync(store);

        // Assert: the ledger keeps the 6,000.00 allocated, with nothing left open.
        Assert.Equal(1, lowered.Updated);
        Assert.Equal(("paid", 0m), (Receivables()["KL26-004520"].Status, Receivables()["KL26-004520"].Open));
        Assert.Equal((0, lowered.Version), (again.Updated, again.Version));
    }

    [SkippableFact]
    public void SyncErpReceivables_SameReceivableTwice_Refused()
    {
        // Arrange
        AddFour();
        var rows = ErpReceivableReader.Read(Erp.Source());

        // Act / Assert
        Assert.Throws<ArgumentException>(() => Store().SyncErpReceivables([rows[0], rows[0]], "erp", complete: false, Actor));
    }
}
