using Reconciler.Synthetic;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SaveRun_Samples_EachLineHasTheInMemoryMatchersStatus()
    {
        var (store, a, b) = SamplesImported();
        var expected = InMemorySamplesRun();

        Reconcile(store);

        var stored = store.ResultsOfFiles([a.FileId, b.FileId]);
        Assert.Equal(expected.Results.Select(r => (r.Line.File, r.Line.Row, r.Status)), stored.Select(r => (r.Line.File, r.Line.Row, r.Status)));
        var counts = Query<(string Status, int Lines)>("SELECT status, COUNT(*) FROM statement_line GROUP BY status")
            .ToDictionary(c => c.Status, c => c.Lines);
        Assert.Equal(
            new Dictionary<string, int> { ["matched"] = 6, ["partial"] = 2, ["suggested"] = 5, ["unmatched"] = 1, ["duplicate"] = 1, ["ignored"] = 2 },
            counts);
        Assert.Equal(
            expected.Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial).Select(r => (r.Line.Row, Allocations(r))),
            stored.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial).Select(r => (r.Line.Row, Allocations(r))));
        Assert.Equal(
            expected.Results.Where(r => r.Status == MatchStatus.Suggested).Sum(r => r.Allocations.Count(a => a.Amount > 0)),
            Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status = 'candidate'"));
    }

    [SkippableFact]
    public void SaveRun_Samples_OpenAmountsInTheLedgerAreTheMatchRunsOpenAmounts()
    {
        var (store, _, _) = SamplesImported();

        var (snapshot, run, _) = Reconcile(store);

        var stored = Query<(long Id, long Open)>("SELECT id, open_amount FROM receivable").ToDictionary(r => r.Id, r => r.Open / 10_000m);
        var expected = snapshot.Receivables.Select((r, i) => (r.ContractNo, Open: run.OpenAmounts[i])).ToList();
        Assert.Equal(expected, snapshot.Receivables.Select(r => (r.ContractNo, Open: stored[snapshot.ReceivableIds[r]])));
        Assert.Equal(InMemorySamplesRun().OpenAmounts, run.OpenAmounts);
        Assert.Equal((23_500m, 0m, LedgerStore.PaidStatus), ReceivableRow("KL26-004520"));
        Assert.Empty(ReceivablesOffBalance());
    }

    [SkippableFact]
    public void SaveRun_Samples_EachAllocationAndDecidedLineCarriesTheRunItsActorAndTime()
    {
        var (store, _, _) = SamplesImported();

        var (snapshot, run, runId) = Reconcile(store);

        var startedAt = Scalar<string>("SELECT started_at FROM match_run WHERE id = @RunId", new { RunId = runId });
        Assert.Equal(
            [(runId, Actor, startedAt)],
            Query<(long RunId, string CreatedBy, string CreatedAt)>("SELECT DISTINCT run_id, created_by, created_at FROM allocation"));
        Assert.Equal(
            run.Results.Count,
            Scalar<int>("SELECT COUNT(*) FROM statement_line WHERE run_id = @RunId AND updated_at = @At", new { RunId = runId, At = startedAt }));
        Assert.Equal(snapshot.Pending.Select(p => p.Id).Order(), Query<long>("SELECT id FROM statement_line WHERE run_id = @RunId ORDER BY id", new { RunId = runId }));
        Assert.Equal(
            run.Results.Sum(r => r.Status is MatchStatus.Matched or MatchStatus.Partial or MatchStatus.Suggested ? r.Allocations.Count(a => a.Amount > 0) : 0),
            Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status IN ('auto', 'candidate')"));
    }

    [SkippableFact]
    public void Reconcile_SameDataAgain_ChangesNoRow()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var before = Contents();

        var again = NewStore();
        var sync = again.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);
        var a = Import(again, SampleFiles.StatementA());
        var b = Import(again, SampleFiles.StatementB());
        var snapshot = again.LoadForMatching();

        Assert.Equal(0, sync.Added + sync.Updated);
        Assert.True(a.AlreadyImported && b.AlreadyImported);
        Assert.NotEmpty(snapshot.Pending);
        Assert.False(snapshot.HasWork);
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(1, before.Rows("match_run"));
    }

    [SkippableFact]
    public void SaveRun_InstallmentsInTwoRuns_CloseTheReceivable()
    {
        var store = MigratedStore();
        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);
        var a = SampleFiles.StatementA();
        Import(store, SampleStatement.Of("january.csv", a.Lines.Single(l => l.BankRef == "B2601260004")));

        var (_, first, _) = Reconcile(store);

        Assert.Equal(MatchStatus.Partial, Assert.Single(first.Results).Status);
        Assert.Equal((56_000m, 26_000m, LedgerStore.OpenStatus), ReceivableRow("HT2026/0458"));

        Import(store, SampleStatement.Of("february.csv", a.Lines.Single(l => l.BankRef == "B2602020008")));
        var snapshot = store.LoadForMatching();
        Assert.True(snapshot.HasWork);
        Assert.Equal(26_000m, snapshot.Receivables.Single(r => r.ContractNo == "HT2026/0458").Amount);
        var (_, second, _) = Reconcile(store);

        Assert.Equal(MatchStatus.Matched, Assert.Single(second.Results).Status);
        Assert.Equal((56_000m, 0m, LedgerStore.PaidStatus), ReceivableRow("HT2026/0458"));
        Assert.Equal(56_000m, Applied("HT2026/0458"));
        Assert.DoesNotContain(store.LoadForMatching().Receivables, r => r.ContractNo == "HT2026/0458");
    }

    [SkippableFact]
    public void LoadForMatching_NewReceivableAfterARun_RetriesTheLineLeftSuggestedAndMatchesIt()
    {
        var store = MigratedStore();
        store.SyncReceivables([.. SampleFiles.Receivables(), NewReceivable("KL26-009001", 3_000m)], "receivables.csv", Actor);
        var line = NewLine(4_200m, "货款 KL26-009002");
        Import(store, SampleStatement.Of("march.csv", line));
        var (_, first, _) = Reconcile(store);
        Assert.Equal(MatchStatus.Suggested, Assert.Single(first.Results).Status);
        Assert.False(store.LoadForMatching().HasWork);

        store.SyncReceivables([NewReceivable("KL26-009002", 4_200m)], "erp", Actor);
        var snapshot = store.LoadForMatching();

        Assert.True(snapshot.HasWork);
        Assert.Equal(line.Memo, Assert.Single(snapshot.Pending).Line.Memo);
        var (_, retried, _) = Reconcile(store);
        Assert.Equal(MatchStatus.Matched, Assert.Single(retried.Results).Status);
        Assert.Equal("matched", Scalar<string>("SELECT status FROM statement_line"));
        Assert.Equal((4_200m, 0m, LedgerStore.PaidStatus), ReceivableRow("KL26-009002"));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status = 'candidate'"));
        Assert.False(store.LoadForMatching().HasWork);
    }

    [SkippableFact]
    public void SaveRun_SyntheticData_EachLineHasTheInMemoryMatchersStatus()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 7 });
        var store = MigratedStore();
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var files = data.Statements.Select(s => Import(store, SampleStatement.Keeping(s.File, s.Lines))).ToList();
        var expected = Matcher.Match([.. data.Statements.SelectMany(s => s.Lines)], ReceivableIndex.Build(data.Receivables), new MatchingOptions());

        Reconcile(store);

        var stored = store.ResultsOfFiles(files.Select(f => f.FileId));
        Assert.True(stored.Count > 1_000, $"{stored.Count} lines");
        Assert.Equal(expected.Results.Select(r => (r.Line.File, r.Line.Row, r.Status)), stored.Select(r => (r.Line.File, r.Line.Row, r.Status)));
        Assert.Equal(expected.Summary.Currencies.Select(c => (c, expected.Summary.Allocated(c))).Where(x => x.Item2 != 0), Query<(string, long)>("SELECT l.currency, CAST(SUM(a.amount) AS BIGINT) FROM allocation a JOIN statement_line l ON l.id = a.line_id WHERE a.status = 'auto' GROUP BY l.currency ORDER BY l.currency").Select(x => (x.Item1, x.Item2 / 10_000m)));
    }

    [SkippableFact]
    public void SaveRun_SyntheticDataAboveTheIndexRebuildSize_SameAsInMemoryIndexesAsMigratedAndAgainChangesNothing()
    {
        // Enough rows that the SQLite ledger builds its indexes after the rows: the first sync, both imports (the
        // second file is larger than the first), the first run's allocations and the decided lines' status index.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 25_000, Seed = 7 });
        Assert.True(data.Statements.All(s => s.Lines.Count > (int)SqliteIndexRebuild.MinimumRows), "each file above the rebuild size");
        var store = MigratedStore();
        var migrated = Indexes();
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var files = data.Statements.Select(s => Import(store, SampleStatement.Keeping(s.File, s.Lines))).ToList();
        var expected = Matcher.Match([.. data.Statements.SelectMany(s => s.Lines)], ReceivableIndex.Build(data.Receivables), new MatchingOptions());

        Reconcile(store);

        var stored = store.ResultsOfFiles(files.Select(f => f.FileId));
        Assert.Equal(expected.Results.Select(r => (r.Line.File, r.Line.Row, r.Status)), stored.Select(r => (r.Line.File, r.Line.Row, r.Status)));
        Assert.Equal(expected.Summary.Currencies.Select(c => (c, expected.Summary.Allocated(c))).Where(x => x.Item2 != 0), Query<(string, long)>("SELECT l.currency, CAST(SUM(a.amount) AS BIGINT) FROM allocation a JOIN statement_line l ON l.id = a.line_id WHERE a.status = 'auto' GROUP BY l.currency ORDER BY l.currency").Select(x => (x.Item1, x.Item2 / 10_000m)));
        Assert.Empty(ReceivablesOffBalance());
        Assert.Equal(migrated, Indexes());
        if (Database.Provider == StorageProvider.Sqlite)
        {
            Assert.Equal("ok", Scalar<string>("PRAGMA integrity_check"));
        }

        var before = Contents();
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        Assert.All(data.Statements, s => Assert.True(Import(store, SampleStatement.Keeping(s.File, s.Lines)).AlreadyImported));
        Assert.False(store.LoadForMatching().HasWork);
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    /// <summary>The SQLite ledger's indexes (name and statement); none asked elsewhere.</summary>
    private List<(string Name, string Sql)> Indexes() =>
        Database.Provider == StorageProvider.Sqlite
            ? Query<(string Name, string Sql)>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            : [];

    private static MatchRun InMemorySamplesRun() =>
        Matcher.Match(
            [.. SampleFiles.StatementA().Lines, .. SampleFiles.StatementB().Lines],
            ReceivableIndex.Build(SampleFiles.Receivables()),
            new MatchingOptions());

    private static string Allocations(MatchResult result) =>
        string.Join(';', result.Allocations.Select(a => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Receivable.ContractNo}={a.Amount:0.00}")));

    [SkippableFact]
    public void SaveRun_PaymentsWithinToleranceBelowTheOpenAmount_SettleTheRestOnTheLineThatPaidLast()
    {
        var store = MigratedStore();
        store.SyncReceivables(
            [NewReceivable("KL26-009101", 10_000m), NewReceivable("KL26-009102", 5_000m), NewReceivable("KL26-009103", 8_000m)],
            "receivables.csv",
            Actor);
        Import(store, SampleStatement.Of(
            "april.csv",
            NewLine(4_950m, "货款 KL26-009102", bankRef: "B1"),
            NewLine(4_000m, "first part KL26-009101", bankRef: "B2"),
            NewLine(8_000m, "KL26-009103", bankRef: "B3"),
            NewLine(5_900m, "rest of KL26-009101", bankRef: "B4")));

        var (_, run, _) = Reconcile(store);

        Assert.Equal(
            [("B1", MatchStatus.Matched), ("B2", MatchStatus.Partial), ("B3", MatchStatus.Matched), ("B4", MatchStatus.Matched)],
            run.Results.Select(r => (r.Line.BankRef, r.Status)));
        // Receivables in the order first applied to; each settlement names the line that paid last, with its rule.
        Assert.Equal(
            [("KL26-009102", "B1", 50m), ("KL26-009101", "B4", 100m)],
            Query<(string Contract, string BankRef, long Amount)>(
                """
                SELECT r.contract_no, l.bank_ref, a.amount FROM allocation a
                JOIN receivable r ON r.id = a.receivable_id JOIN statement_line l ON l.id = a.line_id
                WHERE a.status = 'settled' ORDER BY a.id
                """).Select(x => (x.Contract, x.BankRef, x.Amount / 10_000m)));
        Assert.Equal(
            Query<(string Rule, double Confidence)>("SELECT match_rule, confidence FROM statement_line WHERE bank_ref IN ('B1', 'B4') ORDER BY bank_ref"),
            Query<(string Rule, double Confidence)>("SELECT a.match_rule, a.confidence FROM allocation a WHERE a.status = 'settled' ORDER BY a.id"));
        Assert.Equal([(10_000m, 0m, LedgerStore.PaidStatus), (5_000m, 0m, LedgerStore.PaidStatus)], new[] { ReceivableRow("KL26-009101"), ReceivableRow("KL26-009102") });
        Assert.Empty(ReceivablesOffBalance());
    }
}
