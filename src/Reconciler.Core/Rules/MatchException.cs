using Reconciler.Domain;

namespace Reconciler.Rules;

/// <summary>
/// Fact: a statement line the matcher could not settle on its own, still unresolved, as the ledger holds it
/// (one per line and kind).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The design names the fact MatchException: a matching exception in the finance sense, not a .NET exception.")]
public sealed record MatchException
{
    /// <summary>The ledger id of the statement line.</summary>
    public required long LineId { get; init; }

    /// <summary>Why the line is an exception.</summary>
    public required ExceptionKind Kind { get; init; }

    /// <summary>When the ledger first recorded this exception; its age is measured from here.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>The customer group (from configuration) of the customer concerned; empty when none.</summary>
    public string CustomerGroup { get; init; } = "";

    /// <summary>True while the receivable concerned (if any) is still open.</summary>
    public bool ReceivableOpen { get; init; }

    /// <summary>Payment minus the open amount(s) it was compared with.</summary>
    public decimal Difference { get; init; }

    /// <summary>The line, the customer and contract it was tied to (if any), the figures and the matcher's explanation.</summary>
    public required Concern Concern { get; init; }

    /// <summary>The payment's amount (shorthand for <see cref="Concern"/>'s).</summary>
    public decimal Amount => Concern.Amount;

    /// <summary>The payment's currency (shorthand for <see cref="Concern"/>'s).</summary>
    public string Currency => Concern.Currency;
}
