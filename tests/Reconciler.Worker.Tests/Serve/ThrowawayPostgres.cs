using Dapper;
using Npgsql;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>
/// A database of its own on the server of <c>RECONCILER_TEST_POSTGRES</c> (a server where tests may create and drop
/// databases), dropped when disposed. Without the variable the test is skipped, except under CI (<c>CI=true</c>),
/// where it fails: a CI run cannot pass without having run the workers against a real PostgreSQL.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    public const string Variable = "RECONCILER_TEST_POSTGRES";

    private readonly string _server;

    /// <summary>Names a fresh database; it is created now unless <paramref name="create"/> is false (a database not there yet).</summary>
    public ThrowawayPostgres(bool create = true)
    {
        _server = Server();
        Name = "reconciler_serve_" + Guid.NewGuid().ToString("N");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ConnectionString;
        if (create)
        {
            Create();
        }
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The worker's environment for this database as its ledger.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment => new Dictionary<string, string>
    {
        ["RECONCILER_Storage__Provider"] = "postgres",
        ["RECONCILER_Storage__ConnectionString"] = ConnectionString,
    };

    public void Create()
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"CREATE DATABASE \"{Name}\"");
    }

    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static string Server()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }

        if (RealData.UnderCi)
        {
            Assert.Fail($"{Variable} is not set: under CI (CI=true) the worker's PostgreSQL tests must run against a real server");
        }

        Skip.If(true, $"{Variable} is not set: the worker's PostgreSQL tests are skipped (set it to a server where tests may create databases, e.g. Host=/tmp/pg;Port=5432;Username=postgres;Database=postgres)");
        return "";
    }
}
