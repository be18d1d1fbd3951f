using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Storage.Erp;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>What only the embedded SQLite ledger does (its page size, the query plans of two statements that must use their indexes), and the ledger's day and time text.</summary>
public sealed class SqliteLedgerTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Migrate_NewLedger_Has16KiBPages()
    {
        new LedgerStore(_database.Location).Migrate();

        using var connection = _database.Open();
        Assert.Equal(16384, connection.ExecuteScalar<long>("PRAGMA page_size"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    /// <summary>The store's methods that only read.</summary>
    public static TheoryData<string> Reads => new()
    {
        nameof(LedgerStore.KnownDecisionKeys),
        nameof(LedgerStore.LoadRuleFacts),
        nameof(LedgerStore.HasMatchWork),
        nameof(LedgerStore.RunAwaitingRules),
        nameof(LedgerStore.LoadForMatching),
        nameof(LedgerStore.ReportSummary),
        nameof(LedgerStore.ReportPaymentCycles),
        nameof(LedgerStore.ResultsOfFiles),
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Read_AnotherConnectionHoldsTheWriteLock_AnswersWithoutWaitingForIt(string read)
    {
        // Arrange: one alert saved; then another connection takes the write lock and keeps it, as an import or a
        // person's review does while it writes.
        var store = new LedgerStore(_database.Location);
        store.Migrate();
        store.SaveDecisions([LedgerStoreTests.NewAlert("exception:1:NoReference:finance")], [], [], "rules-test-1", "rules");
        using var writer = (Microsoft.Data.Sqlite.SqliteConnection)_database.Open();
        using var held = writer.BeginTransaction(deferred: false);
        writer.Execute("INSERT INTO ledger_state (name, value) VALUES ('held by a test', 1)", transaction: held);

        // Act: a read that took the write lock too would wait for the busy timeout (30 s), then fail.
        var started = System.Diagnostics.Stopwatch.StartNew();
        object answer = read switch
        {
            nameof(LedgerStore.KnownDecisionKeys) => store.KnownDecisionKeys(["exception:1:NoReference:finance", "exception:2:NoReference:finance"], ["hold:x"]).Alerts,
            nameof(LedgerStore.LoadRuleFacts) => store.LoadRuleFacts(new DateOnly(2026, 11, 30), 3).Exceptions,
            nameof(LedgerStore.HasMatchWork) => store.HasMatchWork(),
            nameof(LedgerStore.RunAwaitingRules) => store.RunAwaitingRules() ?? 0,
            nameof(LedgerStore.LoadForMatching) => store.LoadForMatching().Pending,
            nameof(LedgerStore.ReportSummary) => store.ReportSummary(ReportPeriod.All),
            nameof(LedgerStore.ReportPaymentCycles) => store.ReportPaymentCycles(3),
            nameof(LedgerStore.ResultsOfFiles) => store.ResultsOfFiles([1]),
            _ => throw new ArgumentOutOfRangeException(nameof(read), read, null),
        };

        // Assert
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"{read} waited {started.Elapsed.TotalSeconds:0.0} s for the write lock");
        if (answer is IReadOnlySet<string> keys)
        {
            Assert.Equal(["exception:1:NoReference:finance"], keys);
        }
    }

    [Fact]
    public void RecordExceptions_EachLineLookedUpByIndex_KnownKindLeftOutWhateverTheReceivable()
    {
        // Arrange: exceptions of kind AmountShort on line 1 (naming no receivable) and line 2 (naming one); a run's
        // decisions give that kind to lines 1, 2 and 3. Without foreign keys, no lines or runs are needed.
        new LedgerStore(_database.Location).Migrate();
        using var connection = _database.Open();
        connection.Execute("PRAGMA foreign_keys=OFF");
        connection.Execute("CREATE TEMP TABLE run_decision (line_id BIGINT NOT NULL, exception_kind TEXT NULL, customer_id TEXT NULL, amount BIGINT NOT NULL)");
        connection.Execute("INSERT INTO run_decision VALUES (1, 'AmountShort', 'C1', 100), (2, 'AmountShort', 'C2', 200), (3, 'AmountShort', 'C3', 300), (4, NULL, NULL, 400)");
        connection.Execute(
            """
            INSERT INTO match_exception (line_id, kind, amount, customer_id, receivable_id, run_id, created_at)
            VALUES (1, 'AmountShort', 100, 'C1', NULL, 1, 'then'), (2, 'AmountShort', 200, 'C2', 7, 1, 'then')
            """);
        var sql = LedgerStore.RecordExceptionsSql("run_decision");

        // Act
        var plan = connection.Query<(long Id, long Parent, long Unused, string Detail)>("EXPLAIN QUERY PLAN " + sql, new { RunId = 2L, Now = "now" })
            .Select(step => step.Detail)
            .ToList();
        var added = connection.Execute(sql, new { RunId = 2L, Now = "now" });

        // Assert: only line 3 gets one; each look-up is a search of one of the two unique keys, never a scan of
        // every exception (which made a run over a ledger of a million lines take minutes).
        Assert.Equal(1, added);
        Assert.Equal([3L], connection.Query<long>("SELECT line_id FROM match_exception WHERE run_id = 2"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING INDEX ux_match_exception (", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING COVERING INDEX ux_match_exception_receivable (", StringComparison.Ordinal));
    }

    [Fact]
    public void ClaimDueAlerts_Plan_EachAlertFoundByIdAndNoDueAlertSortedAsAWhole()
    {
        // Arrange: the claim as ClaimDueAlerts sends it.
        new LedgerStore(_database.Location).Migrate();
        var dialect = SqlDialect.For(StorageProvider.Sqlite);
        var claim = dialect.UpdateFirstRows("alert_outbox", "status = @Sending, claim_token = @Token, next_attempt_at = @Until", LedgerStore.DueAlert, LedgerStore.FirstDueAlerts(dialect, "@Candidates"), "@Limit");
        using var connection = _database.Open();

        // Act
        var plan = connection.Query<(long Id, long Parent, long Unused, string Detail)>(
            "EXPLAIN QUERY PLAN " + claim,
            new { Pending = "pending", Sending = "sending", Now = "now", Until = "later", Token = "t", Limit = 500, Candidates = 500 }).ToList();

        // Assert: the rows updated are found by id, and the alerts never tried (nearly all the due ones, after a large
        // rules run) are read from the due index in id order, not sorted first (which made each claim of 500 sort 880k).
        Assert.Equal("SEARCH alert_outbox USING INTEGER PRIMARY KEY (rowid=?)", plan[0].Detail);
        Assert.DoesNotContain(plan, step => step.Detail.StartsWith("SCAN alert_outbox", StringComparison.Ordinal));
        var neverTried = Assert.Single(plan, step => step.Detail == "CO-ROUTINE k0");
        Assert.Equal(
            ["SEARCH alert_outbox USING COVERING INDEX ix_alert_outbox_due (status=? AND next_attempt_at=?)"],
            plan.Where(step => step.Parent == neverTried.Id).Select(step => step.Detail));
    }

    [Fact]
    public void SyncReceivables_ForeignKeysCheckedByTheSync_LedgerPassesSqlitesCheck()
    {
        var store = new LedgerStore(_database.Location);
        store.Migrate();
        Receivable Of(string contract, string customer, string name, decimal amount) =>
            new(contract, customer, name, amount, "CNY", new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 10), "owner");

        store.SyncReceivables([Of("K-1", "C1", "Alpha", 100m), Of("K-2", "C2", "Beta", 200m)], "first.csv", "test");
        store.SyncReceivables([Of("K-1", "C1", "Alpha Renamed", 150m), Of("K-3", "C3", "Gamma", 300m), Of("K-4", "C2", "Beta", 400m)], "second.csv", "test");
        using (var renamed = _database.Open())
        {
            Assert.Equal("Alpha Renamed", renamed.ExecuteScalar<string>("SELECT name FROM customer WHERE id = 'C1'"));
        }

        // The ERP's complete list, with C1 under its old name again and K-9 new (paid already) for a new customer.
        store.SyncErpReceivables(
            [new ErpReceivable(Of("K-1", "C1", "Alpha", 150m), ErpStatus.Open, 1), new ErpReceivable(Of("K-9", "C9", "Delta", 90m), ErpStatus.Paid, 2)],
            "erp",
            complete: true,
            "test");

        using var connection = _database.Open();
        Assert.Equal(5, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM receivable"));
        Assert.Equal(["C1 Alpha", "C2 Beta", "C3 Gamma", "C9 Delta"], connection.Query<string>("SELECT id || ' ' || name FROM customer ORDER BY id"));
        Assert.Equal(["K-1 C1", "K-2 C2", "K-3 C3", "K-4 C2", "K-9 C9"], connection.Query<string>("SELECT contract_no || ' ' || customer_id FROM receivable ORDER BY contract_no"));
        Assert.Empty(connection.Query("PRAGMA foreign_key_check"));
    }

    [Fact]
    public void BulkSettings_WithoutForeignKeys_TurnsThemOffForTheWriteAndOnAgainAfter()
    {
        new LedgerStore(_database.Location).Migrate();
        var dialect = SqlDialect.For(StorageProvider.Sqlite);
        using var connection = _database.Open(); // a plain connection: nothing else switches the keys on
        connection.Execute("PRAGMA foreign_keys=ON");

        using (BulkSettings.Apply(dialect, connection, withoutForeignKeys: true))
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        }

        Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        using (BulkSettings.Apply(dialect, connection))
        {
            Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        }
    }

    [Fact]
    public void IndexRebuild_RolledBack_LeavesTheIndexes()
    {
        new LedgerStore(_database.Location).Migrate();
        using var connection = _database.Open();
        var before = IndexesOf(connection, "receivable");

        using (var transaction = connection.BeginTransaction())
        {
            Assert.NotNull(SqliteIndexRebuild.DropFor(connection, transaction, "receivable", SqliteIndexRebuild.MinimumRows));
            Assert.Empty(IndexesOf(connection, "receivable", transaction));
            transaction.Rollback();
        }

        Assert.NotEmpty(before);
        Assert.Equal(before, IndexesOf(connection, "receivable"));
    }

    [Fact]
    public void IndexRebuild_TableLargerThanTheWrite_KeepsItsIndexes()
    {
        new LedgerStore(_database.Location).Migrate();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO customer (id, name, created_at, updated_at) VALUES ('C1', 'A', 'x', 'x')", transaction: transaction);
        connection.Execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
            INSERT INTO receivable (contract_no, contract_key, customer_id, amount, open_amount, currency, issue_date, due_date, sales_owner, status, source, created_at, updated_at)
            SELECT 'K' || i, 'K' || i, 'C1', 100, 100, 'CNY', '2026-01-01', '2026-02-01', 'o', 'open', 's', 'x', 'x' FROM n
            """,
            transaction: transaction);

        Assert.Null(SqliteIndexRebuild.DropFor(connection, transaction, "receivable", SqliteIndexRebuild.MinimumRows));
        Assert.NotEmpty(IndexesOf(connection, "receivable", transaction));
    }

    [Fact]
    public void IndexRebuild_DuplicateKeysWritten_RefusedAsAUniqueViolation()
    {
        new LedgerStore(_database.Location).Migrate();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var rebuild = SqliteIndexRebuild.DropFor(connection, transaction, "receivable", SqliteIndexRebuild.MinimumRows);
        Assert.NotNull(rebuild);
        connection.Execute("INSERT INTO customer (id, name, created_at, updated_at) VALUES ('C1', 'A', 'x', 'x')", transaction: transaction);
        for (var i = 0; i < 2; i++)
        {
            connection.Execute(
                """
                INSERT INTO receivable (contract_no, contract_key, customer_id, amount, open_amount, currency, issue_date, due_date, sales_owner, status, source, created_at, updated_at)
                VALUES ('K1', 'K1', 'C1', 100, 100, 'CNY', '2026-01-01', '2026-02-01', 'o', 'open', 's', 'x', 'x')
                """,
                transaction: transaction);
        }

        var error = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => rebuild.Restore(connection, transaction));
        Assert.Equal(2067, error.SqliteExtendedErrorCode); // what the import reports as a conflict, as row by row
    }

    [Fact]
    public void SqliteStatement_FirstInt64_GivesTheFirstRowsValueOrNullAndCanBeRunAgain()
    {
        new LedgerStore(_database.Location).Migrate();
        using var connection = (Microsoft.Data.Sqlite.SqliteConnection)_database.Open();
        connection.Execute("INSERT INTO ledger_state (name, value) VALUES ('a', 7), ('b', 9)");
        using var query = new SqliteStatement(connection, "SELECT value FROM ledger_state WHERE name = ?1 OR name = ?2 ORDER BY value");

        Assert.Equal(7L, query.Bind(1, "a").Bind(2, "b").FirstInt64());
        Assert.Null(query.Bind(1, "none").Bind(2, "other").FirstInt64());
        Assert.Equal(9L, query.Bind(1, "b").Bind(2, "none").FirstInt64());
    }

    private static List<(string Name, string Sql)> IndexesOf(System.Data.Common.DbConnection connection, string table, System.Data.Common.DbTransaction? transaction = null) =>
        [.. connection.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = @Table AND sql IS NOT NULL ORDER BY name",
            new { Table = table },
            transaction)];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2026, 2, 28)]
    [InlineData(9999, 12, 31)]
    public void IsoText_AnyDay_AsTheFormatWritesIt(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Iso.Text(date));
        Assert.Equal(date, Iso.Day(Iso.Text(date).AsSpan()));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(9, 5, 7, 999)]
    [InlineData(23, 59, 59, 999)]
    public void IsoText_AnyTime_AsTheFormatWritesIt(int hour, int minute, int second, int millisecond)
    {
        var time = new TimeOnly(hour, minute, second, millisecond);

        Assert.Equal(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture), Iso.Text(time));
    }
}
