using Reconciler.Domain;

namespace Reconciler.Core.Tests.Matching;

/// <summary>Small builders for matcher tests.</summary>
internal static class Build
{
    public static Receivable Receivable(string contract, decimal amount, string customer = "C001", string name = "Acme Medical Ltd",
        string issue = "2026-01-05", string due = "2026-02-04", string currency = "CNY") =>
        new(contract, customer, name, amount, currency, DateOnly.Parse(issue, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), "sales@example.com");

    public static StatementLine Line(decimal amount, string memo, string date = "2026-01-20", string payer = "Acme Medical Ltd",
        string bankRef = "", int row = 2, string file = "s.csv", string currency = "CNY", string account = "6222000011112222") =>
        new(file, row, bankRef, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), amount, currency, payer, account, memo);
}
