using System.Data.Common;
using System.Globalization;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    private static readonly int[] AllVersions = [.. Schema.Migrations.Select(m => m.Version).Order()];

    [SkippableFact]
    public void Migrate_NewDatabase_AppliesEveryMigrationOnceAndRecordsIt()
    {
        var store = NewStore();
        Assert.Equal(0, store.SchemaVersion());

        var applied = store.Migrate();

        Assert.Equal(AllVersions, applied);
        Assert.Equal(AllVersions[^1], store.SchemaVersion());
        Assert.Equal(AllVersions, Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(0L, Scalar<long>("SELECT value FROM ledger_state WHERE name = 'receivables_version'"));
    }

    [SkippableFact]
    public void Migrate_AgainOnCurrentSchema_AppliesNothingAndChangesNoRow()
    {
        MigratedStore();
        var before = Contents();

        var applied = NewStore().Migrate();

        Assert.Empty(applied);
        Assert.Equal(AllVersions[^1], NewStore().SchemaVersion());
        Assert.Equal(AllVersions.Length, before.Rows("schema_version"));
        Assert.Equal(before.Describe(), Contents().Describe());
    }

    [SkippableFact]
    public void Migrate_NextMigrationFailsHalfWay_LeavesNoTraceOfItAndApplyingItAgainSucceeds()
    {
        var store = MigratedStore();
        var dialect = SqlDialect.For(Database.Provider);
        var next = AllVersions[^1] + 1;
        var broken = new Migration(next, "probe", [
            "CREATE TABLE probe (id {id}, name {str:20} NOT NULL)",
            "INSERT INTO probe (name) VALUES ('first')",
            "INSERT INTO no_such_table (name) VALUES ('second')",
        ]);
        var before = Contents();

        using (var connection = store.Open())
        {
            Assert.ThrowsAny<DbException>(() => Migrator.Migrate(connection, dialect, Clock, [.. Schema.Migrations, broken]));
        }

        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.DoesNotContain("probe", Contents().Tables);
        Assert.Equal(AllVersions[^1], store.SchemaVersion());
        using (var connection = store.Open())
        {
            Assert.Equal([next], Migrator.Migrate(connection, dialect, Clock, [.. Schema.Migrations, broken with { Statements = broken.Statements.Take(2).ToList() }]));
        }

        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM probe"));
        Assert.Equal(next, store.SchemaVersion());
    }

    [SkippableFact]
    public void Migrate_LedgerUpgradedByANewerRelease_RefusedAndNothingChanged()
    {
        var store = MigratedStore();
        var next = AllVersions[^1] + 1;
        using (var connection = store.Open())
        {
            Migrator.Migrate(connection, SqlDialect.For(Database.Provider), Clock, [.. Schema.Migrations, new Migration(next, "a newer release's", ["CREATE TABLE newer (id {id})"])]);
        }

        var before = Contents();

        var error = Assert.Throws<LedgerUnusableException>(() => NewStore().Migrate());

        Assert.Equal($"the ledger has schema version {next}, newer than this reconciler knows ({AllVersions[^1]}): a newer release upgraded it; run that release (nothing was changed)", error.Message);
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(next, store.SchemaVersion());
    }

    [SkippableFact]
    public void Migrate_NewerReleaseUpgradesTheLedgerWhileThisOneMigrates_RefusedAtTheEnd()
    {
        // A migration of this program's that, as it runs, finds a newer release's version recorded beside its own (written
        // here by the migration itself, standing in for the other process).
        var store = MigratedStore();
        var next = AllVersions[^1] + 1;
        var racing = new Migration(next, "racing", [string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version, name, applied_at) VALUES ({next + 1}, 'a newer release', '2026-12-01T00:00:00.000Z')")]);

        using var connection = store.Open();
        var error = Assert.Throws<LedgerUnusableException>(() => Migrator.Migrate(connection, SqlDialect.For(Database.Provider), Clock, [.. Schema.Migrations, racing]));

        Assert.StartsWith($"the ledger has schema version {next + 1}, newer than this reconciler knows ({next})", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Migrate_MigrationOfAnotherDatabase_RecordsItsVersionAndRunsNothing()
    {
        var store = MigratedStore();
        var dialect = SqlDialect.For(Database.Provider);
        var next = AllVersions[^1] + 1;
        var other = Database.Provider == StorageProvider.Postgres ? StorageProvider.Sqlite : StorageProvider.Postgres;
        var elsewhere = new Migration(next, "probe", ["INSERT INTO no_such_table (name) VALUES ('x')"]) { Only = other };
        var before = Contents();

        using (var connection = store.Open())
        {
            Assert.Equal([next], Migrator.Migrate(connection, dialect, Clock, [.. Schema.Migrations, elsewhere]));
        }

        Assert.Equal(next, store.SchemaVersion());
        Assert.Equal(before.Tables.Order(), Contents().Tables.Order());
        Assert.Equal(before.Rows("schema_version") + 1, Contents().Rows("schema_version"));
    }

    /// <summary>The foreign keys whose writers check their references themselves on PostgreSQL (migration 6).</summary>
    private static readonly string[] WriterCheckedKeys =
    [
        "allocation.line_id", "allocation.receivable_id", "allocation.run_id",
        "match_exception.line_id", "match_exception.run_id",
        "statement_line.duplicate_of", "statement_line.file_id", "statement_line.run_id",
    ];

    [SkippableFact]
    public void Migrate_NewDatabase_DropsTheWriterCheckedForeignKeysOnPostgresOnly()
    {
        MigratedStore();

        var keys = Query<string>(Database.Provider switch
        {
            StorageProvider.Postgres =>
                "SELECT c.conrelid::regclass::text || '.' || a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f'",
            StorageProvider.SqlServer =>
                "SELECT OBJECT_NAME(k.parent_object_id) + '.' + COL_NAME(k.parent_object_id, k.parent_column_id) FROM sys.foreign_key_columns k",
            _ => "SELECT m.name || '.' || f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        }).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Kept everywhere: nothing proves these in the statements that write them.
        Assert.Contains("receivable.customer_id", keys);
        Assert.Contains("alert_outbox.line_id", keys);
        Assert.Contains("credit_hold.receivable_id", keys);
        if (Database.Provider == StorageProvider.Postgres)
        {
            Assert.Equal([], WriterCheckedKeys.Intersect(keys, StringComparer.OrdinalIgnoreCase));
        }
        else
        {
            Assert.Equal(WriterCheckedKeys, WriterCheckedKeys.Intersect(keys, StringComparer.OrdinalIgnoreCase));
        }
    }

    [SkippableFact]
    public async Task Migrate_ConcurrentCallsOnNewDatabase_AllSucceedAndEachVersionIsAppliedOnce()
    {
        const int Writers = 4;
        _ = Database;
        var stores = Enumerable.Range(0, Writers).Select(_ => NewStore()).ToList();
        using var start = new Barrier(Writers);

        var results = await Task.WhenAll(stores.Select(store => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return store.Migrate();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(AllVersions, results.SelectMany(applied => applied).Order());
        Assert.Equal(AllVersions, Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.Equal(AllVersions[^1], NewStore().SchemaVersion());
    }

    [SkippableFact]
    public void Migrate_Version1LedgerWithData_MigratesToVersion2KeepingItsRowsAndTakesDecisions()
    {
        var store = NewStore();
        using (var connection = store.Open())
        {
            // With migrations 4, 5, 7, 8, 12, 14 and 16 too: the rows are written by today's code, which reads and writes receivable.erp_status,
            // match_exception.receivable_id, receivable.source_amount and statement_line.not_booked (5 adds a ledger_state row, compared
            // below; on PostgreSQL the import writes 7's statement_line_key, its keys as 16's bytes).
            Assert.Equal([1, 4, 5, 7, 8, 12, 14, 16], Migrator.Migrate(connection, SqlDialect.For(Database.Provider), Clock, [.. Schema.Migrations.Where(m => m.Version is 1 or 4 or 5 or 7 or 8 or 12 or 14 or 16)]));
        }

        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);
        Import(store, SampleFiles.StatementA());
        Reconcile(store);
        var before = Contents();

        var applied = NewStore().Migrate();

        Assert.Equal([2, 3, 6, 9, 10, 11, 13, 15], applied);
        Assert.Equal(AllVersions[^1], store.SchemaVersion());
        var after = Contents();
        foreach (var table in new[] { "customer", "receivable", "statement_file", "statement_line", "allocation", "match_exception", "match_run", "audit_log", "ledger_state" })
        {
            Assert.Equal(before.Rows(table), after.Rows(table));
        }

        var receivable = Scalar<long>("SELECT id FROM receivable WHERE contract_no = 'KL26-004536'");
        var line = Scalar<long>("SELECT MIN(id) FROM statement_line");
        var saved = store.SaveDecisions(
            [NewAlert("after-migration", lineId: line)],
            [Hold("overdue:" + receivable, "C0008", receivable, "KL26-004536")],
            [],
            "rules-test-1",
            "rules");
        Assert.Equal(new DecisionsSaved(1, 0, 1, 0, 0), saved);
        var alert = Assert.Single(store.ListAlerts(AlertStatus.Pending));
        Assert.Equal(("statement-a.csv", 2), (alert.File, alert.Row));
        Assert.NotEmpty(store.LoadRuleFacts(new DateOnly(2026, 3, 20), 3).Exceptions);
    }

    [SkippableFact]
    public void Migrate_Version2LedgerWithAlerts_MigratesToVersion3KeepingThemAndTheyAreClaimable()
    {
        var store = NewStore();
        using (var connection = store.Open())
        {
            Assert.Equal([1, 2, 4, 5], Migrator.Migrate(connection, SqlDialect.For(Database.Provider), Clock, [.. Schema.Migrations.Where(m => m.Version is <= 2 or 4 or 5)]));
        }

        store.SaveDecisions([NewAlert("a"), NewAlert("b")], [], [], "rules-test-1", "rules");
        var before = Contents();

        var applied = NewStore().Migrate();

        Assert.Equal([3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], applied);
        Assert.Equal(before.Rows("alert_outbox"), Contents().Rows("alert_outbox"));
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM alert_outbox WHERE claim_token IS NULL AND status = 'pending'"));
        var claim = store.ClaimDueAlerts(10, TimeSpan.FromMinutes(15));
        Assert.Equal(["a", "b"], claim.Alerts.Select(a => a.Alert.DedupKey));
        Assert.Equal(2, store.MarkAlertsSent(claim.Token, [.. claim.Alerts.Select(a => a.Id)]));
    }

    [SkippableFact]
    public void Migrate_Version6LedgerWithLines_KeysKeptSoAnOverlappingExportAddsADuplicate()
    {
        var store = MigratedStore();
        var a = Import(store, SampleFiles.StatementA());
        using (var connection = store.Open())
        {
            // The ledger as version 6 left it: on PostgreSQL the lines' keys in the unique index of statement_line, no
            // key table, every receivable status indexed. Migration 7 makes the key table, 16 turns its keys into bytes.
            if (Database.Provider == StorageProvider.Postgres)
            {
                Dapper.SqlMapper.Execute(connection, "DROP TABLE statement_line_key");
                Dapper.SqlMapper.Execute(connection, "CREATE UNIQUE INDEX ux_statement_line_key ON statement_line (line_key) WHERE line_key IS NOT NULL");
                Dapper.SqlMapper.Execute(connection, "CREATE INDEX ix_receivable_status ON receivable (status)");
                Dapper.SqlMapper.Execute(connection, "ALTER TABLE receivable RESET (fillfactor)");
            }

            Dapper.SqlMapper.Execute(connection, "DELETE FROM schema_version WHERE version IN (7, 16)");
        }

        var applied = NewStore().Migrate();
        var b = Import(NewStore(), SampleFiles.StatementB());

        Assert.Equal([7, 16], applied);
        var shared = a.Lines.Single(l => l.Line.BankRef == "B2602020008");
        var duplicate = Assert.Single(b.Lines, l => l.Status == MatchStatus.Duplicate.ToName());
        Assert.Equal(shared.Id, duplicate.DuplicateOf);
        Assert.Equal(17, Scalar<int>("SELECT COUNT(*) FROM statement_line"));
        if (Database.Provider == StorageProvider.Postgres)
        {
            Assert.Equal(16, Scalar<int>("SELECT COUNT(*) FROM statement_line_key"));
            Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'receivable' AND indexname = 'ix_receivable_status'"));
            Assert.Equal("{fillfactor=60}", Scalar<string>("SELECT reloptions::text FROM pg_class WHERE relname = 'receivable'"));
            Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM statement_line l WHERE l.line_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statement_line_key k WHERE k.line_key = decode(l.line_key, 'hex') AND k.line_id = l.id)"));
        }
    }
}
