namespace Reconciler.Rules;

/// <summary>
/// Fact: a customer's last paid receivables, newest first, and how steady its days-to-pay are (the population
/// standard deviation of days from issue to payment).
/// </summary>
public sealed record CustomerPaymentCycle
{
    /// <summary>The customer (id, name, sales owner) and, as contract, the newest paid receivable.</summary>
    public required Concern Concern { get; init; }

    /// <summary>The last paid receivables, newest first.</summary>
    public required IReadOnlyList<PaidReceivable> Paid { get; init; }

    /// <summary>Population standard deviation of <see cref="PaidReceivable.DaysToPay"/> over <see cref="Paid"/>, in days.</summary>
    public double StandardDeviationDays => StandardDeviation(Paid.Select(p => (double)p.DaysToPay).ToList());

    /// <summary>Mean days-to-pay over <see cref="Paid"/>.</summary>
    public double MeanDays => Paid.Count == 0 ? 0 : Paid.Average(p => (double)p.DaysToPay);

    /// <summary>The population standard deviation of <paramref name="values"/> (0 for fewer than two).</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
