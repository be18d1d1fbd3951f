using System.Globalization;
using System.Text;
using Reconciler.Rules;

namespace Reconciler.Worker.Alerts;

/// <summary>The words of an alert: its subject, plain-text body and the concern's facts as label/value pairs.</summary>
internal static class AlertText
{
    /// <summary>Subjects longer than this are cut with an ellipsis.</summary>
    public const int MaxSubject = 200;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"[HIGH] Short payment: Contoso Ltd, contract KL-1, 9,500.00 EUR" (an escalation says so), on one line.</summary>
    public static string Subject(string severity, string kind, string headline)
    {
        var prefix = kind == "escalation" ? "Escalation: " : "";
        return OneLine($"[{severity.ToUpperInvariant()}] {prefix}{headline}", MaxSubject);
    }

    /// <summary>The concern's known facts as label and value, in reading order.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(Concern c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var facts = new List<(string, string)>();
        if (c.CustomerName.Length > 0 || c.CustomerId.Length > 0)
        {
            facts.Add(("Customer", c.CustomerId.Length > 0
                ? (c.CustomerName.Length > 0 ? $"{c.CustomerName} (customer {c.CustomerId})" : $"customer {c.CustomerId}")
                : $"{c.CustomerName} (payer as the bank wrote it; customer unknown)"));
        }

        if (c.SalesOwner.Length > 0)
        {
            facts.Add(("Sales owner", c.SalesOwner));
        }

        if (c.ContractNo.Length > 0)
        {
            facts.Add(("Contract", c.ContractNo));
        }

        if (c.Amount != 0 || c.Currency.Length > 0)
        {
            facts.Add(("Amount", RuleTexts.Money(c.Amount, c.Currency)));
        }

        if (c.OpenAmount is { } open)
        {
            facts.Add(("Still open", RuleTexts.Money(open, c.OpenCurrency ?? c.Currency)));
        }

        if (c.PaymentDate is { } paid)
        {
            facts.Add(("Paid on", paid.ToString("yyyy-MM-dd", Inv)));
        }

        if (c.DueDate is { } due)
        {
            facts.Add(("Due", due.ToString("yyyy-MM-dd", Inv)));
        }

        if (c.File.Length > 0 || c.Row > 0 || c.BankRef.Length > 0)
        {
            var line = new List<string>();
            if (c.File.Length > 0)
            {
                line.Add(c.File);
            }

            if (c.Row > 0)
            {
                line.Add(string.Create(Inv, $"row {c.Row}"));
            }

            if (c.BankRef.Length > 0)
            {
                line.Add($"bank reference {c.BankRef}");
            }

            facts.Add(("Statement", string.Join(", ", line)));
        }

        if (c.Explanation.Length > 0)
        {
            facts.Add(("Matcher", c.Explanation));
        }

        return facts;
    }

    /// <summary>The plain-text body: what happened, the facts, what to do next, notes, and the rule that decided.</summary>
    public static string Body(AlertPayload p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var text = new StringBuilder();
        text.Append(p.Headline).Append('\n').Append('\n');
        var facts = Facts(p.Concern);
        var width = facts.Count == 0 ? 0 : facts.Max(f => f.Label.Length) + 2;
        foreach (var (label, value) in facts)
        {
            text.Append((label + ":").PadRight(width)).Append(value).Append('\n');
        }

        if (facts.Count > 0)
        {
            text.Append('\n');
        }

        if (p.NextStep.Length > 0)
        {
            text.Append("What to do next: ").Append(p.NextStep).Append('\n').Append('\n');
        }

        foreach (var note in p.Notes)
        {
            text.Append("Note: ").Append(note).Append('\n').Append('\n');
        }

        text.Append(Footer(p)).Append('\n');
        return text.ToString();
    }

    /// <summary>"Rule exception-alert, rule set 3; an alert for finance."</summary>
    public static string Footer(AlertPayload p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var article = p.Kind.Length > 0 && "aeiou".Contains(p.Kind[0], StringComparison.Ordinal) ? "an" : "a";
        return $"Rule {p.Rule}, rule set {p.RuleSetVersion}; {article} {p.Kind} for {p.Audience}.";
    }

    /// <summary><paramref name="text"/> with line breaks and other control characters made spaces, cut to <paramref name="max"/> characters.</summary>
    public static string OneLine(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = new string(chars).Trim();
        return line.Length <= max ? line : string.Concat(Head(line, max - 1).TrimEnd(), "…");
    }

    /// <summary><paramref name="text"/> cut to at most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(Head(text, max - 1), "…");
    }

    /// <summary>The first <paramref name="length"/> characters, one fewer rather than half a surrogate pair.</summary>
    private static ReadOnlySpan<char> Head(string text, int length) =>
        text.AsSpan(0, length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length);
}
