namespace Reconciler.Rules;

/// <summary>Fact: the thresholds the rules compare with, and the day the run is for. Bound from <c>Rules</c> in configuration.</summary>
public sealed record RuleSettings
{
    /// <summary>The day the rules run for (from the clock): ages and overdue days count to it.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The moment the rules run at (from the clock): an exception's age is measured to it, in whole days.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// An exception whose payment is at least this amount escalates to the finance manager, in currencies that
    /// <see cref="EscalationAmounts"/> does not name.
    /// </summary>
    public decimal EscalationAmount { get; init; } = 50_000m;

    /// <summary>The escalation amount per currency (ISO code → amount), where one figure cannot fit every currency.</summary>
    public IReadOnlyDictionary<string, decimal> EscalationAmounts { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>An exception unresolved for more than this many days escalates to the finance manager.</summary>
    public int EscalateAfterDays { get; init; } = 5;

    /// <summary>A receivable overdue by more than this many days with nothing paid puts its customer on credit hold.</summary>
    public int OverdueDays { get; init; } = 30;

    /// <summary>How many of the customer's next orders a credit hold covers.</summary>
    public int HoldOrders { get; init; } = 3;

    /// <summary>Whether a short payment beyond tolerance puts the customer on credit hold.</summary>
    public bool HoldOnShortPayment { get; init; } = true;

    /// <summary>How many of a customer's last paid receivables its payment cycle looks at.</summary>
    public int CycleReceivables { get; init; } = 3;

    /// <summary>A standard deviation of days-to-pay at or below this is healthy, in days.</summary>
    public double HealthyCycleDays { get; init; } = 5.2;

    /// <summary>A standard deviation of days-to-pay above this flags the customer to the sales manager, in days.</summary>
    public double FlagCycleDays { get; init; } = 9;

    /// <summary>The escalation amount for a payment in <paramref name="currency"/>.</summary>
    public decimal EscalationThreshold(string currency) =>
        EscalationAmounts.TryGetValue(currency, out var amount) ? amount : EscalationAmount;

    /// <summary>Whole days from <paramref name="firstSeen"/> to <see cref="Now"/>.</summary>
    public int AgeInDays(DateTimeOffset firstSeen) => (Now - firstSeen).Days;

    /// <summary>Customer id → customer group, for rules declared in configuration that name groups.</summary>
    public IReadOnlyDictionary<string, string> CustomerGroups { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
