using Reconciler.Domain;
using Reconciler.Rules;

namespace Reconciler.Core.Tests.Rules;

/// <summary>Facts as the ledger would give them, with figures the tests can check.</summary>
internal static class RuleFactsBuilder
{
    public static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>Noon UTC on <see cref="Today"/>: exceptions first seen at 09:30 some days before are that many whole days old.</summary>
    public static readonly DateTimeOffset Now = new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    public static Concern Customer(string id = "C001", string name = "Contoso Ltd", string owner = "li.wei@example.com") =>
        new() { CustomerId = id, CustomerName = name, SalesOwner = owner, Currency = "EUR" };

    public static MatchException Exception(
        long line,
        ExceptionKind kind,
        decimal amount,
        string contract = "KL26-0001",
        long? receivable = 11,
        int ageDays = 0,
        bool receivableOpen = true,
        string customerId = "C001",
        string currency = "EUR") =>
        new()
        {
            LineId = line,
            Kind = kind,
            FirstSeen = new DateTimeOffset(Today.AddDays(-ageDays).ToDateTime(new TimeOnly(9, 30)), TimeSpan.Zero),
            ReceivableOpen = receivableOpen,
            Concern = Customer(customerId) with
            {
                ContractNo = contract,
                ReceivableId = receivable,
                LineId = line,
                File = "bank-2026-11.csv",
                Row = 7,
                BankRef = "BR-77",
                Amount = amount,
                Currency = currency,
                OpenAmount = 10_000m,
                PaymentDate = Today.AddDays(-1),
                Explanation = "Paid 9,000.00 against KL26-0001's open 10,000.00: 10.00% short, beyond the 3% tolerance.",
            },
        };

    public static OverdueReceivable Overdue(long receivable, int days, bool nothingPaid = true) =>
        new()
        {
            DaysOverdue = days,
            NothingPaid = nothingPaid,
            Concern = Customer() with
            {
                ContractNo = "KL26-00" + receivable,
                ReceivableId = receivable,
                Amount = 12_000m,
                OpenAmount = nothingPaid ? 12_000m : 2_000m,
                DueDate = Today.AddDays(-days),
            },
        };

    public static CustomerPaymentCycle Cycle(string customer, params int[] daysToPay) =>
        new()
        {
            Concern = Customer(customer) with { ContractNo = "KL26-0100", ReceivableId = 100 },
            Paid = [.. daysToPay.Select((d, i) => new PaidReceivable(
                "KL26-01" + (daysToPay.Length - i).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                Today.AddDays(-200 + (i * -40)),
                Today.AddDays(-170 + (i * -40)),
                Today.AddDays(-200 + (i * -40) + d)))],
        };

    public static OpenCreditHold Hold(long id, string receivableStatus, bool confirmed = false, string key = "overdue:11", string reason = "") =>
        new()
        {
            HoldId = id,
            Key = key,
            Reason = reason,
            ReceivableStatus = receivableStatus,
            ConfirmedByPerson = confirmed,
            Concern = Customer() with { ContractNo = "KL26-0011", ReceivableId = 11, Amount = 12_000m, OpenAmount = 0m },
        };
}
