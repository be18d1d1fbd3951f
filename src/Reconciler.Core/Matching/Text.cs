using System.Globalization;
using System.Text;

namespace Reconciler.Matching;

/// <summary>Text helpers shared by the normalisers and the memo scanner.</summary>
internal static class Text
{
    /// <summary>Applies NFKC when the text is not already in that form (full-width forms become ASCII).</summary>
    public static string FoldWidth(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
            }
        }

        return text;
    }

    /// <summary>
    /// Characters that may stand between the parts of one contract number in a memo (<c>KL26-004512</c>,
    /// <c>KL26 004512</c>, <c>HT2026/0458</c>): white space, dashes, underscore, slash, backslash and dot.
    /// Any other non-alphanumeric character ends a reference.
    /// </summary>
    public static bool IsSeparator(char c) =>
        c is ' ' or '-' or '_' or '/' or '.' or '\\' or '\t'
        || (c >= 0x80 && (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation));

    /// <summary>Formats money for explanations: <c>9,950.00</c>.</summary>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

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
