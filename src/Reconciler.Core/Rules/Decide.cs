using System.Globalization;
using NRules.RuleModel;

namespace Reconciler.Rules;

/// <summary>What the rules' right-hand sides do: build decisions and insert them into the session. No I/O.</summary>
internal static class Decide
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// One alert to the sales owner and one to finance about an exception (dual channel), once per line and kind (and
    /// per receivable for a lowered receivable, one of the line's contracts).
    /// </summary>
    public static void ExceptionAlerts(IContext ctx, MatchException e)
    {
        var severity = e.Kind is Domain.ExceptionKind.AmountShort or Domain.ExceptionKind.AmountOver ? Severity.High : Severity.Warning;
        foreach (var audience in (Audience[])[Audience.SalesOwner, Audience.Finance])
        {
            ctx.TryInsert(new Alert(
                RuleNames.ExceptionAlert,
                // A lowered receivable is one of the line's contracts: one alert per receivable, not per line.
                e.Kind == Domain.ExceptionKind.ReceivableLowered && e.Concern.ReceivableId is { } receivable
                    ? string.Create(Inv, $"exception:{e.LineId}:{e.Kind}:{receivable}:{audience.ToName()}")
                    : string.Create(Inv, $"exception:{e.LineId}:{e.Kind}:{audience.ToName()}"),
                audience,
                severity,
                RuleTexts.Headline(e),
                RuleTexts.NextStep(e.Kind, e.Concern),
                e.Concern));
        }
    }

    /// <summary>An escalation of a large or ageing exception to the finance manager, naming the threshold crossed.</summary>
    public static void Escalate(IContext ctx, MatchException e, RuleSettings s)
    {
        var age = s.AgeInDays(e.FirstSeen);
        var threshold = s.EscalationThreshold(e.Currency);
        var reasons = new List<string>();
        if (e.Amount >= threshold)
        {
            reasons.Add($"{RuleTexts.Money(e.Amount, e.Currency)} is at or above the escalation amount of {RuleTexts.Money(threshold, e.Currency)}");
        }

        if (age > s.EscalateAfterDays)
        {
            reasons.Add($"unresolved for {RuleTexts.Days(age)} (more than {RuleTexts.Days(s.EscalateAfterDays)}) since {e.FirstSeen.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        ctx.TryInsert(new Escalation(
            RuleNames.ExceptionEscalation,
            string.Create(Inv, $"escalation:{e.LineId}:{e.Kind}"),
            age > s.EscalateAfterDays && e.Amount >= threshold ? Severity.Critical : Severity.High,
            $"{RuleTexts.Headline(e)}: {string.Join("; ", reasons)}.",
            RuleTexts.NextStep(e.Kind, e.Concern) + " The sales owner and finance were alerted when it was first seen.",
            e.Concern));
    }

    /// <summary>A credit hold on the customer's next orders, and the alert about it to the sales owner and finance.</summary>
    public static void Hold(IContext ctx, string rule, string key, string reason, Concern concern, RuleSettings s)
    {
        var orders = s.HoldOrders == 1 ? "next order" : string.Create(Inv, $"next {s.HoldOrders} orders");
        ctx.TryInsert(new CreditHold(rule, key, reason, s.HoldOrders, concern));
        foreach (var audience in (Audience[])[Audience.SalesOwner, Audience.Finance])
        {
            ctx.TryInsert(new Alert(
                rule,
                $"hold:{key}:{audience.ToName()}",
                audience,
                Severity.High,
                $"Credit frozen for {concern.CustomerName}'s {orders}: {reason}",
                $"Do not release the customer's {orders} without finance's approval; the hold ends by itself when contract {concern.ContractNo} is paid, or finance can release it with `reconciler credit-holds release`.",
                concern)
            {
                Immediate = true,
            });
        }
    }

    /// <summary>
    /// The cause of a hold on an overdue receivable: more than the threshold past due with nothing paid. The reason
    /// holds no count of days, so it stays true while the hold is in force (and is not revised every day).
    /// </summary>
    public static void OverdueCause(IContext ctx, OverdueReceivable o, RuleSettings s) =>
        ctx.TryInsert(new HoldCause(
            RuleNames.OverdueCreditHold,
            string.Create(Inv, $"overdue:{o.Concern.ReceivableId}"),
            $"contract {o.Concern.ContractNo} of {RuleTexts.Money(o.Concern.Amount, o.Concern.Currency)} was due on {o.Concern.DueDate:yyyy-MM-dd}, is more than {RuleTexts.Days(s.OverdueDays)} overdue and nothing has been paid",
            o.Concern,
            o.PaymentPending));

    /// <summary>The cause of a hold for a short payment beyond tolerance, naming the line and what is still open now.</summary>
    public static void ShortPaymentCause(IContext ctx, MatchException e) =>
        ctx.TryInsert(new HoldCause(
            RuleNames.ShortPaymentCreditHold,
            string.Create(Inv, $"short:{e.LineId}:{e.Concern.ReceivableId}"),
            $"short payment of {RuleTexts.Money(e.Amount, e.Currency)} on contract {e.Concern.ContractNo}"
                + (e.Concern.OpenAmount is { } open ? $", {RuleTexts.Money(open, e.Currency)} still open" : "")
                + (e.Concern.File.Length > 0 ? string.Create(Inv, $" ({e.Concern.File} row {e.Concern.Row})") : ""),
            e.Concern));

    /// <summary>
    /// One hold per receivable for its cause: opened when none is in force (and no payment waits for a person);
    /// otherwise the hold with the cause's key (else the oldest) stays, revised when its key or reason differ, and any
    /// other hold on the receivable is released as covered by it. When the kept hold would take on a cause that was
    /// held before and released (<paramref name="releasedBefore"/>), the holds on the receivable are released instead:
    /// a cause released once is not held again.
    /// </summary>
    public static void InForce(IContext ctx, HoldCause c, IEnumerable<OpenCreditHold> holds, ReleasedCreditHold? releasedBefore, RuleSettings s)
    {
        var held = holds.OrderBy(h => h.HoldId).ToList();
        if (held.Count == 0)
        {
            if (!c.Waiting)
            {
                Hold(ctx, c.Rule, c.Key, c.Reason, c.Concern, s);
            }

            return;
        }

        var kept = held.FirstOrDefault(h => h.Key == c.Key) ?? held[0];
        if (kept.Key != c.Key && releasedBefore is { } before)
        {
            var released = string.Create(Inv, $"{before.ReleasedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by {before.ReleasedBy}");
            var why = before.ReleaseReason.Length > 0 ? $" ({before.ReleaseReason})" : "";
            foreach (var hold in held)
            {
                Release(
                    ctx,
                    RuleNames.CreditHoldInForce,
                    hold,
                    string.Create(Inv, $"what hold #{hold.HoldId} was for no longer applies ({hold.Reason}); now {c.Reason}, but that cause was held before by hold #{before.HoldId}, released on {released}{why}, and is not held again"));
            }

            return;
        }

        if (kept.Key == c.Key && !c.Waiting)
        {
            // Decided again, as every run does: the key is known, so the ledger does not open it twice, and its alerts
            // are deduplicated; a dry run (`rules test`) lists it as decided before.
            Hold(ctx, c.Rule, c.Key, c.Reason, c.Concern, s);
        }

        foreach (var other in held.Where(h => h.HoldId != kept.HoldId))
        {
            Release(
                ctx,
                RuleNames.CreditHoldInForce,
                other,
                string.Create(Inv, $"hold #{kept.HoldId} on contract {c.Concern.ContractNo} stays in force for it ({c.Reason}); one hold per receivable"),
                next: string.Create(Inv, $"Hold #{kept.HoldId} stays in force: the customer's orders stay held."));
        }

        if (kept.Key == c.Key && kept.Reason == c.Reason)
        {
            return;
        }

        ctx.TryInsert(new CreditHoldRevision(c.Rule, kept.HoldId, c.Key, c.Reason, kept.Key, kept.Reason, c.Concern));
        if (kept.Key == c.Key)
        {
            return; // the same cause with new figures: the ledger's audit log records it, nobody needs a message
        }

        foreach (var audience in (Audience[])[Audience.SalesOwner, Audience.Finance])
        {
            ctx.TryInsert(new Alert(
                c.Rule,
                string.Create(Inv, $"hold-revised:{kept.HoldId}:{c.Key}:{audience.ToName()}"),
                audience,
                Severity.High,
                string.Create(Inv, $"Credit hold #{kept.HoldId} on {c.Concern.CustomerName} stays in force, now because: {c.Reason}"),
                $"It was: {kept.Reason}. The customer's orders stay held as before; the hold ends by itself when contract {c.Concern.ContractNo} is paid, or finance can release it with `reconciler credit-holds release`.",
                c.Concern)
            {
                Immediate = true,
            });
        }
    }

    /// <summary>The release of a hold whose receivable is open but no longer calls for a hold, saying why.</summary>
    public static void Lapsed(IContext ctx, OpenCreditHold h, RuleSettings s)
    {
        var c = h.Concern;
        var paid = c.OpenAmount is { } open && open < c.Amount
            ? $" ({RuleTexts.Money(c.Amount - open, c.Currency)} of {RuleTexts.Money(c.Amount, c.Currency)} paid, {RuleTexts.Money(open, c.Currency)} still open)"
            : "";
        // Released by a payment: the hold for an overdue receivable with nothing paid, once something is paid.
        var byPayment = h.Key.StartsWith("overdue:", StringComparison.Ordinal) && paid.Length > 0 ? h.LastPayment : null;
        var why = h.Key.StartsWith("overdue:", StringComparison.Ordinal)
            ? paid.Length > 0
                ? $"a payment was applied to contract {c.ContractNo}{paid}{PaidBy(byPayment, ",")}: the hold for an overdue receivable with nothing paid no longer applies, and no short payment beyond tolerance calls for one"
                : $"contract {c.ContractNo} (due {c.DueDate:yyyy-MM-dd}) is no longer more than {RuleTexts.Days(s.OverdueDays)} overdue with nothing paid"
            : $"the short payment on contract {c.ContractNo} no longer stands as an exception (decided or undone by a person){paid}, and the contract is not more than {RuleTexts.Days(s.OverdueDays)} overdue with nothing paid";
        Release(ctx, RuleNames.CreditHoldLapsed, h, why, byPayment);
    }

    /// <summary>The release of a hold whose receivable is settled, and the alert about it.</summary>
    public static void Release(IContext ctx, OpenCreditHold h)
    {
        var cancelled = h.ReceivableStatus == "cancelled";
        var payment = cancelled || h.PaidInErp ? null : h.LastPayment;
        var how = cancelled
            ? $"contract {h.Concern.ContractNo} was cancelled in the ERP"
            : h.PaidInErp
                ? $"contract {h.Concern.ContractNo} is marked paid in the ERP"
            : h.ConfirmedByPerson
                ? $"contract {h.Concern.ContractNo} is paid (confirmed by a person){PaidBy(payment, "")}"
                : $"contract {h.Concern.ContractNo} is paid (matched){PaidBy(payment, "")}";
        Release(ctx, RuleNames.CreditRelease, h, how, payment);
    }

    /// <summary>
    /// A release of hold <paramref name="h"/> by <paramref name="rule"/>, and the alerts about it; about
    /// <paramref name="payment"/>'s line too when a payment released it (as the alert of a hold names the line that
    /// caused it).
    /// </summary>
    private static void Release(IContext ctx, string rule, OpenCreditHold h, string how, PaymentLine? payment = null, string next = "Orders from this customer can go ahead as usual.")
    {
        var concern = payment is null
            ? h.Concern
            : h.Concern with { LineId = payment.LineId, File = payment.File, Row = payment.Row, BankRef = payment.BankRef, PaymentDate = payment.Date };
        ctx.TryInsert(new CreditRelease(rule, h.HoldId, how, concern));
        foreach (var audience in (Audience[])[Audience.SalesOwner, Audience.Finance])
        {
            ctx.TryInsert(new Alert(
                rule,
                string.Create(Inv, $"release:{h.HoldId}:{audience.ToName()}"),
                audience,
                Severity.Info,
                $"Credit hold released for {h.Concern.CustomerName}: {how}",
                next,
                concern));
        }
    }

    /// <summary>
    /// " by the payment in march.csv row 2: 2026-03-02, 10,000.00 CNY from Lakeside Clinic, bank reference B-0002"
    /// (after <paramref name="before"/>); empty for no payment.
    /// </summary>
    private static string PaidBy(PaymentLine? p, string before) =>
        p is null
            ? ""
            : string.Create(
                Inv,
                $"{before} by the payment in {p.File} row {p.Row}: {p.Date:yyyy-MM-dd}, {RuleTexts.Money(p.Amount, p.Currency)}{(p.Payer.Length > 0 ? " from " + p.Payer : "")}{(p.BankRef.Length > 0 ? ", bank reference " + p.BankRef : "")}");

    /// <summary>A flag to the sales manager for a customer whose days-to-pay vary too much.</summary>
    public static void CycleFlag(IContext ctx, CustomerPaymentCycle c, RuleSettings s)
    {
        var days = string.Join(", ", c.Paid.Select(p => string.Create(Inv, $"{p.ContractNo}: {p.DaysToPay}")));
        ctx.TryInsert(new Flag(
            RuleNames.PaymentCycleFlag,
            string.Create(Inv, $"cycle:{c.Concern.CustomerId}:{c.Concern.ReceivableId}"),
            Severity.Warning,
            $"{c.Concern.CustomerName}'s days-to-pay over its last {c.Paid.Count} paid receivables ({days}) vary by {RuleTexts.Days(c.StandardDeviationDays)} (standard deviation; healthy is at most {RuleTexts.Days(s.HealthyCycleDays)}, flagged above {RuleTexts.Days(s.FlagCycleDays)})",
            "Check the customer's contract terms and deliveries with the sales owner: unsteady payment usually means unclear terms or disputed deliveries.",
            c.Concern));
    }

    /// <summary>The alerts of a rule declared in configuration.</summary>
    public static void Threshold(IContext ctx, MatchException e, ThresholdRule rule)
    {
        foreach (var audience in rule.Audiences)
        {
            ctx.TryInsert(ThresholdAlert(e, rule, audience, ""));
        }

        foreach (var address in rule.Addresses)
        {
            ctx.TryInsert(ThresholdAlert(e, rule, Audience.Named, address));
        }
    }

    private static Alert ThresholdAlert(MatchException e, ThresholdRule rule, Audience audience, string address) =>
        new(
            rule.Name,
            string.Create(Inv, $"rule:{rule.Name}:{e.LineId}:{e.Kind}:{(address.Length > 0 ? address.ToLowerInvariant() : audience.ToName())}"),
            audience,
            rule.Severity,
            RuleTexts.Headline(e),
            RuleTexts.NextStep(e.Kind, e.Concern),
            e.Concern)
        {
            Address = address,
            Immediate = rule.Immediate,
        };
}
