using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// A file cannot be read as its layout says. The message names the file, the spreadsheet row (the header is
/// row 1), the column and the value, and says what was expected, so a clerk can fix the file, e.g.
/// <c>statement-a.csv, row 14, column amount: "12,3x" is not an amount (expected a number such as 1234.56)</c>.
/// </summary>
public sealed class InputFormatException : Exception
{
    private const int MaxValueLengthInMessage = 80;

    /// <summary>Creates the exception for a problem at a known place in a file.</summary>
    /// <param name="file">The file name as the user gave it.</param>
    /// <param name="row">The 1-based spreadsheet row (the header is row 1).</param>
    /// <param name="column">The column name(s) at fault, or <see langword="null"/> when the whole row is.</param>
    /// <param name="value">The offending value, or <see langword="null"/> when there is none.</param>
    /// <param name="problem">What is wrong and what was expected, without the place (that is prefixed).</param>
    /// <param name="innerException">The cause, if any.</param>
    public InputFormatException(string file, int row, string? column, string? value, string problem, Exception? innerException = null)
        : base(Compose(file, row, column, problem), innerException)
    {
        File = file;
        Row = row;
        Column = column;
        Value = value;
    }

    /// <summary>Creates the exception with a message only (no known place).</summary>
    public InputFormatException()
        : base("The input is not in the expected format.")
    {
        File = "";
    }

    /// <summary>Creates the exception with a message only (no known place).</summary>
    public InputFormatException(string message)
        : base(message)
    {
        File = "";
    }

    /// <summary>Creates the exception with a message and a cause (no known place).</summary>
    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
    }

    /// <summary>The file name as the user gave it.</summary>
    public string File { get; }

    /// <summary>The 1-based spreadsheet row: the header is row 1, the first data row is row 2.</summary>
    public int Row { get; }

    /// <summary>The column name (several, comma-separated, for missing header columns); null when the whole row is at fault.</summary>
    public string? Column { get; }

    /// <summary>The offending value as read; null when there is none.</summary>
    public string? Value { get; }

    /// <summary>
    /// Why an amount is refused, as every reader words it: <c>"1E+30" is not an amount Reconciler takes: amounts are
    /// kept up to …</c>.
    /// </summary>
    /// <param name="shown">The value as the file shows it.</param>
    /// <param name="problem">What <see cref="AmountLimits.Problem"/> says of it, or <see cref="AmountLimits.TooLarge"/>.</param>
    internal static string AmountRefused(string shown, string problem) => $"{Quote(shown)} is not an amount Reconciler takes: {problem}";

    /// <summary>Quotes a value for a message, shortened when long: <c>"12,3x"</c>.</summary>
    internal static string Quote(string value)
    {
        var shown = value.Length > MaxValueLengthInMessage ? string.Concat(value.AsSpan(0, MaxValueLengthInMessage), "…") : value;
        return string.Concat("\"", shown.ReplaceLineEndings(" "), "\"");
    }

    private static string Compose(string file, int row, string? column, string problem)
    {
        return column is null
            ? string.Create(CultureInfo.InvariantCulture, $"{file}, row {row}: {problem}")
            : string.Create(CultureInfo.InvariantCulture, $"{file}, row {row}, column {column}: {problem}");
    }
}
