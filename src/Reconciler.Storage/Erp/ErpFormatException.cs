using System.Globalization;

namespace Reconciler.Storage.Erp;

/// <summary>
/// The ERP query's result cannot be read as its column map says. The message names the query (its name and
/// database, never a password), the row of the result (from 1), the column, the value and what was expected, e.g.
/// <c>ERP query erp (sqlite /data/erp.db), row 7, column 应收金额: "4,28O.50" is not an amount (expected a number such as 1234.56)</c>.
/// </summary>
public sealed class ErpFormatException : Exception
{
    private const int MaxValueLengthInMessage = 80;

    /// <summary>Creates the exception for a problem in the result: at a row (from 1) or, with row 0, in its columns.</summary>
    /// <param name="query">The query as messages name it (<see cref="ErpSource.Description"/>).</param>
    /// <param name="row">The row of the result, from 1; 0 when the problem is not one row's.</param>
    /// <param name="column">The column at fault, or null.</param>
    /// <param name="value">The offending value as text, or null.</param>
    /// <param name="problem">What is wrong and what was expected, without the place (that is prefixed).</param>
    public ErpFormatException(string query, int row, string? column, string? value, string problem)
        : base(Compose(query, row, column, problem))
    {
        Query = query;
        Row = row;
        Column = column;
        Value = value;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public ErpFormatException()
        : this("The ERP query's result is not in the expected format.")
    {
    }

    /// <summary>Creates the exception with a message only (no known place).</summary>
    public ErpFormatException(string message)
        : base(message)
    {
        Query = "";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause (no known place).</summary>
    public ErpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Query = "";
        Problem = message;
    }

    /// <summary>The query as messages name it.</summary>
    public string Query { get; }

    /// <summary>The row of the result, from 1; 0 when the problem is not one row's.</summary>
    public int Row { get; }

    /// <summary>The column at fault; null when none is.</summary>
    public string? Column { get; }

    /// <summary>The offending value as text; null when there is none.</summary>
    public string? Value { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    /// <summary>Quotes a value for a message, shortened when long: <c>"12,3x"</c>.</summary>
    internal static string Quote(string value)
    {
        var shown = value.Length > MaxValueLengthInMessage ? string.Concat(value.AsSpan(0, MaxValueLengthInMessage), "…") : value;
        return string.Concat("\"", shown.ReplaceLineEndings(" "), "\"");
    }

    private static string Compose(string query, int row, string? column, string problem) => (row, column) switch
    {
        ( > 0, not null) => string.Create(CultureInfo.InvariantCulture, $"{query}, row {row}, column {column}: {problem}"),
        ( > 0, null) => string.Create(CultureInfo.InvariantCulture, $"{query}, row {row}: {problem}"),
        (_, not null) => $"{query}, column {column}: {problem}",
        _ => $"{query}: {problem}",
    };
}
