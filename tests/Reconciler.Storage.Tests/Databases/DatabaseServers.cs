namespace Reconciler.Storage.Tests.Databases;

/// <summary>
/// The database servers the tests may use, given by the environment: <c>RECONCILER_TEST_POSTGRES</c> and
/// <c>RECONCILER_TEST_SQLSERVER</c> hold connection strings to a server on which the tests may create and drop
/// databases. A missing server skips its tests with a message; PostgreSQL is the server tested here, so under CI
/// (<c>CI=true</c>) a missing <c>RECONCILER_TEST_POSTGRES</c> fails its tests instead: a CI run cannot pass without
/// having touched a real PostgreSQL.
/// </summary>
internal static class DatabaseServers
{
    public const string PostgresVariable = "RECONCILER_TEST_POSTGRES";

    public const string SqlServerVariable = "RECONCILER_TEST_SQLSERVER";

    /// <summary>True when the environment says this is a CI run (<c>CI=true</c>).</summary>
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The environment variable that names the server of a provider (null for SQLite, which needs none).</summary>
    public static string? VariableOf(StorageProvider provider) => provider switch
    {
        StorageProvider.Postgres => PostgresVariable,
        StorageProvider.SqlServer => SqlServerVariable,
        _ => null,
    };

    /// <summary>The connection string of the provider's server; skips (or, for PostgreSQL under CI, fails) the test when it is not set.</summary>
    /// <exception cref="Xunit.Sdk.FailException">PostgreSQL is not given under CI.</exception>
    /// <exception cref="SkipException">The server is not given (outside CI, or SQL Server).</exception>
    public static string Require(StorageProvider provider) =>
        Require(provider, Environment.GetEnvironmentVariable(VariableOf(provider) ?? throw new ArgumentOutOfRangeException(nameof(provider), provider, "SQLite needs no server")), UnderCi);

    /// <summary>Returns <paramref name="connectionString"/> when it is set; otherwise fails or skips as <see cref="Require(StorageProvider)"/> says.</summary>
    public static string Require(StorageProvider provider, string? connectionString, bool underCi)
    {
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var variable = VariableOf(provider);
        if (provider == StorageProvider.Postgres && underCi)
        {
            Assert.Fail($"{variable} is not set: under CI (CI=true) the store tests must run against a real PostgreSQL (.ci/run starts one)");
        }

        var example = provider == StorageProvider.Postgres
            ? "Host=/tmp/pg;Port=5432;Username=postgres;Database=postgres"
            : "Server=localhost,1433;User Id=sa;Password=...;TrustServerCertificate=true";
        Skip.If(true, $"{variable} is not set: {provider} store tests skipped (set it to a connection string of a server where the tests may create databases, e.g. {example})");
        return "";
    }
}
