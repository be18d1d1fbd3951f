using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// A temporary data folder whose SQLite ledger <c>reconcile --data</c> built, for the tests of the commands that work
/// on a ledger: they run in process on it, and the test reads it back directly (<see cref="Database"/>) or through
/// the store.
/// </summary>
internal sealed class ReconciledLedger : IDisposable
{
    private readonly TempFolder _temp = new();

    public ReconciledLedger() => Database = LedgerDatabase.InDataFolder(Data);

    /// <summary>The configuration the samples come with (matching settings only: alerts go to the file channel).</summary>
    public static string SamplesConfig => Repository.Samples("reconciler.json");

    /// <summary>The data folder: <c>reconciler.db</c>, and <c>alerts/</c> for the file channel.</summary>
    public string Data => Path.Combine(_temp.Path, "data");

    /// <summary>Where the file channel writes with no <c>Alerts:Folder</c>.</summary>
    public string AlertsFolder => Path.Combine(Data, "alerts");

    /// <summary>The ledger file, read directly (read-only, no pooling).</summary>
    public LedgerDatabase Database { get; }

    /// <summary>
    /// Two receivables long overdue, nothing paid and no payment suggested for them: the rules put each customer on
    /// credit hold (the samples' own overdue receivables all have a suggested payment, which holds off a hold).
    /// </summary>
    public static IReadOnlyList<string> OverdueUnpaid { get; } =
    [
        "KL26-009001,C9001,Lakeside Clinic,10000.00,CNY,2026-01-05,2026-02-04,li.wei@example.com",
        "KL26-009002,C9002,Hillview Hospital,5000.00,CNY,2026-01-10,2026-02-09,anna.berg@example.com",
    ];

    /// <summary>
    /// A ledger built from the samples (receivables.csv with <paramref name="extraReceivables"/> appended,
    /// statement-a.csv, statement-b.csv) with their configuration. The rules run opens a credit hold on the short
    /// payment (and on each extra receivable long overdue) and puts the alerts in the outbox, all sent through the
    /// file channel (the samples configure no mail server and no webhook).
    /// </summary>
    public static ReconciledLedger FromSamples(params IEnumerable<string> extraReceivables)
    {
        var ledger = new ReconciledLedger();
        var receivables = ledger.File("receivables.csv");
        System.IO.File.WriteAllText(receivables, string.Join('\n', extraReceivables.Prepend(System.IO.File.ReadAllText(Repository.Samples("receivables.csv")).TrimEnd())) + "\n");
        ledger.Reconcile(receivables, Repository.Samples("statement-a.csv"), Repository.Samples("statement-b.csv"));
        return ledger;
    }

    /// <summary>A path in the temporary folder, outside the data folder.</summary>
    public string File(string name) => _temp.File(name);

    /// <summary>Runs <c>reconcile --data</c> with the samples' configuration; fails the test unless it succeeds.</summary>
    public CliRun Reconcile(string receivables, params string[] statements) => ReconcileWith(SamplesConfig, receivables, statements);

    /// <summary>Runs <c>reconcile --data</c> with the configuration file <paramref name="config"/>; fails the test unless it succeeds.</summary>
    public CliRun ReconcileWith(string config, string receivables, params string[] statements)
    {
        var run = CliRun.Of([
            "reconcile", "--receivables", receivables, .. statements.SelectMany(s => new[] { "--statement", s }),
            "--config", config, "--out", File("results.csv"), "--quiet", "--data", Data]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        return run;
    }

    /// <summary>Runs a command on this ledger (<c>--data</c>) with the samples' configuration.</summary>
    public CliRun Run(params string[] args) => RunWith(SamplesConfig, args);

    /// <summary>Runs a command on this ledger (<c>--data</c>) with the configuration file <paramref name="config"/>.</summary>
    public CliRun RunWith(string config, params string[] args) => CliRun.Of([.. args, "--data", Data, "--config", config]);

    /// <summary>Writes <paramref name="settings"/> as a configuration file; returns its path.</summary>
    public string Config(object settings)
    {
        var path = File("reconciler-" + Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>The store on this ledger, for what a test sets up through it.</summary>
    public LedgerStore Store() => new(StoreLocation.DataFolder(Data));

    /// <summary>Changes the ledger directly (what the commands cannot do: time passing, for one).</summary>
    public int Execute(string sql, object? parameters = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Data, StoreLocation.SqliteFileName),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection.Execute(sql, parameters);
    }

    /// <summary>The files in the alerts folder with their sizes, by name.</summary>
    public SortedDictionary<string, long> AlertFiles()
    {
        var files = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (Directory.Exists(AlertsFolder))
        {
            foreach (var file in new DirectoryInfo(AlertsFolder).GetFiles())
            {
                files.Add(file.Name, file.Length);
            }
        }

        return files;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Database.Dispose();
        _temp.Dispose();
    }
}
