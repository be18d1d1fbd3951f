using System.Globalization;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public async Task SaveRun_TwoWritersAllocateToAReceivableThatCoversOne_ExactlyOneSucceeds()
    {
        var store = MigratedStore();
        for (var round = 1; round <= 3; round++)
        {
            // Arrange: 10,000 open; two lines of 6,000, each writer applying a different one from its own snapshot.
            var contract = string.Create(CultureInfo.InvariantCulture, $"KL26-00910{round}");
            store.SyncReceivables([NewReceivable(contract, 10_000m)], "erp", Actor);
            Import(store, SampleStatement.Of(
                $"round-{round}.csv",
                NewLine(6_000m, contract + " part 1", bankRef: $"R{round}-1"),
                NewLine(6_000m, contract + " part 2", bankRef: $"R{round}-2")));
            var writers = new[] { NewStore(), NewStore() };
            var snapshots = writers.Select(w => w.LoadForMatching()).ToArray();
            var runs = snapshots.Select((s, w) => Applying(s, $"R{round}-{w + 1}", contract, 6_000m)).ToArray();

            // Act: both save at once.
            var outcomes = await SaveAtOnce(writers, snapshots, runs);

            // Assert
            Assert.Single(outcomes, o => o is null);
            Assert.IsType<LedgerConflictException>(Assert.Single(outcomes, o => o is not null));
            var (amount, open, status) = ReceivableRow(contract);
            Assert.Equal((10_000m, 4_000m, LedgerStore.OpenStatus), (amount, open, status));
            Assert.Equal(amount - Applied(contract), open);
            Assert.Equal(round, Scalar<int>("SELECT COUNT(*) FROM match_run"));
        }

        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM receivable WHERE open_amount < 0"));
    }

    [SkippableFact]
    public async Task SaveRun_TwoWritersReconcileTheSameSamplesAtOnce_OneSucceedsTheOtherConflictsAndNothingIsAllocatedTwice()
    {
        var (_, _, _) = SamplesImported();
        var writers = new[] { NewStore(), NewStore() };
        var snapshots = writers.Select(w => w.LoadForMatching()).ToArray();
        var runs = snapshots.Select(Match).ToArray();

        var outcomes = await SaveAtOnce(writers, snapshots, runs);

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<LedgerConflictException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_run"));
        var applied = runs[0].Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial).Sum(r => r.Allocations.Count);
        Assert.Equal(applied, Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status = 'auto'"));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM receivable WHERE open_amount < 0"));
        Assert.Empty(ReceivablesOffBalance());
    }

    [SkippableFact]
    public void SaveRun_StaleSnapshotSavedAfterAnotherWritersRun_DoesNotApplyTheSameLineTwice()
    {
        // Two workers reconcile the same new line; the open amount covers the installment twice, so only the
        // line's state (already decided by the first) can stop the second from applying it again.
        var store = MigratedStore();
        store.SyncReceivables([NewReceivable("KL26-009001", 100_000m)], "erp", Actor);
        Import(store, SampleStatement.Of("march.csv", NewLine(30_000m, "KL26-009001 第一期", bankRef: "B2603010001")));
        var first = NewStore();
        var second = NewStore();
        var firstSnapshot = first.LoadForMatching();
        var secondSnapshot = second.LoadForMatching();
        var firstRun = Match(firstSnapshot);
        var secondRun = Match(secondSnapshot);
        Assert.Equal(MatchStatus.Partial, Assert.Single(firstRun.Results).Status);
        first.SaveRun(firstSnapshot, firstRun, "{}", "test-rules-1", "worker-1");

        var error = Record.Exception(() => second.SaveRun(secondSnapshot, secondRun, "{}", "test-rules-1", "worker-2"));

        Assert.True(error is null or LedgerConflictException, error?.ToString());
        Assert.Equal((100_000m, 70_000m, LedgerStore.OpenStatus), ReceivableRow("KL26-009001"));
        Assert.Equal(30_000m, Applied("KL26-009001"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status = 'auto'"));
    }

    [SkippableFact]
    public void SaveRun_ConflictHalfWay_LeavesEveryTableAsBeforeAndTheNextRunCompletesIt()
    {
        var (store, _, _) = SamplesImported();
        store.SyncReceivables([NewReceivable("KL26-009001", 1_000m), NewReceivable("KL26-009002", 2_000m)], "erp", Actor);
        Reconcile(store);
        Import(store, SampleStatement.Of(
            "march.csv",
            NewLine(1_000m, "KL26-009001", bankRef: "B2603010001"),
            NewLine(2_000m, "KL26-009002", bankRef: "B2603010002")));
        var snapshot = store.LoadForMatching();
        var run = Match(snapshot);
        var decided = run.Results.Select(r => (r.Line.Memo, r.Status)).ToList();
        Assert.Equal([("KL26-009001", MatchStatus.Matched), ("KL26-009002", MatchStatus.Matched)], decided.TakeLast(2));
        Assert.True(Scalar<int>("SELECT COUNT(*) FROM allocation WHERE status = 'candidate'") > 0, "candidates of suggested lines, which the run deletes first");

        // Another writer takes 500 off the second receivable after the snapshot: the run's first allocation
        // applies, its second finds too little open and the run fails there.
        using (var connection = Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "UPDATE receivable SET open_amount = open_amount - 5000000 WHERE contract_no = 'KL26-009002'");
        }

        var before = Contents();

        Assert.Throws<LedgerConflictException>(() => NewStore().SaveRun(snapshot, run, "{}", "test-rules-1", Actor));

        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal((1_000m, 1_000m, LedgerStore.OpenStatus), ReceivableRow("KL26-009001"));
        var (_, next, _) = Reconcile(NewStore());
        Assert.Equal(MatchStatus.Matched, next.Results.Single(r => r.Line.Memo == "KL26-009001").Status);
        Assert.Equal((1_000m, 0m, LedgerStore.PaidStatus), ReceivableRow("KL26-009001"));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM receivable WHERE open_amount < 0"));
    }

    [SkippableFact]
    public void SaveRun_CandidateReceivableGoneSinceTheSnapshot_NothingSaved()
    {
        var (store, _, _) = SamplesImported();
        var snapshot = store.LoadForMatching();
        var run = Match(snapshot);
        var applied = run.Results.Where(r => r.Status is MatchStatus.Matched or MatchStatus.Partial)
            .SelectMany(r => r.Allocations).Select(a => a.Receivable.ContractNo).ToHashSet(StringComparer.Ordinal);
        var gone = run.Results.Where(r => r.Status == MatchStatus.Suggested)
            .SelectMany(r => r.Allocations).Where(a => a.Amount > 0).Select(a => a.Receivable.ContractNo).First(c => !applied.Contains(c));

        // The receivable a suggested line's candidate names leaves the ledger after the snapshot (the saves of SQLite
        // and PostgreSQL check their candidates' receivables themselves; SQL Server's foreign key refuses the allocation).
        using (var connection = Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "DELETE FROM receivable WHERE contract_no = @Contract", new { Contract = gone });
        }

        var before = Contents();

        var error = Record.Exception(() => NewStore().SaveRun(snapshot, run, "{}", "test-rules-1", Actor));

        Assert.True(error is LedgerConflictException or System.Data.Common.DbException, error?.ToString());
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM allocation a WHERE NOT EXISTS (SELECT 1 FROM receivable r WHERE r.id = a.receivable_id)"));
    }

    [SkippableFact]
    public void SaveRun_MatchedLineGoneSinceTheSnapshot_NothingSaved()
    {
        var (store, _, _) = SamplesImported();
        var snapshot = store.LoadForMatching();
        var run = Match(snapshot);
        var named = Query<long>("SELECT duplicate_of FROM statement_line WHERE duplicate_of IS NOT NULL").ToHashSet();
        var gone = Enumerable.Range(0, run.Results.Count)
            .Where(i => run.Results[i].Status == MatchStatus.Matched && !named.Contains(snapshot.Pending[i].Id))
            .Select(i => snapshot.Pending[i].Id)
            .First();

        // A line the run matched leaves the ledger after the snapshot (nothing in the program deletes one; on
        // PostgreSQL no foreign key would refuse its allocations, so the save's own count must).
        using (var connection = Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "DELETE FROM statement_line WHERE id = @Id", new { Id = gone });
        }

        var before = Contents();

        Assert.Throws<LedgerConflictException>(() => NewStore().SaveRun(snapshot, run, "{}", "test-rules-1", Actor));

        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM allocation a WHERE NOT EXISTS (SELECT 1 FROM statement_line l WHERE l.id = a.line_id)"));
    }

    [SkippableFact]
    public void Audit_ImportSyncAndMatch_EachWritesItsRow()
    {
        var store = MigratedStore();

        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", "erp-sync");
        var a = store.ImportStatement("statement-a.csv", SampleFiles.StatementA().Sha256, "generic", SampleFiles.StatementA().Lines, "clerk");
        var snapshot = store.LoadForMatching();
        var runId = store.SaveRun(snapshot, Match(snapshot), "{}", "test-rules-1", "worker-1");
        store.Audit("clerk", "confirm", "statement_line", "7", "{\"status\":\"suggested\"}", "{\"status\":\"matched\"}", "checked with sales");

        var rows = Query<(string Actor, string Action, string Entity, string EntityId, string At)>(
            "SELECT actor, action, entity, entity_id, at FROM audit_log ORDER BY id");
        Assert.Equal(
            [
                ("erp-sync", "sync", "receivables", "receivables.csv"),
                ("clerk", "import", "statement_file", a.FileId.ToString(CultureInfo.InvariantCulture)),
                ("worker-1", "match", "match_run", runId.ToString(CultureInfo.InvariantCulture)),
                ("clerk", "confirm", "statement_line", "7"),
            ],
            rows.Select(r => (r.Actor, r.Action, r.Entity, r.EntityId)));
        Assert.Equal(rows.Select(r => r.At).Order(StringComparer.Ordinal), rows.Select(r => r.At));
        Assert.All(rows, r => Assert.StartsWith("2026-03-01T09:", r.At, StringComparison.Ordinal));
        Assert.Equal("checked with sales", Scalar<string>("SELECT note FROM audit_log WHERE action = 'confirm'"));
        Assert.Contains("\"lines\":8", Scalar<string>("SELECT after_state FROM audit_log WHERE action = 'import'"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ImportStatement_TwoOverlappingExportsAtOnce_EachSharedLineStoredOnceAsNewAndOnceAsDuplicate()
    {
        // Arrange: two exports of 3,000 lines that share 1,000 (bank references R2000–R2999), imported by two processes
        // at the same moment. On SQLite the second waits for the first's write lock; on PostgreSQL the second may look
        // its keys up before the first commits, and then is refused by the key table's unique key. Nothing forces the
        // overlap, so either path passes; on PostgreSQL one import was refused in each of four runs when this was written.
        var store = MigratedStore();
        static StatementLine Line(int i) => NewLine(100m + i, string.Create(CultureInfo.InvariantCulture, $"KL26-{i:000000}"), bankRef: string.Create(CultureInfo.InvariantCulture, $"R{i:0000}"));
        SampleStatement[] exports =
        [
            SampleStatement.Of("export-1.csv", [.. Enumerable.Range(0, 3_000).Select(Line)]),
            SampleStatement.Of("export-2.csv", [.. Enumerable.Range(2_000, 3_000).Select(Line)]),
        ];

        // Act: both at once; one refused is imported again, as the message says to.
        var outcomes = await ImportAtOnce([NewStore(), NewStore()], exports);
        for (var e = 0; e < exports.Length; e++)
        {
            if (outcomes[e] is not null)
            {
                Assert.IsType<LedgerConflictException>(outcomes[e]);
                Import(NewStore(), exports[e]);
            }
        }

        // Assert: every line stored; each shared line once as new and once as a duplicate of that one; one key per new line.
        Assert.Equal(6_000, Scalar<int>("SELECT COUNT(*) FROM statement_line"));
        Assert.Equal(1_000, Scalar<int>("SELECT SUM(duplicates) FROM statement_file"));
        var shared = Query<(string BankRef, string Status, long Id, long? DuplicateOf)>(
            "SELECT bank_ref, status, id, duplicate_of FROM statement_line WHERE bank_ref >= 'R2000' AND bank_ref <= 'R2999' ORDER BY bank_ref, id")
            .GroupBy(l => l.BankRef)
            .ToList();
        Assert.Equal(1_000, shared.Count);
        Assert.All(shared, copies =>
        {
            Assert.Equal([LedgerStore.NewStatus, MatchStatus.Duplicate.ToName()], copies.Select(c => c.Status).Order(StringComparer.Ordinal).Reverse());
            var kept = copies.Single(c => c.Status == LedgerStore.NewStatus);
            Assert.Equal(kept.Id, copies.Single(c => c.Status != LedgerStore.NewStatus).DuplicateOf);
        });
        Assert.Equal(5_000, Scalar<int>(Provider == StorageProvider.Postgres
            ? "SELECT COUNT(*) FROM statement_line_key"
            : "SELECT COUNT(*) FROM statement_line WHERE line_key IS NOT NULL"));
        Assert.Equal(5_000, Scalar<int>("SELECT COUNT(*) FROM statement_line WHERE status = 'new'"));
    }

    /// <summary>Each store imports its export at the same moment (released together); each outcome is null or the exception.</summary>
    private static Task<Exception?[]> ImportAtOnce(LedgerStore[] importers, SampleStatement[] exports) =>
        AtOnce(importers.Length, i => Import(importers[i], exports[i]));

    /// <summary>Both writers save their run at the same moment (released together); each outcome is null or the exception.</summary>
    private static Task<Exception?[]> SaveAtOnce(LedgerStore[] writers, LedgerSnapshot[] snapshots, MatchRun[] runs) =>
        AtOnce(writers.Length, w => writers[w].SaveRun(snapshots[w], runs[w], "{}", "test-rules-1", $"worker-{w + 1}"));

    /// <summary>Runs <paramref name="write"/> for writers 0..count-1 at the same moment; each outcome is null or the ledger's refusal.</summary>
    private static async Task<Exception?[]> AtOnce(int count, Action<int> write)
    {
        using var start = new Barrier(count);
        // Threads of their own: blocking in the barrier must not wait for the thread pool to grow.
        return await Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                try
                {
                    write(w);
                    return (Exception?)null;
                }
                catch (Exception e) when (e is LedgerConflictException or System.Data.Common.DbException)
                {
                    return e;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
    }

    /// <summary>A run over a snapshot that applies <paramref name="amount"/> of the line with <paramref name="bankRef"/> to <paramref name="contract"/> and leaves every other line unmatched.</summary>
    private static MatchRun Applying(LedgerSnapshot snapshot, string bankRef, string contract, decimal amount)
    {
        var receivable = snapshot.Receivables.Single(r => r.ContractNo == contract);
        var results = snapshot.Pending.Select(p => p.Line.BankRef == bankRef
            ? new MatchResult
            {
                Line = p.Line,
                Status = MatchStatus.Partial,
                Allocations = [new Allocation(receivable, amount)],
                Difference = amount - receivable.Amount,
                Confidence = 0.9,
                Rule = "reference-partial",
                Explanation = $"part of {contract}",
                Exception = ExceptionKind.PartialPayment,
            }
            : new MatchResult { Line = p.Line, Status = MatchStatus.Unmatched, Rule = "none", Explanation = "left for this test" }).ToList();
        var open = snapshot.Receivables.Select(r => ReferenceEquals(r, receivable) ? r.Amount - amount : r.Amount).ToList();
        return new MatchRun(results, open);
    }
}
