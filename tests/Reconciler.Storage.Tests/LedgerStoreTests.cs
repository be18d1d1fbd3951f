using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>
/// The store's test suite, written once and run against every engine: each derived class
/// (<see cref="SqliteLedgerStoreTests"/>, <see cref="PostgresLedgerStoreTests"/>, <see cref="SqlServerLedgerStoreTests"/>)
/// names a provider, and every test gets an empty database of its own on it. A server that the environment does not
/// give is skipped with a message (PostgreSQL fails instead under CI).
/// </summary>
public abstract partial class LedgerStoreTests : IDisposable
{
    protected const string Actor = "tester";

    private readonly StorageProvider _provider;
    private TestDatabase? _database;

    protected LedgerStoreTests(StorageProvider provider) => _provider = provider;

    /// <summary>The engine this run of the suite is on.</summary>
    protected StorageProvider Provider => _provider;

    /// <summary>The test's database, created on first use (which is where a missing server skips or fails the test).</summary>
    private protected TestDatabase Database => _database ??= TestDatabase.Create(_provider);

    private protected SteppingClock Clock { get; } = new();

    public void Dispose()
    {
        _database?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store on the test's database (a new instance, as another process would have).</summary>
    protected LedgerStore NewStore() => new(Database.Location, Clock);

    /// <summary>A store on the test's database with the schema in place.</summary>
    protected LedgerStore MigratedStore()
    {
        var store = NewStore();
        store.Migrate();
        return store;
    }

    private protected static StatementImport Import(LedgerStore store, SampleStatement statement) =>
        store.ImportStatement(statement.FileName, statement.Sha256, statement.Profile, statement.Lines, Actor);

    /// <summary>The in-memory matcher over a snapshot's pending lines, as <c>reconcile --data</c> runs it.</summary>
    protected static MatchRun Match(LedgerSnapshot snapshot) =>
        Matcher.Match([.. snapshot.Pending.Select(p => p.Line)], ReceivableIndex.Build(snapshot.Receivables, snapshot.Links), new MatchingOptions());

    /// <summary>
    /// One match run through the store: snapshot, match, save; with <paramref name="imports"/>, the snapshot takes those
    /// files' lines from the imports, as <c>reconcile --data</c> does right after importing them.
    /// </summary>
    protected static (LedgerSnapshot Snapshot, MatchRun Run, long RunId) Reconcile(LedgerStore store, params StatementImport[] imports)
    {
        var snapshot = imports.Length == 0 ? store.LoadForMatching() : store.LoadForMatching(imports);
        var run = Match(snapshot);
        var runId = store.SaveRun(snapshot, run, "{}", "test-rules-1", Actor);
        return (snapshot, run, runId);
    }

    /// <summary>The samples' receivables synced, and both statements imported (A first).</summary>
    protected (LedgerStore Store, StatementImport A, StatementImport B) SamplesImported()
    {
        var store = MigratedStore();
        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);
        var a = Import(store, SampleFiles.StatementA());
        var b = Import(store, SampleFiles.StatementB());
        return (store, a, b);
    }

    private protected LedgerContents Contents() => LedgerContents.Read(Database);

    protected T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    protected List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return [.. connection.Query<T>(sql, parameters)];
    }

    /// <summary>A receivable's amount, open amount and status as stored.</summary>
    protected (decimal Amount, decimal Open, string Status) ReceivableRow(string contractNo)
    {
        var row = Query<(long Amount, long Open, string Status)>(
            "SELECT amount, open_amount, status FROM receivable WHERE contract_no = @ContractNo",
            new { ContractNo = contractNo }).Single();
        return (row.Amount / 10_000m, row.Open / 10_000m, row.Status);
    }

    /// <summary>The allocation statuses that take from a receivable's open amount, as an SQL list.</summary>
    protected static readonly string AppliedStatuses =
        $"'{LedgerStore.AutoStatus}', '{LedgerStore.ConfirmedStatus}', '{LedgerStore.SettledStatus}'";

    /// <summary>The sum of a receivable's applied allocations (automatic, confirmed, and tolerance settlements), as stored.</summary>
    protected decimal Applied(string contractNo) =>
        Scalar<long>(
            $"SELECT COALESCE(SUM(a.amount), 0) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE r.contract_no = @ContractNo AND a.status IN ({AppliedStatuses})",
            new { ContractNo = contractNo }) / 10_000m;

    /// <summary>The receivables whose open amount is not their amount less their applied allocations (none, in a sound ledger).</summary>
    protected List<string> ReceivablesOffBalance() =>
        Query<string>(
            $"""
            SELECT r.contract_no FROM receivable r
            WHERE r.open_amount <> r.amount - (SELECT COALESCE(SUM(a.amount), 0) FROM allocation a WHERE a.receivable_id = r.id AND a.status IN ({AppliedStatuses}))
            """);

    protected static Receivable NewReceivable(string contractNo, decimal amount, string customerId = "C0100", string customerName = "Litware Medical Ltd") =>
        new(contractNo, customerId, customerName, amount, "CNY", new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 10), "li.wei@example.com");

    protected static StatementLine NewLine(decimal amount, string memo, string payer = "Litware Medical Ltd", string bankRef = "", string date = "2026-02-16", string account = "6222020000123456") =>
        new("made.csv", 2, bankRef, DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), amount, "CNY", payer, account, memo);
}
