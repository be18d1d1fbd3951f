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
    /// The ledger; a folder or SQLite file without one is an error, not a new empty ledger. A command that changes
    /// the ledger brings it to the current schema first; one that only reads (<paramref name="readOnly"/>) never
    /// changes it, and refuses a ledger whose schema is older than this program's.
    /// </summary>
    public LedgerStore Store(ParseResult parsed, bool readOnly = false)
    {
        var data = parsed.GetValue(Data);
        if (data is not null && !File.Exists(Path.Combine(data.FullName, StoreLocation.SqliteFileName)))
        {
            throw new ReviewException($"there is no ledger in {data.FullName} ({StoreLocation.SqliteFileName} not found); reconcile --data {data.FullName} makes one");
        }

        var configuration = Configuration(parsed);
        var location = StorageOptions.Location(configuration, data?.FullName)
            ?? throw new ConfigurationException("no ledger: give --data DIR, or configure its database (Storage:Provider and Storage:ConnectionString)");
        if (location.Provider == StorageProvider.Sqlite
            && new SqliteConnectionStringBuilder(location.ConnectionString).DataSource is { Length: > 0 } file
            && !string.Equals(file, ":memory:", StringComparison.Ordinal) && !File.Exists(file))
        {
            throw new ReviewException($"there is no ledger at {file}; reconcile with the same Storage settings makes one");
        }

        var store = new LedgerStore(location);
        if (!readOnly)
        {
            store.Migrate();
        }
        else if (store.SchemaVersion() is var version && version < LedgerStore.LatestSchemaVersion)
        {
            throw new ReviewException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"the ledger {location} has schema version {version}; this reconciler reads version {LedgerStore.LatestSchemaVersion}: a command that changes the ledger (reconcile, alerts send, review …) upgrades it; nothing was changed"));
        }

        return store;
    }
}
