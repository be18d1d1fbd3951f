using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Storage.Erp;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Erp;

/// <summary>The <c>Receivables:Erp</c> settings: what they build, and a message naming the key for every mistake.</summary>
public class ErpConfigurationTests
{
    private const string Query = "SELECT * FROM ar_open_items";

    private static ErpSource? Load(TempFolder temp, string json)
    {
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, json);
        var configuration = ReconcilerConfiguration.Load(file);
        return ErpOptions.Source(configuration, ReconcilerConfiguration.Receivables(configuration));
    }

    private static string Problems(TempFolder temp, string json) =>
        Assert.Throws<ConfigurationException>(() => Load(temp, json)).Message;

    private static string ErpFile(TempFolder temp)
    {
        var path = temp.File("erp.db");
        File.WriteAllBytes(path, []);
        return path.Replace("\\", "\\\\", StringComparison.Ordinal);
    }

    [Fact]
    public void Source_NoErpSettings_IsNull()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act / Assert
        Assert.Null(Load(temp, """{ "Receivables": { "Columns": { "Amount": "应收金额" } } }"""));
        Assert.Null(Load(temp, """{ "Receivables": { "Erp": { "Complete": true } } }"""));
    }

    [Fact]
    public void Source_EverySetting_BuildsTheSourceWithTheFilesCurrencyAndDateFormats()
    {
        // Arrange
        using var temp = new TempFolder();
        var json = $$"""
            {
              "Receivables": {
                "DefaultCurrency": "HKD",
                "DateFormats": [ "yyyy/M/d" ],
                "Erp": {
                  "Provider": "SQLite",
                  "ConnectionString": "{{ErpFile(temp)}}",
                  "Query": "{{Query}}",
                  "Columns": { "ContractNo": " 合同编号 ", "CustomerId": "", "CustomerName": "客户名称", "Amount": "应收金额", "Currency": null,
                               "IssueDate": "开票日期", "DueDate": "到期日", "SalesOwner": "销售负责人", "Status": "状态" },
                  "PaidValues": [ " 已收款 ", "已结清" ],
                  "CancelledValues": [ "已作废" ],
                  "Complete": true,
                  "CommandTimeout": "00:00:30"
                }
              }
            }
            """;

        // Act
        var source = Load(temp, json)!;

        // Assert
        Assert.Equal((StorageProvider.Sqlite, Query, true, TimeSpan.FromSeconds(30)), (source.Provider, source.Query, source.Complete, source.CommandTimeout));
        Assert.Contains(temp.File("erp.db"), source.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(
            new ErpColumns { ContractNo = "合同编号", CustomerId = null, CustomerName = "客户名称", Amount = "应收金额", Currency = null, IssueDate = "开票日期", DueDate = "到期日", SalesOwner = "销售负责人", Status = "状态" },
            source.Columns);
        Assert.Equal(["已收款", "已结清"], source.PaidValues);
        Assert.Equal(["已作废"], source.CancelledValues);
        Assert.Equal(("HKD", "yyyy/M/d"), (source.DefaultCurrency, source.DateFormats.Single()));
        Assert.Equal("erp", source.Name);
    }

    [Fact]
    public void Source_OnlyAQuery_DefaultsAndAProblemForEachMissingKey()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var message = Problems(temp, $$"""{ "Receivables": { "Erp": { "Query": "{{Query}}" } } }""");

        // Assert
        Assert.Equal(
            "Receivables:Erp:Provider is needed: the ERP database's kind, sqlite, postgres or sqlserver." + Environment.NewLine
            + "Receivables:Erp:ConnectionString is needed: the ERP database's connection string, a secret to give through the environment (RECONCILER_Receivables__Erp__ConnectionString); for sqlite, the file's path.",
            message);
    }

    [Fact]
    public void Source_DefaultsWhenOnlyTheConnectionIsGiven_GenericColumnsPaidCancelledTwoMinutes()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var source = Load(temp, $$"""{ "Receivables": { "Erp": { "Provider": "sqlite", "ConnectionString": "{{ErpFile(temp)}}", "Query": "{{Query}}" } } }""")!;

        // Assert: the README's table.
        Assert.Equal(ErpColumns.Default, source.Columns);
        Assert.Equal(["paid"], source.PaidValues);
        Assert.Equal(["cancelled", "canceled"], source.CancelledValues);
        Assert.Equal((false, TimeSpan.FromMinutes(2), "CNY"), (source.Complete, source.CommandTimeout, source.DefaultCurrency));
        Assert.Equal(ReceivableColumns.Default.DateFormats, source.DateFormats);
    }

    [Theory]
    [InlineData("\"Provider\": \"oracle\"", "Receivables:Erp:Provider \"oracle\" is not sqlite, postgres or sqlserver.")]
    [InlineData("\"Columns\": { \"ContractNo\": \"\" }", "Receivables:Erp:Columns:ContractNo names the column of the query's result that holds the contract number; it may not be empty.")]
    [InlineData("\"PaidValues\": [ \"已收款\" ]", "Receivables:Erp:PaidValues and CancelledValues are read from a status column: name it in Receivables:Erp:Columns:Status.")]
    [InlineData("\"Columns\": { \"Status\": \"状态\" }, \"PaidValues\": [ \"完成\" ], \"CancelledValues\": [ \"完成\" ]", "Receivables:Erp: \"完成\" is in both PaidValues and CancelledValues; a status means one or the other.")]
    [InlineData("\"Columns\": { \"Status\": \"状态\" }, \"PaidValues\": [ \" \" ]", "Receivables:Erp:PaidValues:0 is empty; give the status value as the ERP writes it, such as \"已收款\".")]
    [InlineData("\"CommandTimeout\": \"300\"", "Receivables:Erp:CommandTimeout must be between 00:00:01 and 1.00:00:00 (hh:mm:ss); it is 300.00:00:00.")]
    [InlineData("\"CommandTimeout\": \"00:00:00\"", "Receivables:Erp:CommandTimeout must be between 00:00:01 and 1.00:00:00 (hh:mm:ss); it is 00:00:00.")]
    [InlineData("\"Query\": \"\"", "Receivables:Erp:Query is needed: the SQL query, without parameters, that gives one row per receivable.")]
    public void Source_OneMistake_MessageNamesTheKey(string setting, string problem)
    {
        // Arrange
        using var temp = new TempFolder();
        var provider = setting.Contains("\"Provider\"", StringComparison.Ordinal) ? "" : "\"Provider\": \"sqlite\", ";
        var query = setting.Contains("\"Query\"", StringComparison.Ordinal) ? "" : $"\"Query\": \"{Query}\", ";
        var json = $$"""{ "Receivables": { "Erp": { {{provider}}"ConnectionString": "{{ErpFile(temp)}}", {{query}}{{setting}} } } }""";

        // Act / Assert
        Assert.Equal(problem, Problems(temp, json));
    }

    [Fact]
    public void Source_UnknownKey_NamedWithTheKnownOnes()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var message = Problems(temp, """{ "Receivables": { "Erp": { "Provider": "sqlite", "Colums": { "Amount": "应收金额" } } } }""");

        // Assert
        Assert.Equal("Receivables:Erp:Colums is not a setting; Receivables:Erp has Provider, ConnectionString, Query, Columns, PaidValues, CancelledValues, Complete, CommandTimeout", message);
    }

    [Fact]
    public void Source_SqliteFileMissing_MessageNamesTheFile()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var message = Problems(temp, $$"""{ "Receivables": { "Erp": { "Provider": "sqlite", "ConnectionString": "{{temp.File("none.db")}}", "Query": "{{Query}}" } } }""");

        // Assert
        Assert.Equal($"Receivables:Erp:ConnectionString: the SQLite file {temp.File("none.db")} does not exist.", message);
    }

    [Fact]
    public void Source_UnreadablePostgresConnectionString_ProblemNeverShowsThePassword()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var message = Problems(temp, $$"""{ "Receivables": { "Erp": { "Provider": "postgres", "ConnectionString": "Host=erp;Passwd=s3cret", "Query": "{{Query}}" } } }""");

        // Assert
        Assert.StartsWith("Receivables:Erp:ConnectionString is not a postgres connection string: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_PostgresConnectionString_TakenAsGiven()
    {
        // Arrange
        using var temp = new TempFolder();
        const string connection = "Host=erp.example.com;Database=ar;Username=reader;Password=s3cret";

        // Act
        var source = Load(temp, $$"""{ "Receivables": { "Erp": { "Provider": "postgresql", "ConnectionString": "{{connection}}", "Query": "{{Query}}" } } }""")!;

        // Assert
        Assert.Equal((StorageProvider.Postgres, connection), (source.Provider, source.ConnectionString));
        Assert.Equal("ERP query erp (postgres erp.example.com/ar)", source.Description);
    }
}
