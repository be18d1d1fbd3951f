using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary><c>reconciler rules list</c> with the configuration's thresholds and declared rules, and its errors.</summary>
public sealed class RulesCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void List_Defaults_ShowsTheSixBuiltInRulesWithThresholdsAndVersion()
    {
        var run = CliRun.Of("rules", "list", "--config", Config("{}"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Matches("^rule set rules [^ ]+\\+[0-9a-f]{12}\\r?\\n", run.Output);
        foreach (var name in new[] { "exception-alert", "exception-escalation", "overdue-credit-hold", "short-payment-credit-hold", "credit-release", "payment-cycle-flag" })
        {
            Assert.Contains($"  {name}", run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Rules:EscalationAmount (= 50000)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rules:OverdueDays (= 30)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rules:FlagCycleDays (= 9)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ThresholdsAndDeclaredRule_ShowsThemAndChangesTheVersion()
    {
        var plain = CliRun.Of("rules", "list", "--config", Config("{}"));
        var run = CliRun.Of("rules", "list", "--config", Config("""
            {"Rules": {"OverdueDays": 45, "HoldOrders": 2,
              "CustomerGroups": {"hospitals": ["C0001", "C0002"]},
              "Declared": [{"Name": "hospital-over", "Kinds": ["AmountOver"], "MinAmount": 5000, "CustomerGroups": ["hospitals"],
                            "Audiences": ["finance-manager"], "Addresses": ["controller@example.com"], "Severity": "high"}]}}
            """));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Rules:OverdueDays (= 45)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Rules:HoldOrders (= 2)", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"  hospital-over +configuration +exceptions AmountOver, amount ≥ 5,000, customer group hospitals: high alert to finance-manager, controller@example\.com", run.Output);
        Assert.Contains("customer group hospitals: 2 customers", run.Output, StringComparison.Ordinal);
        Assert.NotEqual(plain.Output.Split('\n')[0], run.Output.Split('\n')[0]);
    }

    [Fact]
    public void List_BadDeclaredRule_ExitsOneNamingEachSetting()
    {
        var run = CliRun.Of("rules", "list", "--config", Config("""
            {"Rules": {"CycleReceivables": 1,
              "Declared": [{"Name": "x", "Kinds": ["AmountWrong"], "Audiences": ["cfo"], "Severity": "urgent", "CustomerGroups": ["nobody"]}]}}
            """));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Rules:CycleReceivables must be 2 or more; it is 1.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:Declared:0:Kinds: \"AmountWrong\" is not an exception kind", run.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:Declared:0:Audiences: \"cfo\" is not an audience", run.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:Declared:0:Severity: \"urgent\" is not a severity", run.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:Declared:0:CustomerGroups: \"nobody\" is not a group of Rules:CustomerGroups.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_EscalationAmountsPerCurrency_ChangeTheVersionAndBadOnesAreNamed()
    {
        var plain = CliRun.Of("rules", "list", "--config", Config("{}"));
        var perCurrency = CliRun.Of("rules", "list", "--config", Config("""{"Rules": {"EscalationAmounts": {"EUR": 7000, "JPY": 5000000}}}"""));
        var bad = CliRun.Of("rules", "list", "--config", Config("""{"Rules": {"EscalationAmounts": {"eur": 7000, "JPY": -1}}}"""));

        Assert.Equal(ExitCodes.Ok, perCurrency.ExitCode);
        Assert.NotEqual(plain.Output.Split('\n')[0], perCurrency.Output.Split('\n')[0]);
        Assert.Contains("Rules:EscalationAmount (= 50000) (or its currency's Rules:EscalationAmounts (= none))", plain.Output, StringComparison.Ordinal);
        Assert.Contains("Rules:EscalationAmounts (= EUR 7000, JPY 5000000)", perCurrency.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
        Assert.Contains("Rules:EscalationAmounts: \"eur\" is not an upper-case ISO 4217 code.", bad.Error, StringComparison.Ordinal);
        Assert.Contains("Rules:EscalationAmounts:JPY must be 0 or more; it is -1.", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_UnknownThresholdKey_ExitsOneListingTheKnownOnes()
    {
        var run = CliRun.Of("rules", "list", "--config", Config("""{"Rules": {"OverdueDayz": 45}}"""));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Rules:OverdueDayz is not a setting", run.Error, StringComparison.Ordinal);
        Assert.Contains("OverdueDays", run.Error, StringComparison.Ordinal);
    }

    private string Config(string json)
    {
        var path = Path.Combine(_temp.Path, "reconciler-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
