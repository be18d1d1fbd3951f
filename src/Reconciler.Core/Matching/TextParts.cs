using Reconciler.Domain;

namespace Reconciler.Matching;

// Parts of explanation sentences that format themselves straight into the sentence being written (an interpolated
// string handler over a buffer: a stack buffer when a string is made, a file writer's scratch otherwise), so that a
// sentence costs at most one string instead of one per figure. Each writes exactly what the Text method of the same
// name returns, and returns false only when the destination is too short.

/// <summary>An amount as <see cref="Text.Money"/> writes it.</summary>
internal readonly struct MoneyText(decimal amount) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Text.TryMoney(amount, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => Text.Money(amount);

    public override string ToString() => Text.Money(amount);
}

/// <summary>A date as <see cref="Text.Date"/> writes it.</summary>
internal readonly struct DateText(DateOnly date) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Text.TryDate(date, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => Text.Date(date);

    public override string ToString() => Text.Date(date);
}

/// <summary>A signed percentage as <see cref="Text.Percent"/> writes it.</summary>
internal readonly struct PercentText(decimal part, decimal whole) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Text.TryPercent(part, whole, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => Text.Percent(part, whole);

    public override string ToString() => Text.Percent(part, whole);
}

/// <summary><c>contract KL26-004512</c>, or <c>contracts A, B</c> for several receivables (their numbers as written).</summary>
internal readonly struct ContractsText(IReadOnlyList<int> receivables, IReadOnlyList<Receivable> all) : ISpanFormattable, IContractNumbers
{
    public int Count => receivables.Count;

    public string At(int i) => all[receivables[i]].ContractNo;

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        ContractsWriter.TryWrite(this, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => ContractsWriter.Text(this);
}

/// <summary>
/// <c>9,950.00 vs open 10,000.00 (-0.50%</c>: a payment against the open amount (<c>open total</c> for several
/// receivables) and the difference in percent of it; the caller closes the parenthesis.
/// </summary>
internal readonly struct ComparisonText(decimal amount, decimal total, int receivables) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => receivables == 1
        ? destination.TryWrite($"{new MoneyText(amount)} vs open {new MoneyText(total)} ({new PercentText(amount - total, total)}", out charsWritten)
        : destination.TryWrite($"{new MoneyText(amount)} vs open total {new MoneyText(total)} ({new PercentText(amount - total, total)}", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[256];
        _ = TryFormat(buffer, out var written, default, null);
        return new string(buffer[..written]);
    }
}

/// <summary>
/// <c>paid 2026-02-10, window 2026-01-01…2026-05-01</c> for one receivable, <c>paid 2026-02-10, inside every
/// window</c> for several.
/// </summary>
internal readonly struct WindowText(DateOnly paid, DateOnly from, DateOnly to, bool single) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) => single
        ? destination.TryWrite($"paid {new DateText(paid)}, window {new DateText(from)}…{new DateText(to)}", out charsWritten)
        : destination.TryWrite($"paid {new DateText(paid)}, inside every window", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[128];
        _ = TryFormat(buffer, out var written, default, null);
        return new string(buffer[..written]);
    }

    /// <summary>The part for a payment: the window of the only receivable it pays (<paramref name="only"/>), or, for several (null), every window.</summary>
    public static WindowText For(DateOnly paid, WindowRange? only) =>
        only is { } window ? new WindowText(paid, window.From, window.To, single: true) : new WindowText(paid, default, default, single: false);
}

/// <summary>A receivable's date window: <c>2026-01-01…2026-05-01</c> as text.</summary>
internal readonly record struct WindowRange(DateOnly From, DateOnly To) : ISpanFormattable
{
    /// <summary>
    /// The days a payment of <paramref name="receivable"/> may fall in: from its issue date less the early window to its
    /// due date plus the late window, kept within the calendar (ERPs write 9999-12-31 for "no due date").
    /// </summary>
    public static WindowRange Of(Receivable receivable, MatchingOptions options) =>
        new(
            DateOnly.FromDayNumber(Math.Max(DateOnly.MinValue.DayNumber, receivable.IssueDate.DayNumber - (int)options.EarlyWindow.TotalDays)),
            DateOnly.FromDayNumber((int)Math.Min(DateOnly.MaxValue.DayNumber, (long)receivable.DueDate.DayNumber + (int)options.LateWindow.TotalDays)));

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite($"{new DateText(From)}…{new DateText(To)}", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => $"{Text.Date(From)}…{Text.Date(To)}";
}

/// <summary>What <see cref="ContractsText"/> writes for the receivables of a result's allocations, in their order.</summary>
internal readonly struct AllocatedContractsText(IReadOnlyList<Allocation> allocations) : ISpanFormattable, IContractNumbers
{
    public int Count => allocations.Count;

    public string At(int i) => allocations[i].Receivable.ContractNo;

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        ContractsWriter.TryWrite(this, destination, out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => ContractsWriter.Text(this);
}

/// <summary>Contract numbers in order, as <see cref="ContractsWriter"/> writes them.</summary>
internal interface IContractNumbers
{
    /// <summary>How many numbers there are.</summary>
    int Count { get; }

    /// <summary>The <paramref name="i"/>-th number, as written in the receivables.</summary>
    string At(int i);
}

/// <summary>Writes <c>contract A</c> or <c>contracts A, B</c>; generic over the source so that no struct is boxed.</summary>
internal static class ContractsWriter
{
    public static bool TryWrite<T>(T numbers, Span<char> destination, out int charsWritten)
        where T : struct, IContractNumbers
    {
        charsWritten = 0;
        var head = numbers.Count == 1 ? "contract " : "contracts ";
        if (!head.TryCopyTo(destination))
        {
            return false;
        }

        var written = head.Length;
        for (var i = 0; i < numbers.Count; i++)
        {
            if (i > 0)
            {
                if (!", ".TryCopyTo(destination[written..]))
                {
                    return false;
                }

                written += 2;
            }

            var contract = numbers.At(i);
            if (!contract.TryCopyTo(destination[written..]))
            {
                return false;
            }

            written += contract.Length;
        }

        charsWritten = written;
        return true;
    }

    public static string Text<T>(T numbers)
        where T : struct, IContractNumbers
    {
        if (numbers.Count == 1)
        {
            return "contract " + numbers.At(0);
        }

        var contracts = new string[numbers.Count];
        for (var i = 0; i < contracts.Length; i++)
        {
            contracts[i] = numbers.At(i);
        }

        return "contracts " + string.Join(", ", contracts);
    }
}
