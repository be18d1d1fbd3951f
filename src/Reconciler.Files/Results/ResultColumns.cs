namespace Reconciler.Files;

/// <summary>The columns of the results report (CSV and XLSX), in order.</summary>
public static class ResultColumns
{
    private static readonly string[] AllNames =
    [
        "file", "row", "bank_ref", "date", "amount", "currency", "payer", "status",
        "contracts", "allocated", "difference", "confidence", "rule", "explanation",
    ];

    /// <summary>
    /// <c>file, row, bank_ref, date, amount, currency, payer, status, contracts, allocated, difference,
    /// confidence, rule, explanation</c>.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(AllNames);

    /// <summary>The names for a writer.</summary>
    internal static ReadOnlySpan<string> Span => AllNames;
}
