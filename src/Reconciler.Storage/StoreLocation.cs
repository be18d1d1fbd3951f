using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

/// <summary>Where the ledger is: a provider and its connection string.</summary>
/// <param name="Provider">The database kind.</param>
/// <param name="ConnectionString">The provider's connection string (a secret for server databases: give it through the environment).</param>
public sealed record StoreLocation(StorageProvider Provider, string ConnectionString)
{
    /// <summary>The file name of the embedded database inside a data folder.</summary>
    public const string SqliteFileName = "reconciler.db";

    /// <summary>The embedded SQLite database in <paramref name="folder"/> (created with the folder on first use).</summary>
    public static StoreLocation DataFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(folder), SqliteFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new StoreLocation(StorageProvider.Sqlite, builder.ToString());
    }

    /// <summary>The provider named in configuration: <c>sqlite</c>, <c>postgres</c> (or <c>postgresql</c>), <c>sqlserver</c>.</summary>
    public static bool TryParseProvider(string? name, out StorageProvider provider)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "SQLITE":
                provider = StorageProvider.Sqlite;
                return true;
            case "POSTGRES" or "POSTGRESQL" or "NPGSQL":
                provider = StorageProvider.Postgres;
                return true;
            case "SQLSERVER" or "MSSQL":
                provider = StorageProvider.SqlServer;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>For logs: the provider and the database, without any password.</summary>
    public override string ToString() => Provider switch
    {
        StorageProvider.Sqlite => $"sqlite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        StorageProvider.Postgres => $"postgres {new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}",
        _ => $"sqlserver {new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString).DataSource}/{new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString).InitialCatalog}",
    };
}
