using System.CommandLine;
using Microsoft.Data.Sqlite;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Cli;

/// <summary>The options every ledger command takes: where the ledger is, and for changes who and why.</summary>
internal sealed class LedgerCommandOptions(bool changes = false)
{
    public Option<DirectoryInfo?> Data { get; } = new("--data") { Description = "The folder whose ledger (reconciler.db) reconcile --data keeps; without it, the Storage section's database." };

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Configuration file (JSON); default ./reconciler.json when present." };

    public Option<string?> By { get; } = new("--by") { Description = "Who decides (kept in the audit log).", Required = true };

    public Option<string?> Note { get; } = new("--note") { Description = "Why (kept in the audit log and the line's explanation)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Config);
        if (changes)
        {
            command.Options.Add(By);
            command.Options.Add(Note);
        }
    }

    /// <summary>The configuration: <c>--config</c>'s file (or ./reconciler.json) under the environment.</summary>
    public Microsoft.Extensions.Configuration.IConfiguration Configuration(ParseResult parsed) =>
        ReconcilerConfiguration.Load(parsed.GetValue(Config)?.FullName);

    /// <summary>
    /// The ledger; a folder or SQLite file without one is an error, not a new empty ledger, and so is an empty (zero-byte)
    /// SQLite file: SQLite would take it for a new database. A command that changes the ledger brings it to the current
    /// schema first; one that only reads (<paramref name="readOnly"/>) never changes it (<see cref="LedgerStore.ReadOnly"/>:
    /// not its bytes, nor its journal mode), and refuses a database without a ledger's schema, or with one older than this program's.
    /// Either refuses a ledger that a newer release upgraded (<see cref="LedgerUnusableException"/>, exit code 3, the same
    /// one line for every command).
    /// </summary>
    public LedgerStore Store(ParseResult parsed, bool readOnly = false)
    {
        var data = parsed.GetValue(Data);
        if (data is not null && NoLedgerFile(Path.Combine(data.FullName, StoreLocation.SqliteFileName)) is { } missing)
        {
            throw new ReviewException($"there is no ledger in {data.FullName} ({StoreLocation.SqliteFileName} {missing}); reconcile --data {data.FullName} makes one");
        }

        var configuration = Configuration(parsed);
        var location = StorageOptions.Location(configuration, data?.FullName)
            ?? throw new ConfigurationException("no ledger: give --data DIR, or configure its database (Storage:Provider and Storage:ConnectionString)");
        if (location.Provider == StorageProvider.Sqlite
            && new SqliteConnectionStringBuilder(location.ConnectionString).DataSource is { Length: > 0 } file
            && !string.Equals(file, ":memory:", StringComparison.Ordinal) && NoLedgerFile(file) is { } absent)
        {
            throw new ReviewException($"there is no ledger at {file} ({absent}); reconcile with the same Storage settings makes one");
        }

        var store = readOnly ? LedgerStore.ReadOnly(location) : new LedgerStore(location);
        if (!readOnly)
        {
            store.Migrate();
        }
        else if (store.KnownSchemaVersion() is var version && version < LedgerStore.LatestSchemaVersion)
        {
            throw version == 0
                ? new ReviewException($"there is no ledger in {location} (the database holds no ledger's tables); reconcile with the same --data or Storage settings makes one")
                : new ReviewException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"the ledger {location} has schema version {version}; this reconciler reads version {LedgerStore.LatestSchemaVersion}: a command that changes the ledger (reconcile, alerts send, review …) upgrades it; nothing was changed"));
        }

        return store;
    }

    /// <summary>Why the SQLite file at <paramref name="path"/> holds no ledger (not found, or empty), or null when it may.</summary>
    private static string? NoLedgerFile(string path)
    {
        var file = new FileInfo(path);
        return !file.Exists ? "not found" : file.Length == 0 ? "is empty" : null;
    }
}
