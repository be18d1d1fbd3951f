namespace Reconciler.Files;

/// <summary>
/// What the values of a direction column mean: money in (<c>收入</c>, <c>C</c>, <c>贷</c>, <c>CREDIT</c>), money
/// out (<c>支出</c>, <c>D</c>, <c>借</c>, <c>DEBIT</c>), or neither (<c>不计收支</c>, <c>/</c>). Matched trimmed,
/// without case; any other value is an error naming the three lists.
/// </summary>
public sealed record DirectionValues
{
    /// <summary>Values that mean money in.</summary>
    public IReadOnlyList<string> Credit { get; init; } = [];

    /// <summary>Values that mean money out.</summary>
    public IReadOnlyList<string> Debit { get; init; } = [];

    /// <summary>Values that mean neither (kept as neutral lines, never matched).</summary>
    public IReadOnlyList<string> Neutral { get; init; } = [];
}
