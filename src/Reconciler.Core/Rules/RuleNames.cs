namespace Reconciler.Rules;

/// <summary>The names of the built-in rules, as stamped on their decisions and shown by <c>reconciler rules list</c>.</summary>
public static class RuleNames
{
    /// <summary>Every exception alerts the sales owner and finance.</summary>
    public const string ExceptionAlert = "exception-alert";

    /// <summary>A large or ageing exception escalates to the finance manager.</summary>
    public const string ExceptionEscalation = "exception-escalation";

    /// <summary>A receivable long overdue with nothing paid puts its customer on credit hold.</summary>
    public const string OverdueCreditHold = "overdue-credit-hold";

    /// <summary>A short payment beyond tolerance puts the customer on credit hold.</summary>
    public const string ShortPaymentCreditHold = "short-payment-credit-hold";

    /// <summary>A hold whose receivable is settled is released.</summary>
    public const string CreditRelease = "credit-release";

    /// <summary>What calls for a hold on a receivable opens one, or brings the hold in force up to date.</summary>
    public const string CreditHoldInForce = "credit-hold-in-force";

    /// <summary>A hold whose receivable is open but no longer calls for a hold is released.</summary>
    public const string CreditHoldLapsed = "credit-hold-lapsed";

    /// <summary>An unsteady payment cycle flags the customer to the sales manager.</summary>
    public const string PaymentCycleFlag = "payment-cycle-flag";
}
