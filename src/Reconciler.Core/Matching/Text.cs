using System.Globalization;
using System.Text;

namespace Reconciler.Matching;

/// <summary>Text helpers shared by the normalisers and the memo scanner.</summary>
internal static class Text
{
    /// <summary>
    /// Applies Unicode NFKC (full-width forms become ASCII, the ideographic space a space). Text made only of
    /// ASCII, CJK ideographs, CJK punctuation and full-width forms, which is nearly every bank memo and name, is
    /// folded here without calling ICU, with the same result NFKC gives; anything else goes through
    /// <see cref="string.Normalize(NormalizationForm)"/>.
    /// </summary>
    public static string FoldWidth(string text)
    {
        var fold = false;
        foreach (var c in text)
        {
            if (c < 0x80 || c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3001' and <= '\u3035'))
            {
                continue;
            }

            if (c is '\u3000' or (>= '\uFF01' and <= '\uFF5E'))
            {
                fold = true;
                continue;
            }

            return text.Normalize(NormalizationForm.FormKC);
        }

        return fold ? FoldFullWidth(text) : text;
    }

    private static string FoldFullWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c == '\u3000' ? ' ' : c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
        }
    });

    /// <summary>
    /// Characters that may stand between the parts of one contract number in a memo (<c>KL26-004512</c>,
    /// <c>KL26 004512</c>, <c>HT2026/0458</c>, <c>PO#2026-0458</c>): every character the key normaliser drops
    /// (punctuation, symbols, white space), except those that end a list item — comma, semicolon, their CJK
    /// forms, the ideographic comma and full stop — and line breaks. Letters and digits of other scripts (CJK
    /// text around a reference) also end it.
    /// </summary>
    public static bool IsSeparator(char c) =>
        c is not (',' or ';' or '\n' or '\r' or '，' or '；' or '、' or '。') && !char.IsLetterOrDigit(c);

    /// <summary>Formats money for explanations: <c>9,950.00</c> (rounded half away from zero to cents).</summary>
    public static string Money(decimal amount)
    {
        if (Math.Abs(amount) >= 1e15m)
        {
            return amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
        }

        var cents = Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
        var value = (long)cents;
        Span<char> buffer = stackalloc char[32];
        var position = buffer.Length;
        var magnitude = (ulong)Math.Abs(value);
        buffer[--position] = (char)('0' + (int)(magnitude % 10));
        buffer[--position] = (char)('0' + (int)(magnitude / 10 % 10));
        buffer[--position] = '.';
        magnitude /= 100;
        var digits = 0;
        do
        {
            if (digits > 0 && digits % 3 == 0)
            {
                buffer[--position] = ',';
            }

            buffer[--position] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
            digits++;
        }
        while (magnitude > 0);

        if (value < 0)
        {
            buffer[--position] = '-';
        }

        return new string(buffer[position..]);
    }

    /// <summary>Formats a date for explanations: <c>2026-02-10</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Formats a signed percentage for explanations: <c>-0.50%</c>, <c>+2.10%</c>.</summary>
    public static string Percent(decimal part, decimal whole)
    {
        if (whole == 0)
        {
            return "n/a";
        }

        var percent = Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);
        return (percent > 0 ? "+" : "") + percent.ToString("0.00", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>Formats the tolerance setting: <c>±3%</c> or <c>±3% (at most 50.00)</c>.</summary>
    public static string Tolerance(MatchingOptions options) =>
        "±" + options.TolerancePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        + (options.ToleranceCap is { } cap ? " (at most " + Money(cap) + ")" : "");
}
