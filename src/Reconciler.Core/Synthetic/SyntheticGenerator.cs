namespace Reconciler.Synthetic;

/// <summary>
/// Generates realistic receivables, two overlapping statement exports and the right answer for every line,
/// deterministically from a seed: the same options always give the same data set.
/// </summary>
/// <remarks>
/// Every paid receivable belongs to exactly one situation (<see cref="SyntheticCase"/>); a payment without a
/// reference never fits another receivable of its customer, and a typo is never one edit from another contract,
/// so each answer is unambiguous. One million receivables take a few seconds and well under a gigabyte beyond
/// the data set itself.
/// </remarks>
public static class SyntheticGenerator
{
    /// <summary>The file name of the first export, covering the start of the period.</summary>
    public const string StatementA = "statement-a.csv";

    /// <summary>The file name of the second export, covering the end of the period and overlapping the first.</summary>
    public const string StatementB = "statement-b.csv";

    /// <summary>Generates a data set.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public static SyntheticDataSet Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid synthetic options: " + string.Join(" ", problems), nameof(options));
        }

        return new SyntheticRun(options).Run();
    }
}
