using System.Text.RegularExpressions;

namespace Reconciler.Worker.Serve;

/// <summary>Text bound for logs: account and card numbers (runs of 8 or more digits) keep only their last four digits.</summary>
internal static partial class LogText
{
    /// <summary>The text with every run of 8 or more digits (single spaces between them allowed, as banks print them) masked but its last four.</summary>
    public static string Mask(string? text) =>
        string.IsNullOrEmpty(text) ? "" : LongNumber().Replace(text, m =>
        {
            var digits = m.Value.Where(char.IsAsciiDigit).ToArray();
            return "****" + new string(digits[^4..]);
        });

    [GeneratedRegex(@"\d(?: ?\d){7,}")]
    private static partial Regex LongNumber();
}
