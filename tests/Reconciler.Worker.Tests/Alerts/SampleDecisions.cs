using Reconciler.Rules;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Alerts;

/// <summary>Decisions and options as the rules and configuration give them, for the alert tests.</summary>
internal static class SampleDecisions
{
    /// <summary>A memo as hostile as a bank file can make it.</summary>
    public const string HostileMemo = "KL-1 <script>alert('x')</script> & [click](http://evil.example) <@all> *bold*";

    public static Concern ShortPayment(string salesOwner = "alice@example.com") => new()
    {
        CustomerId = "C-001",
        CustomerName = "Contoso Ltd",
        SalesOwner = salesOwner,
        ContractNo = "KL-1",
        ReceivableId = 7,
        LineId = 42,
        File = "bank-2026-03.csv",
        Row = 12,
        BankRef = "REF-9",
        Amount = 1234567.5m,
        Currency = "EUR",
        OpenAmount = 1300000m,
        PaymentDate = new DateOnly(2026, 3, 1),
        DueDate = new DateOnly(2026, 2, 28),
        Explanation = "contract KL-1 in memo \"" + HostileMemo + "\"; 1,234,567.50 vs open 1,300,000.00 (−5.03%, beyond ±3%)",
    };

    public static Alert Alert(Audience audience, string key = "exception:42:AmountShort", Concern? concern = null, bool immediate = false) =>
        new("exception-alert", $"{key}:{audience}", audience, Severity.High, "Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR",
            "Ask the customer for the balance.", concern ?? ShortPayment())
        {
            Immediate = immediate,
        };

    public static Escalation Escalation() =>
        new("exception-escalation", "escalation:42:AmountShort", Severity.Critical,
            "Short payment: Contoso Ltd, contract KL-1, 1,234,567.50 EUR: at or above the escalation amount of 100,000.00.",
            "Call the customer's finance department today.", ShortPayment());

    public static Flag Flag() =>
        new("payment-cycle-flag", "cycle:C-001:7", Severity.Warning, "Contoso Ltd's days-to-pay vary by 12.3 days",
            "Check the contract terms with the sales owner.", ShortPayment() with { LineId = null, File = "", Row = 0, BankRef = "" });

    public static RuleDecisions Decisions(params Alert[] alerts) => new() { RuleSetVersion = "v7", Alerts = alerts };

    /// <summary>E-mail through the given server, finance and managers configured.</summary>
    public static AlertsOptions Email(int port, bool digest = false) => new()
    {
        Finance = ["finance@example.com", "ap@example.com"],
        FinanceManager = ["cfo@example.com"],
        SalesManager = ["sales.manager@example.com"],
        SalesOwners = new Dictionary<string, string> { ["Bob Smith"] = "bob@example.com" },
        Digest = digest,
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, From = "Reconciler <reconciler@example.com>", Timeout = TimeSpan.FromSeconds(10) },
    };
}
