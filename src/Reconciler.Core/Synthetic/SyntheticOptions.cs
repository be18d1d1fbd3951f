using System.Collections.Frozen;
using System.Globalization;

namespace Reconciler.Synthetic;

/// <summary>What <see cref="SyntheticGenerator"/> generates. Every default is realistic; only the count is required.</summary>
public sealed class SyntheticOptions
{
    /// <summary>Most receivables one data set may have.</summary>
    public const int MaxReceivables = 10_000_000;

    /// <summary>How many receivables to generate.</summary>
    public int Receivables { get; init; }

    /// <summary>The seed of the one random generator: the same options give the same data set.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The first day of the period the statements cover; receivables are issued across the period.</summary>
    public DateOnly Start { get; init; } = new(2026, 1, 5);

    /// <summary>The length of the period, in days.</summary>
    public int PeriodDays { get; init; } = 365;

    /// <summary>Share (0 to 1) of receivables that get no payment at all.</summary>
    public double UnpaidShare { get; init; } = 0.18;

    /// <summary>Average receivables per customer (each customer has 2 to twice this minus 2).</summary>
    public int ReceivablesPerCustomer { get; init; } = 8;

    /// <summary>Share (0 to 1) of customers billed in USD or EUR rather than CNY.</summary>
    public double ForeignCurrencyShare { get; init; } = 0.1;

    /// <summary>Share (0 to 1) of customer payments whose payer name is in the bank's spelling (upper case, no legal form, full-width).</summary>
    public double BankSpellingShare { get; init; } = 0.3;

    /// <summary>Share (0 to 1) of the period export A covers, from the start.</summary>
    public double ExportAShare { get; init; } = 0.6;

    /// <summary>Share (0 to 1) of the period export B covers, up to the end; A and B together cover it all, overlapping.</summary>
    public double ExportBShare { get; init; } = 0.5;

    /// <summary>
    /// Share of statement lines (before the overlap copies) per case; relative weights, need not add up to 1.
    /// <see cref="SyntheticCase.Overlap"/> is ignored: the overlap follows from the two exports' coverage.
    /// A missing case gets no line.
    /// </summary>
    public IReadOnlyDictionary<SyntheticCase, double> CaseShares { get; init; } = DefaultCaseShares;

    /// <summary>The default mix: exact 45%, bank fee 10%, reference variant 10%, typo 3%, no reference 5%, combined 4%, installments 4%, short 3%, over 2%, outside window 2%, identical amounts 2%, unrelated income 3%, debits 5%.</summary>
    public static IReadOnlyDictionary<SyntheticCase, double> DefaultCaseShares { get; } = new Dictionary<SyntheticCase, double>
    {
        [SyntheticCase.Exact] = 0.45,
        [SyntheticCase.BankFee] = 0.10,
        [SyntheticCase.ReferenceVariant] = 0.10,
        [SyntheticCase.Typo] = 0.03,
        [SyntheticCase.NoReference] = 0.05,
        [SyntheticCase.Combined] = 0.04,
        [SyntheticCase.Installment] = 0.04,
        [SyntheticCase.ShortPayment] = 0.03,
        [SyntheticCase.OverPayment] = 0.02,
        [SyntheticCase.OutsideWindow] = 0.02,
        [SyntheticCase.IdenticalAmounts] = 0.02,
        [SyntheticCase.UnrelatedIncome] = 0.03,
        [SyntheticCase.Debit] = 0.05,
    }.ToFrozenDictionary();

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (Receivables is < 0 or > MaxReceivables)
        {
            problems.Add(string.Create(inv, $"Receivables must be between 0 and {MaxReceivables:N0}; it is {Receivables:N0}."));
        }

        if (PeriodDays is < 30 or > 3650)
        {
            problems.Add(string.Create(inv, $"PeriodDays must be between 30 and 3650; it is {PeriodDays}."));
        }

        if (Start.Year < 2000 || Start.AddDays(Math.Clamp(PeriodDays, 0, 3650)).Year > 2099)
        {
            problems.Add(string.Create(inv, $"Start must be such that the period lies within 2000…2099 (contract numbers carry two-digit years); it is {Start:yyyy-MM-dd}."));
        }

        if (ReceivablesPerCustomer is < 2 or > 1000)
        {
            problems.Add(string.Create(inv, $"ReceivablesPerCustomer must be between 2 and 1000; it is {ReceivablesPerCustomer}."));
        }

        Share(problems, nameof(UnpaidShare), UnpaidShare, 0, 0.95);
        Share(problems, nameof(ForeignCurrencyShare), ForeignCurrencyShare, 0, 1);
        Share(problems, nameof(BankSpellingShare), BankSpellingShare, 0, 1);
        Share(problems, nameof(ExportAShare), ExportAShare, 0.05, 1);
        Share(problems, nameof(ExportBShare), ExportBShare, 0.05, 1);
        if (ExportAShare + ExportBShare < 1)
        {
            problems.Add(string.Create(inv, $"ExportAShare + ExportBShare must be at least 1 so that the exports cover the period; they are {ExportAShare} + {ExportBShare}."));
        }

        if (CaseShares is null)
        {
            problems.Add("CaseShares must be given.");
        }
        else
        {
            var total = 0.0;
            foreach (var (key, value) in CaseShares)
            {
                if (!double.IsFinite(value) || value < 0)
                {
                    problems.Add(string.Create(inv, $"CaseShares[{key}] must be a non-negative number; it is {value}."));
                }
                else if (key != SyntheticCase.Overlap)
                {
                    total += value;
                }
            }

            if (total <= 0)
            {
                problems.Add("CaseShares must give at least one case a positive share.");
            }
        }

        return problems;
    }

    private static void Share(List<string> problems, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; it is {value}."));
        }
    }
}
