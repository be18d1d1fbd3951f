using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Rules;

/// <summary>The words of the decisions: headlines and next steps a clerk can act on, with the figures.</summary>
public static class RuleTexts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>An amount with thousands separators, two decimals at least, and its currency.</summary>
    public static string Money(decimal amount, string currency) =>
        string.Create(Inv, $"{amount:#,##0.00##} {currency}").TrimEnd();

    /// <summary>"Contoso Ltd, contract KL-1" or "payer ACME (customer unknown)".</summary>
    internal static string Whom(Concern c)
    {
        var customer = c.CustomerId.Length > 0 ? c.CustomerName : $"payer {c.CustomerName} (customer unknown)";
        return c.ContractNo.Length > 0 ? $"{customer}, contract {c.ContractNo}" : customer;
    }

    /// <summary>What the exception is, in a few words.</summary>
    internal static string What(ExceptionKind kind) => kind switch
    {
        ExceptionKind.NoReference => "Payment without a contract reference",
        ExceptionKind.UnknownContract => "Payment naming an unknown contract",
        ExceptionKind.TypoReference => "Payment reference one character off a contract",
        ExceptionKind.AmountShort => "Short payment",
        ExceptionKind.AmountOver => "Over-payment",
        ExceptionKind.DateOutOfWindow => "Payment outside the contract's date window",
        ExceptionKind.Ambiguous => "Payment that fits several contracts",
        ExceptionKind.PartialPayment => "Partial payment, balance still open",
        ExceptionKind.CurrencyMismatch => "Payment in another currency than the contract",
        ExceptionKind.ReceivableLowered => "Receivable lowered below the payments matched to it",
        _ => "Payment to look at",
    };

    /// <summary>What the reader should do about an exception of <paramref name="kind"/>.</summary>
    internal static string NextStep(ExceptionKind kind, Concern c) => kind switch
    {
        ExceptionKind.NoReference => "Find the receivable this payment is for (ask the customer for the remittance if needed), then match it with `reconciler review match`.",
        ExceptionKind.UnknownContract => "Check the contract number with the customer and the ERP; match the payment by hand or ask for a corrected remittance.",
        ExceptionKind.TypoReference => "If the suggested contract is right, confirm it with `reconciler review confirm`; otherwise match the payment by hand.",
        ExceptionKind.AmountShort => c.OpenAmount is { } open
            ? $"Ask the customer for the balance ({Money(open, c.Currency)} still open); the receivable stays open until it is paid."
            : "Ask the customer for the balance; the receivable stays open until it is paid.",
        ExceptionKind.AmountOver => "Agree with the customer on the excess: refund, credit note, or apply it to another open receivable; then confirm or match by hand.",
        ExceptionKind.DateOutOfWindow => "Check that the payment really is for this contract, then confirm it or match it by hand.",
        ExceptionKind.Ambiguous => "Pick the right receivable among the candidates and confirm it with `reconciler review confirm`.",
        ExceptionKind.PartialPayment => "Follow up the open balance with the customer.",
        ExceptionKind.CurrencyMismatch => "Check the conversion with the bank, then match the payment by hand.",
        ExceptionKind.ReceivableLowered => string.Create(
            Inv,
            $"The receivables source now gives this contract a smaller amount than the payments already matched to it; the matches were kept. Check the amount in the ERP; if this payment was matched to it wrongly, undo it with `reconciler review unmatch {c.LineId}` and match it by hand; if the customer really paid more (finance keeps the excess as a credit), acknowledge it with `reconciler review confirm {c.LineId}`."),
        _ => "Review the payment with `reconciler review list`.",
    };

    /// <summary>The headline of an exception: what, for whom, how much.</summary>
    internal static string Headline(MatchException e) =>
        $"{What(e.Kind)}: {Whom(e.Concern)}, {Money(e.Amount, e.Currency)}";

    /// <summary>Days as a whole number with a unit.</summary>
    internal static string Days(int days) => days == 1 ? "1 day" : string.Create(Inv, $"{days} days");

    /// <summary>Days with one decimal.</summary>
    internal static string Days(double days) => string.Create(Inv, $"{days:0.0} days");
}
