using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// A ledger database that a test reads directly, never through the store: the SQLite file of a data folder (or
/// of a <c>Storage</c> section), or a PostgreSQL database of its own, created on the server given by
/// <c>RECONCILER_TEST_POSTGRES</c> and dropped when disposed.
/// </summary>
internal sealed class LedgerDatabase : IDisposable
{
    /// <summary>The connection string of a PostgreSQL server where tests may create and drop databases.</summary>
    public const string PostgresVariable = "RECONCILER_TEST_POSTGRES";

    private readonly string _readConnectionString;
    private readonly string? _server;
    private readonly string? _name;

    private LedgerDatabase(string provider, string connectionString, string readConnectionString, string? server = null, string? name = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _readConnectionString = readConnectionString;
        _server = server;
        _name = name;
    }

    /// <summary>The provider as <c>Storage:Provider</c> names it: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; }

    /// <summary>What <c>Storage:ConnectionString</c> takes: the file path for SQLite, the connection string of the database for PostgreSQL.</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file <c>reconcile --data FOLDER</c> keeps its ledger in.</summary>
    public static LedgerDatabase InDataFolder(string folder) => SqliteFile(Path.Combine(folder, "reconciler.db"));

    /// <summary>A SQLite ledger file, read without pooling so the test holds no connection once done.</summary>
    public static LedgerDatabase SqliteFile(string path) => new(
        "sqlite",
        path,
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    /// <summary>
    /// A new, empty PostgreSQL database on the server of <see cref="PostgresVariable"/>. Without the variable the
    /// test is skipped with a message, or fails under CI (<c>CI=true</c>): a CI run must have used a real server.
    /// </summary>
    public static LedgerDatabase CreatePostgres()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            if (RealData.UnderCi)
            {
                Assert.Fail($"{PostgresVariable} is not set: under CI (CI=true) the ledger tests must also run against a real PostgreSQL (scripts/test.sh starts one)");
            }

            Skip.If(true, $"{PostgresVariable} is not set: the PostgreSQL ledger test is skipped (set it to a connection string of a server where databases may be created, e.g. Host=/tmp;Port=5432;Username=postgres;Database=postgres)");
        }

        var name = "reconciler_worker_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE \"{name}\"");
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var read = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        return new LedgerDatabase("postgres", database, read, server, name);
    }

    /// <summary>The <c>Storage</c> section that points <c>reconcile</c> at this database.</summary>
    public JsonObject StorageSection() => new() { [nameof(Provider)] = Provider, [nameof(ConnectionString)] = ConnectionString };

    /// <summary>An open connection for reading.</summary>
    public DbConnection Open()
    {
        DbConnection connection = Provider == "sqlite" ? new SqliteConnection(_readConnectionString) : new NpgsqlConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>One value read with a query.</summary>
    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>Rows read with a query.</summary>
    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Open();
        return [.. connection.Query<T>(sql, parameters)];
    }

    /// <summary>
    /// Every table of the database, one line each: its name, row count and a SHA-256 over all its rows and columns
    /// in key order. Two readings are equal only when no row was added, removed or changed (a timestamp too).
    /// </summary>
    public string Contents()
    {
        using var connection = Open();
        var tablesQuery = Provider == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";
        var lines = new List<string>();
        foreach (var table in connection.Query<string>(tablesQuery).ToList())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            using var reader = command.ExecuteReader();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i)).Append('=').Append(Text(reader.GetValue(i))).Append('\u001F');
                }

                hash.AppendData(Encoding.UTF8.GetBytes(row.Append('\u001E').ToString()));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{table}: {rows} rows, {Convert.ToHexStringLower(hash.GetHashAndReset())}"));
        }

        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        if (_server is null)
        {
            return;
        }

        // The run's pooled connections to the database go first; FORCE ends any still open.
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static string Text(object value) => value switch
    {
        DBNull => "∅",
        byte[] bytes => Convert.ToHexString(bytes),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
