using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Reconciler.Storage.Tests;

/// <summary>
/// What can be checked of the SQL Server dialect without a server (the store suite runs against SQL Server only where
/// <c>RECONCILER_TEST_SQLSERVER</c> names one): its migrations, schema table, migration lock and statement templates
/// parsed by SQL Server's own T-SQL parser (ScriptDom, SQL Server 2022 syntax); the column aliases of the store's
/// statements, which are written once for all three databases; the collations it takes; its connections' time limit.
/// The store's own statements are not parsed here (they are built as the store runs): a review of them all, by hand
/// and with the parser, found the reserved alias <c>Rule</c>, which the alias scan now keeps out.
/// </summary>
public sealed class SqlServerDialectTests
{
    private readonly SqlDialect _dialect = SqlDialect.For(StorageProvider.SqlServer);

    public static TheoryData<int> Versions() => [.. Schema.Migrations.Select(m => m.Version)];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Migration_EveryStatementForSqlServer_ParsesAsTSql(int version)
    {
        var migration = Schema.Migrations.Single(m => m.Version == version);

        foreach (var statement in migration.StatementsFor(StorageProvider.SqlServer))
        {
            AssertParses(_dialect.Schema(statement));
        }
    }

    [Fact]
    public void Migration_PostgresOnlyOnes_RunNothingOnSqlServer()
    {
        // Migrations 6 and 7 are PostgreSQL's (DROP CONSTRAINT IF EXISTS lists, fillfactor): SQL Server records them only.
        var postgresOnly = Schema.Migrations.Where(m => m.Only == StorageProvider.Postgres).ToList();

        Assert.NotEmpty(postgresOnly);
        Assert.All(postgresOnly, m => Assert.Empty(m.StatementsFor(StorageProvider.SqlServer)));
    }

    [Theory]
    [InlineData("Latin1_General_100_BIN2", true)]
    [InlineData("Latin1_General_BIN", true)]
    [InlineData("Chinese_PRC_BIN2", true)]
    [InlineData("Latin1_General_100_BIN2_UTF8", true)]
    [InlineData("Latin1_General_100_CS_AS_KS_WS", true)]
    [InlineData("Japanese_XJIS_140_CS_AS_KS_WS", true)]
    [InlineData("Latin1_General_100_CS_AS", false)] // full-width Ａ equals A
    [InlineData("SQL_Latin1_General_CP1_CS_AS", false)]
    [InlineData("Latin1_General_100_CS_AI", false)] // é equals e
    [InlineData("SQL_Latin1_General_CP1_CI_AS", false)]
    [InlineData("Chinese_PRC_CI_AS", false)]
    [InlineData("Latin1_General_100_CI_AS_SC_UTF8", false)]
    [InlineData("Latin1_General_100_CI_AS_KS_WS", false)]
    public void Migrator_Collation_OnlyOnesThatTellTextApart(string collation, bool taken)
    {
        Assert.Equal(taken, Migrator.TellsTextApart(collation));
        if (!taken)
        {
            var refused = Assert.Throws<LedgerUnusableException>(() => Migrator.RequireExactCollation(collation, "ledger"));
            Assert.Contains(collation, refused.Message, StringComparison.Ordinal);
            Assert.Contains("COLLATE Latin1_General_100_BIN2", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CreateConnection_NoCommandTimeoutGiven_CommandsHaveTheStoresLimit()
    {
        using var connection = (SqlConnection)_dialect.CreateConnection("Server=127.0.0.1;Database=ledger;User ID=sa;Password=x;TrustServerCertificate=true");

        Assert.Equal(SqlDialect.DefaultCommandTimeoutSeconds, connection.CommandTimeout);
        Assert.Equal(SqlDialect.DefaultCommandTimeoutSeconds, connection.CreateCommand().CommandTimeout);
        Assert.Equal("ledger", connection.Database);
    }

    [Theory]
    [InlineData("Server=127.0.0.1;Database=ledger;Command Timeout=15")]
    [InlineData("Server=127.0.0.1;Database=ledger;command timeout=15")]
    public void CreateConnection_CommandTimeoutGiven_KeepsIt(string connectionString)
    {
        using var connection = (SqlConnection)_dialect.CreateConnection(connectionString);

        Assert.Equal(15, connection.CommandTimeout);
    }

    [Fact]
    public void Migrator_VersionTableAndLock_ParseAsTSql()
    {
        AssertParses(Migrator.VersionTable(_dialect));
        AssertParses(Assert.IsType<string>(_dialect.MigrationLock));
        AssertParses("INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @At)");
    }

    [Fact]
    public void Templates_WithTheStoresShapes_ParseAsTSql()
    {
        foreach (var statement in _dialect.CreateTemp("run_decision", "line_id BIGINT NOT NULL, seen_status TEXT NOT NULL, explanation TEXT NOT NULL, line_key VARCHAR(64) NULL, confidence FLOAT NOT NULL"))
        {
            AssertParses(statement);
        }

        AssertParses(_dialect.TempIndex("run_decision", "line_id"));
        AssertParses(Assert.IsType<string>(_dialect.DropTemp("run_decision")));
        AssertParses(_dialect.UpdateFrom(
            "statement_line",
            "l",
            "status = x.status, run_id = @RunId, updated_at = @Now",
            $"{_dialect.Temp("run_decision")} x",
            "l.id = x.line_id AND l.status = x.seen_status"));
        AssertParses(_dialect.InsertNew("customer", "id, name", "s.id, s.name", $"{_dialect.Temp("customer_new")} s", "s.id", "id", "s.id"));
        AssertParses(_dialect.InsertNew("statement_file", "sha256, name", "s.sha256, s.name", $"{_dialect.Temp("file_new")} s", "s.sha256", "sha256", "s.sha256", ["id", "sha256"]));
        AssertParses(_dialect.FirstRows("SELECT id FROM alert_outbox WHERE status = @Pending ORDER BY id", "@Limit"));
        AssertParses(LedgerStore.FirstDueAlerts(_dialect));
        AssertParses(_dialect.UpdateFirstRows("alert_outbox", "status = @Sending, claim_token = @Token", "status = @Pending AND next_attempt_at <= @Now", LedgerStore.FirstDueAlerts(_dialect, "@Candidates"), "@Limit"));
        AssertParses(_dialect.InsertReturningId("match_run", "started_at, settings", "@Now, @Settings"));
        AssertParses(AsDapperSends($"SELECT COUNT(*) FROM statement_line l WHERE {_dialect.In("l.file_id", "@Files")}"));
    }

    [Fact]
    public void StoreSql_EveryUnquotedAlias_IsOneTSqlTakes()
    {
        // The store's statements are written in its source files, mostly shared by the three databases; a column alias
        // that is a T-SQL reserved word (RULE, KEY, …) parses on SQLite and PostgreSQL and fails on SQL Server alone.
        // The dialects of the other two never reach SQL Server and are left out.
        var source = Path.Combine(SampleFiles.RepositoryRoot, "src", "Reconciler.Storage");
        var aliases = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => Path.GetFileName(file) is not ("PostgresDialect.cs" or "SqliteDialect.cs"))
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\bAS ([A-Za-z_][A-Za-z0-9_]*)\b").Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("LineId", aliases); // the scan finds the store's aliases
        Assert.All(aliases, alias => AssertParses($"SELECT 1 AS {alias}"));
        Assert.Throws<ParseFailed>(() => AssertParses("SELECT 1 AS Rule"));
    }

    [Fact]
    public void AssertParses_PostgresSyntax_Fails()
    {
        // The check itself: syntax SQL Server does not take is reported, with the parser's message.
        var failure = Assert.Throws<ParseFailed>(() => AssertParses("INSERT INTO customer (id) VALUES ('a') ON CONFLICT (id) DO NOTHING"));
        Assert.Contains("CONFLICT", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ParseFailed>(() => AssertParses("DROP INDEX ux_statement_line_key"));
    }

    /// <summary>Dapper sends <c>IN @List</c> as <c>IN (@List1, @List2, …)</c>, one parameter per value.</summary>
    private static string AsDapperSends(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"\bIN (@\w+)", "IN ($1_1, $1_2)");

    private static void AssertParses(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        if (errors.Count > 0)
        {
            throw new ParseFailed($"T-SQL does not parse: {string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"))}{Environment.NewLine}{sql}");
        }
    }

    private sealed class ParseFailed(string message) : Exception(message);
}
