using System.Globalization;

namespace Reconciler.Domain;

/// <summary>
/// The amounts Reconciler takes, with a ledger or without: to 0.0001 (four decimals) and up to <see cref="MaxAmount"/>
/// either sign, since a ledger keeps money as whole ten-thousandths in a 64-bit integer. The readers check every amount
/// against these while they read, so an amount a run without a ledger takes a ledger keeps too, and the ledger checks
/// what it is given against the same.
/// </summary>
public static class AmountLimits
{
    /// <summary>The most decimals an amount may have.</summary>
    public const int Decimals = 4;

    /// <summary>The largest amount taken, either sign: <see cref="long.MaxValue"/> ten-thousandths.</summary>
    public const decimal MaxAmount = long.MaxValue / 10_000m;

    /// <summary>What about <paramref name="amount"/> cannot be taken (more than four decimals, or too large), or null when it fits.</summary>
    public static string? Problem(decimal amount) =>
        // The scale is the fast answer; 1.50000 (scale 5) is still 1.5, so a larger scale is checked by value.
        amount.Scale > Decimals && decimal.Round(amount, Decimals) != amount
            ? "amounts are kept to 0.0001 (four decimals); this one has more"
            : Math.Abs(amount) > MaxAmount
                ? TooLarge
                : null;

    /// <summary>
    /// The problem of an amount beyond <see cref="MaxAmount"/>, also for one too large to be read at all (a workbook's
    /// number cell of 1E+30): the same words whichever reader refuses it.
    /// </summary>
    public static string TooLarge { get; } = string.Create(CultureInfo.InvariantCulture, $"amounts are kept up to {MaxAmount:#,##0.####}");
}
