namespace Reconciler.Files;

/// <summary>
/// Protection against CSV injection (OWASP): a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return could be run as a formula by a spreadsheet, so it gets a leading
/// <c>'</c>, which Excel reads as "this cell is text". Numbers are never protected.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>Whether a spreadsheet could read the text as a formula.</summary>
    public static bool IsFormulaLike(ReadOnlySpan<char> text) =>
        !text.IsEmpty && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text, with a leading <c>'</c> when a spreadsheet could read it as a formula.</summary>
    public static string Protect(string text) => IsFormulaLike(text) ? string.Concat("'", text) : text;
}
