using System.Globalization;
using ClosedXML.Excel;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Writes match results as an Excel workbook with ClosedXML: one sheet, <c>Results</c>, with the columns of
/// <see cref="ResultColumns"/>, a frozen header row and an autofilter. Amounts are numbers in <c>#,##0.00</c>,
/// dates real dates in <c>yyyy-mm-dd</c>, confidence a number in <c>0.00</c>; text is always stored as text
/// (never a formula), and text that looks like a formula also gets Excel's quote prefix, so that editing the cell
/// keeps it text. Column widths are fixed (measuring text needs libgdiplus on Linux).
/// </summary>
/// <remarks>
/// ClosedXML builds the whole workbook in memory: fine for a day's results, slow for millions of rows (use
/// <see cref="ResultsCsvWriter"/> there). A sheet holds at most <see cref="MaxResults"/> results.
/// </remarks>
public static class ResultsXlsxWriter
{
    /// <summary>The sheet's name.</summary>
    public const string SheetName = "Results";

    /// <summary>The most results a sheet can hold: Excel's 1,048,576 rows less the header.</summary>
    public const int MaxResults = 1_048_575;

    private const string MoneyFormat = "#,##0.00";
    private const string DateFormat = "yyyy-mm-dd";
    private const string ConfidenceFormat = "0.00";

    private static readonly double[] Widths = [22, 7, 18, 11, 14, 9, 28, 11, 24, 16, 14, 11, 26, 90];

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

        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        WriteHeader(sheet);
        var row = 2;
        foreach (var result in results)
        {
            WriteRow(sheet, row++, result);
        }

        var lastRow = Math.Max(1, row - 1);
        if (lastRow > 1)
        {
            SetFormat(sheet, Column.Date, lastRow, DateFormat);
            SetFormat(sheet, Column.Amount, lastRow, MoneyFormat);
            SetFormat(sheet, Column.Allocated, lastRow, MoneyFormat);
            SetFormat(sheet, Column.Difference, lastRow, MoneyFormat);
            SetFormat(sheet, Column.Confidence, lastRow, ConfidenceFormat);
        }

        for (var i = 0; i < Widths.Length; i++)
        {
            sheet.Column(i + 1).Width = Widths[i];
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, lastRow, Widths.Length).SetAutoFilter();
        workbook.SaveAs(stream);
    }

    private static void WriteHeader(IXLWorksheet sheet)
    {
        var names = ResultColumns.Names;
        for (var i = 0; i < names.Count; i++)
        {
            sheet.Cell(1, i + 1).SetValue(names[i]);
        }

        sheet.Row(1).Style.Font.Bold = true;
    }

    private static void WriteRow(IXLWorksheet sheet, int row, MatchResult result)
    {
        var line = result.Line;
        SetText(sheet.Cell(row, Column.File), line.File);
        sheet.Cell(row, Column.Row).SetValue(line.Row);
        SetText(sheet.Cell(row, Column.BankRef), line.BankRef);
        sheet.Cell(row, Column.Date).SetValue(line.Date.ToDateTime(TimeOnly.MinValue));
        sheet.Cell(row, Column.Amount).SetValue(line.Amount);
        SetText(sheet.Cell(row, Column.Currency), line.Currency);
        SetText(sheet.Cell(row, Column.Payer), line.PayerName);
        SetText(sheet.Cell(row, Column.Status), result.Status.ToName());
        var allocations = result.Allocations;
        SetText(sheet.Cell(row, Column.Contracts), string.Join(';', allocations.Select(a => a.Receivable.ContractNo)));
        if (allocations.Count == 1)
        {
            sheet.Cell(row, Column.Allocated).SetValue(allocations[0].Amount);
        }
        else if (allocations.Count > 1)
        {
            SetText(
                sheet.Cell(row, Column.Allocated),
                string.Join(';', allocations.Select(a => InvariantFormat.Money(a.Amount))));
        }

        sheet.Cell(row, Column.Difference).SetValue(result.Difference);
        sheet.Cell(row, Column.Confidence).SetValue(result.Confidence);
        SetText(sheet.Cell(row, Column.Rule), result.Rule);
        SetText(sheet.Cell(row, Column.Explanation), result.Explanation);
    }

    /// <summary>Stores text as a text cell (ClosedXML's SetValue never parses a string as a formula or number).</summary>
    private static void SetText(IXLCell cell, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        cell.SetValue(text);
        if (SpreadsheetText.IsFormulaLike(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private static void SetFormat(IXLWorksheet sheet, int column, int lastRow, string format) =>
        sheet.Range(2, column, lastRow, column).Style.NumberFormat.Format = format;

    private static class Column
    {
        public const int File = 1;
        public const int Row = 2;
        public const int BankRef = 3;
        public const int Date = 4;
        public const int Amount = 5;
        public const int Currency = 6;
        public const int Payer = 7;
        public const int Status = 8;
        public const int Contracts = 9;
        public const int Allocated = 10;
        public const int Difference = 11;
        public const int Confidence = 12;
        public const int Rule = 13;
        public const int Explanation = 14;
    }
}
