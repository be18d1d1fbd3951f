using Reconciler.Domain;

namespace Reconciler.Files.Tests;

/// <summary>Domain values for the tests.</summary>
internal static class Samples
{
    public static Receivable Receivable(string contractNo = "KL26-004512", decimal amount = 10_000m) =>
        new(contractNo, "C0042", "上海第一人民医院", amount, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "li.wei@example.com");

    public static StatementLine Line(int row = 2, decimal amount = 9_950m, string payer = "上海第一人民医院", string memo = "货款 KL26-004512", string bankRef = "BR0001") =>
        new("statement-a.csv", row, bankRef, new DateOnly(2026, 2, 10), amount, "CNY", payer, "6222 0200 1234", memo);

    public static MatchResult Result(
        StatementLine? line = null,
        MatchStatus status = MatchStatus.Matched,
        IReadOnlyList<Allocation>? allocations = null,
        decimal difference = -50m,
        double confidence = 0.97,
        string rule = "reference-amount-window",
        string explanation = "contract KL26-004512 in memo; 9,950.00 vs open 10,000.00 (−0.50%, within ±3%)") =>
        new()
        {
            Line = line ?? Line(),
            Status = status,
            Allocations = allocations ?? [new Allocation(Receivable(), 9_950m)],
            Difference = difference,
            Confidence = confidence,
            Rule = rule,
            Explanation = explanation,
        };
}
