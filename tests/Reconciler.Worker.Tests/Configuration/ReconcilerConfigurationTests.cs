using Reconciler.Files;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Configuration;

/// <summary>These tests set process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(ReconcilerConfigurationTests), DisableParallelization = true)]
public sealed class EnvironmentVariablesGroup;

[Collection(nameof(ReconcilerConfigurationTests))]
public class ReconcilerConfigurationTests
{
    [Fact]
    public void Matching_FileAndEnvironment_EnvironmentWins()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matching": { "TolerancePercent": 2, "LateWindow": "60.00:00:00", "ToleranceCap": 50 } }""");
        Environment.SetEnvironmentVariable("RECONCILER_Matching__TolerancePercent", "1.5");
        try
        {
            var options = ReconcilerConfiguration.Matching(ReconcilerConfiguration.Load(file));

            Assert.Equal(1.5m, options.TolerancePercent);
            Assert.Equal(TimeSpan.FromDays(60), options.LateWindow);
            Assert.Equal(50m, options.ToleranceCap);
            Assert.Equal(TimeSpan.FromDays(30), options.EarlyWindow);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Matching__TolerancePercent", null);
        }
    }

    [Fact]
    public void Matching_BadValueFromEnvironment_ThrowsNamingSection()
    {
        Environment.SetEnvironmentVariable("RECONCILER_Matching__AmbiguityMargin", "lots");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Matching(ReconcilerConfiguration.Load(null)));

            Assert.Contains("Matching", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Matching__AmbiguityMargin", null);
        }
    }

    [Fact]
    public void Load_MissingNamedFile_Throws()
    {
        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load("/nonexistent/reconciler.json"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileNotJson_ThrowsNamingFile()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, "Matching: TolerancePercent = 3");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(file));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxError_NamesFileLineAndPositionAsAnEditorCountsThem()
    {
        // Arrange: the stray word is on line 4; on line 3, Chinese text (3 bytes a character in UTF-8) before a second one.
        using var temp = new TempFolder();
        var file = temp.File("bad.json");
        File.WriteAllText(file, "{\n  \"Matching\": {\n    \"TolerancePercent\": 2,\n    oops\n  }\n}\n");
        var chinese = temp.File("chinese.json");
        File.WriteAllText(chinese, "{\n  \"Rules\": {\n    \"CustomerGroups\": { \"医院\": [\"C0001\"] }, x\n  }\n}\n");

        // Act
        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(file));
        var second = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(chinese));

        // Assert
        Assert.StartsWith($"configuration file {file} is not valid JSON: line 4, position 5: 'o' is an invalid start of a property name", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"configuration file {chinese} is not valid JSON: line 3, position 44: 'x' is an invalid start of a property name", second.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_MisspeltSection_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matchng": { "TolerancePercent": 2 } }""");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(file));

        Assert.Contains("Matchng", error.Message, StringComparison.Ordinal);
        Assert.Contains("known: Matching", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receivables_NoSection_DefaultColumns()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matching": { "TolerancePercent": 2 } }""");

        var columns = ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file));

        var defaults = ReceivableColumns.Default;
        Assert.Equal(
            (defaults.ContractNo, defaults.CustomerId, defaults.Amount, defaults.Currency, defaults.IssueDate, defaults.SalesOwner, defaults.Delimiter, defaults.DecimalSeparator, defaults.ThousandsSeparator, defaults.DefaultCurrency),
            (columns.ContractNo, columns.CustomerId, columns.Amount, columns.Currency, columns.IssueDate, columns.SalesOwner, columns.Delimiter, columns.DecimalSeparator, columns.ThousandsSeparator, columns.DefaultCurrency));
        Assert.Equal(["yyyy-MM-dd"], columns.DateFormats);
        Assert.Empty(columns.CurrencySymbols);
        Assert.Null(columns.Encoding);
        Assert.Null(columns.Sheet);
    }

    [Fact]
    public void Receivables_ErpMappingFromFileAndEnvironment_EnvironmentWins()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """
            {
              "Receivables": {
                "Columns": { "ContractNo": "合同编号", "CustomerId": "", "CustomerName": "客户名称", "Amount": "应收金额", "Currency": null, "IssueDate": "开票日期", "DueDate": "到期日", "SalesOwner": "销售负责人" },
                "Delimiter": ";",
                "Encoding": "gb18030",
                "DateFormats": [ "yyyy/M/d", "yyyy-MM-dd" ],
                "ThousandsSeparator": ",",
                "CurrencySymbols": [ "¥", "￥" ],
                "DefaultCurrency": "cny",
                "Sheet": "应收明细"
              }
            }
            """);
        Environment.SetEnvironmentVariable("RECONCILER_Receivables__Columns__Amount", "未收金额");
        Environment.SetEnvironmentVariable("RECONCILER_Receivables__Delimiter", "tab");
        try
        {
            var columns = ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file));

            Assert.Equal(
                ("合同编号", (string?)null, "客户名称", "未收金额", (string?)null, (string?)"开票日期", "到期日", (string?)"销售负责人"),
                (columns.ContractNo, columns.CustomerId, columns.CustomerName, columns.Amount, columns.Currency, columns.IssueDate, columns.DueDate, columns.SalesOwner));
            Assert.Equal(('\t', "GB18030", '.', (char?)',', "CNY", "应收明细"), (columns.Delimiter, columns.Encoding?.WebName.ToUpperInvariant(), columns.DecimalSeparator, columns.ThousandsSeparator, columns.DefaultCurrency, columns.Sheet));
            Assert.Equal(["yyyy/M/d", "yyyy-MM-dd"], columns.DateFormats);
            Assert.Equal(["¥", "￥"], columns.CurrencySymbols);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Receivables__Columns__Amount", null);
            Environment.SetEnvironmentVariable("RECONCILER_Receivables__Delimiter", null);
        }
    }

    [Fact]
    public void Receivables_UnknownKey_ThrowsNamingItsPathAndTheKnownKeys()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Receivables": { "Columns": { "Amout": "应收金额" }, "Seperator": ";" } }""");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file)));

        Assert.Contains("Receivables:Columns:Amout is not a setting; Receivables:Columns has ContractNo, CustomerId, CustomerName, Amount,", error.Message, StringComparison.Ordinal);
        Assert.Contains("Receivables:Seperator is not a setting; Receivables has Columns, Delimiter,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receivables_UnknownKeyFromEnvironment_Throws()
    {
        Environment.SetEnvironmentVariable("RECONCILER_Receivables__Columns__ContractNumber", "合同编号");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(null)));

            Assert.Contains("Receivables:Columns:ContractNumber is not a setting", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Receivables__Columns__ContractNumber", null);
        }
    }

    [Fact]
    public void Receivables_BadValues_ThrowsNamingEveryKey()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """
            {
              "Receivables": {
                "Columns": { "Amount": " ", "DueDate": null },
                "Delimiter": ";;",
                "Encoding": "big-five-ish",
                "DateFormats": [ "yyyy-MM", "yyyy/M/d" ],
                "DecimalSeparator": ",",
                "ThousandsSeparator": ",",
                "CurrencySymbols": [ "¥", "1" ],
                "DefaultCurrency": "RMB元"
              }
            }
            """);

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file)));

        foreach (var key in new[]
        {
            "Receivables:Columns:Amount names", "Receivables:Columns:DueDate names", "Receivables:Delimiter must", "Receivables:Encoding must",
            "Receivables:DateFormats:0 is not", "Receivables:ThousandsSeparator must", "Receivables:CurrencySymbols:1 must", "Receivables:DefaultCurrency must",
        })
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("DateFormats:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DecimalSeparator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receivables_DateFormatsAsOneString_ThrowsNamingTheKey()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Receivables": { "DateFormats": "yyyy/M/d" } }""");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file)));

        Assert.Contains("Receivables:DateFormats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReceivablesSection_IsKnown()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matching": { }, "Receivables": { "Sheet": "应收明细" } }""");

        var columns = ReconcilerConfiguration.Receivables(ReconcilerConfiguration.Load(file));

        Assert.Equal("应收明细", columns.Sheet);
    }
}
