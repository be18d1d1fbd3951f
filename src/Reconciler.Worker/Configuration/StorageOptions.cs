using Microsoft.Extensions.Configuration;
using Reconciler.Storage;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Storage</c> configuration section: the database the ledger lives in. Without it (and without
/// <c>--data</c>), <c>reconcile</c> keeps nothing: it runs in memory. The connection string of a server database
/// is a secret: give it through the environment (<c>RECONCILER_Storage__ConnectionString</c>).
/// </summary>
internal sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Storage";

    /// <summary><c>sqlite</c>, <c>postgres</c> or <c>sqlserver</c>; empty for no ledger (or <c>--data</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's connection string; for <c>sqlite</c>, a file path or a connection string.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Provider))
        {
            if (!string.IsNullOrWhiteSpace(ConnectionString))
            {
                problems.Add($"{Section}:{nameof(ConnectionString)} is set but {Section}:{nameof(Provider)} is not (sqlite, postgres or sqlserver).");
            }

            return problems;
        }

        if (!StoreLocation.TryParseProvider(Provider, out var provider))
        {
            problems.Add($"{Section}:{nameof(Provider)} \"{Provider}\" is not sqlite, postgres or sqlserver.");
        }
        else if (provider != StorageProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{Section}:{nameof(ConnectionString)} is needed for {Provider} (give it through the environment: RECONCILER_Storage__ConnectionString).");
        }

        return problems;
    }

    /// <summary>
    /// Where the ledger is: <paramref name="dataFolder"/> (an embedded SQLite database in it) when given, else the
    /// configured database, else null (no ledger: in memory).
    /// </summary>
    /// <exception cref="ConfigurationException">The section is invalid.</exception>
    public static StoreLocation? Location(IConfiguration configuration, string? dataFolder)
    {
        var options = ReconcilerConfiguration.Storage(configuration);
        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            return StoreLocation.DataFolder(dataFolder);
        }

        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            return null;
        }

        if (!StoreLocation.TryParseProvider(options.Provider, out var provider))
        {
            throw new ConfigurationException($"{Section}:{nameof(Provider)} \"{options.Provider}\" is not sqlite, postgres or sqlserver.");
        }

        if (provider == StorageProvider.Sqlite)
        {
            var text = options.ConnectionString ?? StoreLocation.SqliteFileName;
            if (text.Contains('=', StringComparison.Ordinal))
            {
                return new StoreLocation(StorageProvider.Sqlite, text);
            }

            var file = Path.GetFullPath(text);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new StoreLocation(StorageProvider.Sqlite, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file }.ToString());
        }

        return new StoreLocation(provider, options.ConnectionString!);
    }
}
