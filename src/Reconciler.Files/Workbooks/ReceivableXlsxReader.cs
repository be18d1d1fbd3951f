using System.Globalization;
using System.Text;
using ExcelDataReader;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Reads receivables from a workbook (<c>.xlsx</c>, or legacy <c>.xls</c>) with the same column map as the CSV
/// reader. Read with ExcelDataReader, which streams the sheet and needs no native library (ClosedXML needs
/// libgdiplus on Linux for workbooks with pictures), cell by cell with the cells' own types: date cells are
/// dates, number cells numbers, and only text cells are parsed as the map says.
/// </summary>
public static class ReceivableXlsxReader
{
    // ExcelDataReader needs the legacy code pages (1252 for its defaults, others for .xls), which .NET leaves out.
    static ReceivableXlsxReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Whether a file name is one this reader takes: <c>.xlsx</c>, <c>.xlsm</c> or <c>.xls</c>.</summary>
    public static bool IsWorkbook(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() is ".XLSX" or ".XLSM" or ".XLS";

    /// <summary>Reads every receivable of one sheet, or throws naming file, row and column: it never returns part of a sheet.</summary>
    /// <remarks>
    /// The sheet is <see cref="ReceivableColumns.Sheet"/> when set, else the first sheet with a header row (one
    /// that holds every required column among its first <see cref="ReceivableColumns.HeaderSearchRows"/> rows).
    /// Rows above the header are skipped, empty rows too; rows keep their numbers in the sheet. In a workbook of
    /// several sheets, messages and <see cref="Receivable.Source"/> name the sheet after the file
    /// (<c>erp.xlsx, sheet 应收明细, row 7</c>).
    /// </remarks>
    /// <param name="stream">The workbook; read from its current position and left open.</param>
    /// <param name="fileName">The file name as the user gave it, for <see cref="Receivable.Source"/> and messages.</param>
    /// <param name="columns">The column map; <see cref="ReceivableColumns.Default"/> when null.</param>
    /// <exception cref="InputFormatException">The file is not a workbook, the sheet or a column is missing, or a value cannot be read.</exception>
    /// <exception cref="ArgumentException">The column map's formats are not usable.</exception>
    public static IReadOnlyList<Receivable> Read(Stream stream, string fileName, ReceivableColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var map = columns ?? ReceivableColumns.Default;
        var amounts = new AmountFormat(map.DecimalSeparator, map.ThousandsSeparator, map.CurrencySymbols);
        var dates = new DateFormat(map.DateFormats);
        var currencies = new CurrencyCache(map.DefaultCurrency);
        var wanted = string.IsNullOrWhiteSpace(map.Sheet) ? null : map.Sheet.Trim();

        var row = 1;
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration
            {
                LeaveOpen = true,
                FallbackEncoding = map.Encoding ?? Encoding.GetEncoding(1252),
            });
            var search = new ReceivableHeaderSearch(map);
            var sheets = new List<string>();
            do
            {
                var name = reader.Name ?? "";
                sheets.Add(name);
                if (wanted is not null && !string.Equals(name.Trim(), wanted, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var location = reader.ResultsCount > 1 ? $"{fileName}, sheet {name}" : fileName;
                var sheet = new ReceivableSheetRow(reader, location, amounts, dates, currencies);
                while (reader.Read() && (row = sheet.Row) <= ReceivableColumns.HeaderSearchRows)
                {
                    if (!sheet.IsEmpty() && search.IsHeader(location, row, sheet.Texts()))
                    {
                        return ReadRows(reader, sheet, map, ref row);
                    }
                }

                if (wanted is not null)
                {
                    throw search.NotFound(location, $"sheet {name}", searched: null);
                }
            }
            while (reader.NextResult());

            var list = string.Join(", ", sheets);
            if (wanted is not null)
            {
                throw new InputFormatException(fileName, 1, null, null, $"the workbook has no sheet \"{wanted}\" (its sheets: {list})");
            }

            throw search.NotFound(fileName, "the workbook", sheets.Count > 1 ? $"sheets searched: {list}" : null);
        }
        catch (Exception error) when (error is not (OutOfMemoryException or InputFormatException))
        {
            // A damaged workbook fails in many ways (zip, XML, ExcelDataReader's own errors): all are the file's fault.
            throw new InputFormatException(
                fileName,
                row,
                null,
                null,
                string.Create(CultureInfo.InvariantCulture, $"the file is not a readable .xlsx or .xls workbook ({error.Message})"),
                error);
        }
    }

    private static List<Receivable> ReadRows(IExcelDataReader reader, ReceivableSheetRow sheet, ReceivableColumns map, ref int row)
    {
        var header = new CsvHeader(sheet.Location, sheet.Row, sheet.Texts());
        var contractNo = header.Required(map.ContractNo);
        var customerId = RequiredIfNamed(header, map.CustomerId);
        var customerName = header.Required(map.CustomerName);
        var amount = header.Required(map.Amount);
        var currency = RequiredIfNamed(header, map.Currency);
        var issueDate = RequiredIfNamed(header, map.IssueDate);
        var dueDate = header.Required(map.DueDate);
        var salesOwner = header.Optional(map.SalesOwner);
        header.ThrowIfMissing();

        var receivables = new List<Receivable>();
        while (reader.Read())
        {
            row = sheet.Row;
            if (sheet.IsEmpty())
            {
                continue;
            }

            var contract = sheet.RequiredText(contractNo, map.ContractNo, "a contract number");
            var id = customerId < 0 ? null : sheet.RequiredText(customerId, map.CustomerId!, "a customer id");
            var name = sheet.RequiredText(customerName, map.CustomerName, "a customer name");
            var open = sheet.Amount(amount, map.Amount);
            var code = sheet.Currency(currency, map.Currency ?? "");
            DateOnly? issued = issueDate < 0 ? null : sheet.Date(issueDate, map.IssueDate!);
            var due = sheet.Date(dueDate, map.DueDate);
            receivables.Add(new Receivable(contract, id ?? name, name, open, code, issued ?? due, due, sheet.Text(salesOwner))
            {
                Source = string.Create(CultureInfo.InvariantCulture, $"{sheet.Location}, row {row}"),
            });
        }

        return receivables;
    }

    private static int RequiredIfNamed(CsvHeader header, string? name) =>
        string.IsNullOrWhiteSpace(name) ? -1 : header.Required(name);
}
