using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Storage;

namespace Reconciler.Benchmarks;

/// <summary>
/// Persisting statement lines and a match run's decisions with their allocations (issue 4's target: at least 100k
/// rows/s on SQLite and on PostgreSQL). <see cref="Import"/> imports both generated exports (the second overlaps
/// the first, so it also finds duplicates) into a fresh ledger that holds the receivables; <see cref="Save"/> saves
/// the match run over those lines. Everything else (a fresh ledger or database, the receivables sync, the import
/// and the matching before a save) is iteration setup, outside the measurement. The Rows/s column divides the rows
/// written (lines for an import; lines decided plus allocation rows for a save) by the mean.
/// Run: <c>dotnet run -c Release --project benchmarks/Reconciler.Benchmarks -- --filter '*PersistBenchmark*' --memory</c>.
/// PostgreSQL runs on a fresh database of the server <c>RECONCILER_TEST_POSTGRES</c> names, and is left out (with
/// a message) when that variable is unset.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(PersistBenchmarkConfig))]
public class PersistBenchmark
{
    private const string PostgresVariable = "RECONCILER_TEST_POSTGRES";

    private SyntheticSet _data = null!;
    private LedgerStore _store = null!;
    private string _place = "";
    private LedgerSnapshot _snapshot = null!;
    private MatchRun _run = null!;
    private int _iteration;

    [ParamsSource(nameof(Sizes))]
    public int Receivables { get; set; }

    /// <summary>100,000 receivables (92,669 lines); <c>RECONCILER_PERSIST_SIZES</c> (e.g. <c>1000000</c>) names others.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("RECONCILER_PERSIST_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [100_000];

    [ParamsSource(nameof(Databases))]
    public StorageProvider Database { get; set; }

    /// <summary>SQLite always; PostgreSQL when <c>RECONCILER_TEST_POSTGRES</c> names a server.</summary>
    public static IEnumerable<StorageProvider> Databases()
    {
        yield return StorageProvider.Sqlite;
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            Console.WriteLine($"PersistBenchmark: {PostgresVariable} is not set: the PostgreSQL cases are skipped");
        }
        else
        {
            yield return StorageProvider.Postgres;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var set = BenchmarkData.Get(Receivables);
        _data = new SyntheticSet(
            set.Receivables,
            [.. set.Statements.OrderBy(s => s.File, StringComparer.Ordinal).Select(s => (s.File, Sha(s.File, Receivables), s.Lines))]);
    }

    [IterationSetup(Target = nameof(Import))]
    public void SetupImport()
    {
        FreshLedger();
        WriteRows(nameof(Import), _data.Files.Sum(f => f.Lines.Count));
    }

    [IterationSetup(Target = nameof(Save))]
    public void SetupSave()
    {
        FreshLedger();
        Import();
        _snapshot = _store.LoadForMatching();
        var index = ReceivableIndex.Build(_snapshot.Receivables, _snapshot.Links);
        index.BuildTypoIndex();
        _run = Matcher.Match([.. _snapshot.Pending.Select(p => p.Line)], index, new MatchingOptions());
    }

    [IterationCleanup(Target = nameof(Import))]
    public void CleanupImport() => DropLedger();

    [IterationCleanup(Target = nameof(Save))]
    public void CleanupSave()
    {
        WriteRows(nameof(Save), _run.Results.Count + Count("SELECT COUNT(*) FROM allocation"));
        DropLedger();
    }

    [Benchmark]
    public int Import()
    {
        var stored = 0;
        foreach (var (name, sha, lines) in _data.Files)
        {
            stored += _store.ImportStatement(name, sha, "synthetic", lines, "benchmark").Lines.Count;
        }

        return stored;
    }

    [Benchmark]
    public long Save() => _store.SaveRun(_snapshot, _run, "{}", "benchmark", "benchmark");

    private void FreshLedger()
    {
        _iteration++;
        if (Database == StorageProvider.Postgres)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"persist_bench_{Environment.ProcessId}_{_iteration}");
            Server($"CREATE DATABASE {name}");
            _place = name;
            _store = new LedgerStore(new StoreLocation(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(ServerConnection) { Database = name }.ToString()));
        }
        else
        {
            _place = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"reconciler-persist-bench-{Environment.ProcessId}-{_iteration}"));
            _store = new LedgerStore(StoreLocation.DataFolder(_place));
        }

        _store.Migrate();
        _store.SyncReceivables(_data.Receivables, "receivables.csv", "benchmark");
    }

    private void DropLedger()
    {
        if (_place.Length == 0)
        {
            return;
        }

        if (Database == StorageProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            Server($"DROP DATABASE IF EXISTS {_place} WITH (FORCE)");
        }
        else
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_place, recursive: true);
        }

        _place = "";
    }

    private static string ServerConnection => Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"{PostgresVariable} is not set");

    private static void Server(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnection) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private long Count(string sql)
    {
        using DbConnection connection = Database == StorageProvider.Postgres
            ? new NpgsqlConnection(_store.Location.ConnectionString)
            : new SqliteConnection(_store.Location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Leaves the rows one call writes where the host's Rows/s column finds them.</summary>
    private void WriteRows(string method, long rows) =>
        File.WriteAllText(PersistBenchmarkConfig.RowsFile(method, Database.ToString(), Receivables), rows.ToString(CultureInfo.InvariantCulture));

    private static string Sha(string file, int receivables) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{file}/{receivables}"))));

    private sealed record SyntheticSet(IReadOnlyList<Receivable> Receivables, IReadOnlyList<(string Name, string Sha, IReadOnlyList<StatementLine> Lines)> Files);
}
