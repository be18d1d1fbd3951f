namespace Reconciler.Matching;

// Parts of the sentences of suggestions by payer or typo and of unmatched lines, written straight into the
// sentence (see TextParts.cs); each writes exactly what the evaluator's interpolated text wrote.

/// <summary><c>"X1" in memo is no open contract</c>, or <c>no contract number in memo</c> when the memo names none.</summary>
internal readonly struct UnknownReferenceText(string? unknown) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        unknown is { Length: > 0 }
            ? destination.TryWrite($"\"{unknown}\" in memo is no open contract", out charsWritten)
            : destination.TryWrite($"no contract number in memo", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => unknown is { Length: > 0 } ? $"\"{unknown}\" in memo is no open contract" : "no contract number in memo";
}

/// <summary>
/// <c>{unknown reference}; payer is customer C1 Name (recognised by …)</c>, or <c>… payer is one of 2 customers
/// named Name …</c>.
/// </summary>
internal readonly struct PayerText(SentenceFigures figures) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        figures.CustomerCount == 1
            ? destination.TryWrite($"{new UnknownReferenceText(figures.Text)}; payer is customer {figures.CustomerId} {figures.CustomerName} (recognised by {figures.RecognisedBy})", out charsWritten)
            : destination.TryWrite($"{new UnknownReferenceText(figures.Text)}; payer is one of {figures.CustomerCount} customers named {figures.CustomerName} (recognised by {figures.RecognisedBy})", out charsWritten);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[512];
        return TryFormat(buffer, out var written, default, null) ? new string(buffer[..written]) : string.Create(null, $"{this}");
    }
}

/// <summary><c>; 2 more candidates listed</c> (or <c>… score within the ambiguity margin</c>); empty for one candidate.</summary>
internal readonly struct OthersText(int shown, bool ambiguous) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (shown <= 1)
        {
            charsWritten = 0;
            return true;
        }

        return destination.TryWrite($"; {shown - 1} more candidate{(shown > 2 ? "s" : "")}{(ambiguous ? " score within the ambiguity margin" : " listed")}", out charsWritten);
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[128];
        _ = TryFormat(buffer, out var written, default, null);
        return new string(buffer[..written]);
    }
}
