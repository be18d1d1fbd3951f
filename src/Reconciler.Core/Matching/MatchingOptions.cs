using System.ComponentModel.DataAnnotations;

namespace Reconciler.Matching;

/// <summary>Settings of the matcher. Bound from the <c>Matching</c> configuration section.</summary>
public sealed class MatchingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Matching";

    /// <summary>Amount tolerance in percent of the open amount (3 means ±3%).</summary>
    [Range(0.0, 50.0)]
    public decimal TolerancePercent { get; init; } = 3m;

    /// <summary>Optional absolute cap on the tolerance, in the payment's currency; null for no cap.</summary>
    [Range(0.0, 1e12)]
    public decimal? ToleranceCap { get; init; }

    /// <summary>How long before the issue date a payment may arrive and still be in the window.</summary>
    public TimeSpan EarlyWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long after the due date a payment may arrive and still be in the window.</summary>
    public TimeSpan LateWindow { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Two candidates whose scores differ by less than this (0 to 1) are never matched automatically.</summary>
    [Range(0.0, 1.0)]
    public double AmbiguityMargin { get; init; } = 0.05;

    /// <summary>Whether a referenced payment clearly below the open amount is applied as a partial payment.</summary>
    public bool AllowPartialPayments { get; init; } = true;

    /// <summary>
    /// A payment short beyond tolerance but at least this share of the open amount (0 to 1) is reported as a
    /// short payment (<c>AmountShort</c>) rather than an installment; both are applied as partial.
    /// </summary>
    [Range(0.0, 1.0)]
    public decimal ShortPaymentShare { get; init; } = 0.75m;

    /// <summary>
    /// Most references in one memo considered together as a combined payment (at most 16: groups of them are
    /// tried one by one, so the work doubles with each one).
    /// </summary>
    [Range(1, 16)]
    public int MaxCombinedReferences { get; init; } = 12;

    /// <summary>Most candidates listed for a suggested line.</summary>
    [Range(1, 50)]
    public int MaxCandidates { get; init; } = 5;

    /// <summary>Checks the options and returns one message per problem, naming the setting and its unit.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"{Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (EarlyWindow < TimeSpan.Zero || EarlyWindow > TimeSpan.FromDays(3650))
        {
            problems.Add($"{Section}:EarlyWindow must be between 0 and 3650 days (a time span such as \"30.00:00:00\"); it is {EarlyWindow}.");
        }

        if (LateWindow < TimeSpan.Zero || LateWindow > TimeSpan.FromDays(3650))
        {
            problems.Add($"{Section}:LateWindow must be between 0 and 3650 days (a time span such as \"90.00:00:00\"); it is {LateWindow}.");
        }

        if (EarlyWindow.Ticks % TimeSpan.TicksPerDay != 0 || LateWindow.Ticks % TimeSpan.TicksPerDay != 0)
        {
            problems.Add($"{Section}:EarlyWindow and {Section}:LateWindow are whole days; got {EarlyWindow} and {LateWindow}.");
        }

        return problems;
    }

    /// <summary>The tolerance for an open amount: the percentage, capped by <see cref="ToleranceCap"/> when set.</summary>
    public decimal ToleranceFor(decimal openAmount)
    {
        var tolerance = Math.Abs(openAmount) * TolerancePercent / 100m;
        return ToleranceCap is { } cap && cap < tolerance ? cap : tolerance;
    }
}
