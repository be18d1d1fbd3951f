using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Writes match results as an Excel workbook: one sheet, <c>Results</c>, with the columns of
/// <see cref="ResultColumns"/>, a frozen header row and an autofilter. Amounts are numbers in <c>#,##0.00</c>,
/// dates real dates in <c>yyyy-mm-dd</c>, confidence a number in <c>0.00</c>; text is always stored as text
/// (never a formula), and text that looks like a formula also gets Excel's quote prefix, so that editing the cell
/// keeps it text. Column widths are fixed (measuring text needs libgdiplus on Linux). The same sheet layout shows
/// lines in the ledger report (<see cref="Sheet"/>); both are written by <see cref="XlsxTableWriter"/>, streaming.
/// </summary>
public static class ResultsXlsxWriter
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = "Results";

    /// <summary>The most results a sheet can hold: Excel's 1,048,576 rows less the header.</summary>
    public const int MaxResults = XlsxTableWriter.MaxRows;

    private static readonly double[] Widths = [22, 7, 18, 11, 14, 9, 28, 11, 24, 16, 14, 11, 26, 90];

    /// <summary>The columns of a results sheet: <see cref="ResultColumns"/> with their widths.</summary>
    public static IReadOnlyList<ReportColumn> Columns { get; } = [.. ResultColumns.Names.Select((name, i) => new ReportColumn(name, Widths[i]))];

    /// <summary>Writes the workbook to <paramref name="stream"/>, which is left open.</summary>
    /// <exception cref="ArgumentException">There are more than <see cref="MaxResults"/> results.</exception>
    public static void Write(Stream stream, IReadOnlyList<MatchResult> results)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count > MaxResults)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{results.Count} results do not fit in one Excel sheet (at most {MaxResults}); write them as CSV."),
                nameof(results));
        }

        XlsxTableWriter.Write(stream, [Sheet(SheetName, results)]);
    }

    /// <summary>A sheet named <paramref name="name"/> of results, one row each, in the columns of <see cref="ResultColumns"/>.</summary>
    public static ReportSheet Sheet(string name, IEnumerable<MatchResult> results) => new(name, Columns, results.Select(Row));

    /// <summary>
    /// One result's cells: the status coloured by what it asks of a person (red unmatched, amber suggested);
    /// one allocation's amount is a number, several are joined as text.
    /// </summary>
    public static object?[] Row(MatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var line = result.Line;
        var allocations = result.Allocations;
        object? allocated = allocations.Count switch
        {
            0 => null,
            1 => allocations[0].Amount,
            _ => string.Join(';', allocations.Select(a => InvariantFormat.Money(a.Amount))),
        };
        var status = result.Status.ToName();
        return
        [
            line.File, line.Row, line.BankRef, line.Date, line.Amount, line.Currency, line.PayerName,
            result.Status switch
            {
                MatchStatus.Unmatched => new Toned(status, ReportTone.Exception),
                MatchStatus.Suggested => new Toned(status, ReportTone.Review),
                _ => status,
            },
            string.Join(';', allocations.Select(a => a.Receivable.ContractNo)), allocated, result.Difference, result.Confidence,
            result.Rule, result.Explanation,
        ];
    }
}
