using Reconciler.Domain;
using Reconciler.Rules;
using static Reconciler.Core.Tests.Rules.RuleFactsBuilder;

namespace Reconciler.Core.Tests.Rules;

public sealed class ThresholdRuleTests
{
    private static readonly ThresholdRule BigUsdInHospitals = new()
    {
        Name = "hospital-usd-over-5k",
        Kinds = [ExceptionKind.AmountShort, ExceptionKind.AmountOver],
        MinAmount = 5_000m,
        Currencies = ["USD"],
        CustomerGroups = ["hospitals"],
        Audiences = [Audience.FinanceManager],
        Addresses = ["Controller@Example.com"],
        Severity = Severity.Critical,
        Immediate = true,
    };

    private static readonly RuleEngine Engine = new(
        new RuleSettings { Today = default, CustomerGroups = new Dictionary<string, string> { ["C001"] = "hospitals" } },
        [BigUsdInHospitals]);

    [Fact]
    public void Decide_ExceptionTheDeclaredRuleTakes_AlertsItsAudienceAndAddresses()
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(3, ExceptionKind.AmountOver, 7_500m, currency: "USD")] }, Today, Now);

        var declared = decisions.Alerts.Where(a => a.Rule == "hospital-usd-over-5k").ToList();
        Assert.Equal(
            ["rule:hospital-usd-over-5k:3:AmountOver:controller@example.com", "rule:hospital-usd-over-5k:3:AmountOver:finance-manager"],
            declared.Select(a => a.Key));
        Assert.Equal([Audience.Named, Audience.FinanceManager], declared.Select(a => a.Audience));
        Assert.Equal("Controller@Example.com", declared[0].Address);
        Assert.All(declared, a => Assert.True(a.Immediate && a.Severity == Severity.Critical));
        Assert.Equal(2, decisions.Alerts.Count(a => a.Rule == RuleNames.ExceptionAlert));
    }

    [Theory]
    [InlineData(ExceptionKind.NoReference, 7_500, "USD", "C001")]
    [InlineData(ExceptionKind.AmountOver, 4_999.99, "USD", "C001")]
    [InlineData(ExceptionKind.AmountOver, 7_500, "EUR", "C001")]
    [InlineData(ExceptionKind.AmountOver, 7_500, "USD", "C002")]
    public void Decide_ExceptionOutsideTheFilter_DeclaredRuleStaysQuiet(ExceptionKind kind, double amount, string currency, string customer)
    {
        var decisions = Engine.Decide(new RuleFacts { Exceptions = [Exception(3, kind, (decimal)amount, currency: currency, customerId: customer)] }, Today, Now);

        Assert.DoesNotContain(decisions.Alerts, a => a.Rule == "hospital-usd-over-5k");
    }

    [Fact]
    public void Validate_BadDeclarations_OneMessageEachNamingTheSetting()
    {
        ThresholdRule[] rules =
        [
            new() { Name = "", Audiences = [Audience.Finance] },
            new() { Name = "dup", Audiences = [Audience.Finance] },
            new() { Name = "dup", Audiences = [Audience.Finance] },
            new() { Name = RuleNames.ExceptionAlert, Audiences = [Audience.Finance] },
            new() { Name = "range", MinAmount = 10, MaxAmount = 5, Currencies = ["usd"], Audiences = [Audience.Finance] },
            new() { Name = "nobody" },
        ];

        var problems = ThresholdRuleCompiler.Validate(rules, "Rules:Declared");

        Assert.Equal(
            [
                "Rules:Declared:0:Name is required.",
                "Rules:Declared:2:Name \"dup\" is used by another rule; names must be unique.",
                "Rules:Declared:3:Name \"exception-alert\" is the name of a built-in rule.",
                "Rules:Declared:4: MinAmount (10) is above MaxAmount (5).",
                "Rules:Declared:4:Currencies: \"usd\" is not an upper-case ISO 4217 code.",
                "Rules:Declared:5: say whom to alert: Audiences (sales-owner, finance, finance-manager, sales-manager) or Addresses.",
            ],
            problems);
        Assert.Throws<ArgumentException>(() => new RuleEngine(new RuleSettings { Today = default }, rules));
    }

    [Fact]
    public void Describe_DeclaredRule_SaysFilterAndWhom()
    {
        Assert.Equal(
            "exceptions AmountShort, AmountOver, amount ≥ 5,000, in USD, customer group hospitals: critical alert to finance-manager, Controller@Example.com at once",
            ThresholdRuleCompiler.Describe(BigUsdInHospitals));
    }
}
