namespace Reconciler.Storage;

/// <summary>
/// Money in the database: whole ten-thousandths in a 64-bit integer. Exact in every dialect (SQLite has no
/// decimal type and would fall back to binary floating point), comparable in SQL (a conditional update can check
/// an open amount), and wide enough for ±922 trillion.
/// </summary>
internal static class Money
{
    private const decimal Scale = 10_000m;

    /// <summary>The stored value of an amount; throws for an amount with more than four decimals.</summary>
    public static long ToUnits(decimal amount)
    {
        var scaled = amount * Scale;
        return scaled == decimal.Truncate(scaled)
            ? decimal.ToInt64(scaled)
            : throw new ArgumentException($"{amount} has more than four decimals; the ledger keeps amounts to 0.0001.", nameof(amount));
    }

    /// <summary>The amount of a stored value.</summary>
    public static decimal FromUnits(long units) => units / Scale;
}
