using System.Text;

namespace Reconciler.Files;

/// <summary>
/// How a receivables file (a CSV export or a workbook from the ERP) keeps each field of a
/// <see cref="Domain.Receivable"/>: the header names (matched trimmed and without case, in any order), where the
/// header is, the delimiter and encoding of a text file, the sheet of a workbook, and how dates and amounts are
/// written. <see cref="Default"/> is the layout this project writes; configuration (the <c>Receivables</c>
/// section) can describe an ERP export instead, e.g. with the headers <c>合同编号, 客户名称, 应收金额, 到期日</c>.
/// </summary>
/// <remarks>
/// The header row is the first row, within the first <see cref="HeaderSearchRows"/>, that holds every required
/// column, so title rows above it (a report name, the export date) are skipped. Four columns are always
/// required: <see cref="ContractNo"/>, <see cref="CustomerName"/>, <see cref="Amount"/> and <see cref="DueDate"/>.
/// <see cref="CustomerId"/>, <see cref="Currency"/> and <see cref="IssueDate"/> are required when named and may be
/// set to <see langword="null"/> for a file that has no such column; <see cref="SalesOwner"/> is never required.
/// </remarks>
public sealed record ReceivableColumns
{
    /// <summary>How far down a file the header row is looked for (physical rows, 1-based).</summary>
    public const int HeaderSearchRows = 50;

    /// <summary>
    /// The default columns <c>contract_no, customer_id, customer_name, amount, currency, issue_date, due_date,
    /// sales_owner</c>, comma-delimited UTF-8, ISO dates, invariant amounts, CNY as the default currency (used only by a
    /// map without a currency column).
    /// </summary>
    public static ReceivableColumns Default { get; } = new();

    /// <summary>The contract number column. Required, never empty.</summary>
    public string ContractNo { get; init; } = "contract_no";

    /// <summary>
    /// The customer id column; required, never empty, when named. <see langword="null"/> (or empty) for an export
    /// without customer ids: then the customer name stands in for the id, so receivables of one name are one
    /// customer and two spellings of a name are two customers.
    /// </summary>
    public string? CustomerId { get; init; } = "customer_id";

    /// <summary>The customer name column. Required, never empty.</summary>
    public string CustomerName { get; init; } = "customer_name";

    /// <summary>The open amount column: a number cell, or text with the <see cref="DecimalSeparator"/> as banks write amounts (see <see cref="ThousandsSeparator"/>). Required.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>
    /// The currency column; required, never empty, when named (a row that leaves it empty is refused rather than given
    /// a currency it may not be in). <see langword="null"/> (or empty) for an export without one: every receivable is in
    /// <see cref="DefaultCurrency"/>.
    /// </summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>
    /// The issue date column; required, never empty, when named. <see langword="null"/> (or empty) for an export
    /// without one: the due date stands in for it, so the early payment window is counted from the due date.
    /// </summary>
    public string? IssueDate { get; init; } = "issue_date";

    /// <summary>The due date column. Required, never empty.</summary>
    public string DueDate { get; init; } = "due_date";

    /// <summary>The sales owner column. Optional: when the file has no such column, or <see langword="null"/>, every owner is empty.</summary>
    public string? SalesOwner { get; init; } = "sales_owner";

    /// <summary>The field delimiter of a text file (ASCII). Not used for workbooks.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The encoding of a text file; <see langword="null"/> (or UTF-8) means UTF-8. A byte order mark at the start
    /// of the file always wins. Legacy code pages such as GB18030 need <see cref="CodePagesEncodingProvider"/>
    /// registered by whoever creates the <see cref="System.Text.Encoding"/>. Not used for workbooks, which carry
    /// their own encoding.
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// The date formats of text dates, tried in order (invariant culture); writers use the first. A time of day in
    /// the text is read and dropped. In a workbook, date cells are dates whatever the formats, and a number cell in a
    /// date column is read in these formats (<c>20260331</c> for <c>yyyyMMdd</c>) or else as an Excel serial day
    /// between 1950 and 2099.
    /// </summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd"];

    /// <summary>The decimal separator of text amounts: <c>.</c> or <c>,</c>.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>
    /// A thousands separator text amounts use beyond those always read, or <see langword="null"/>. Text amounts are
    /// read as bank statements are: thousands groups of three digits separated by the other of
    /// <c>.</c> and <c>,</c>, a space or an apostrophe (<c>1,234.56</c>, <c>1 234.56</c>, <c>1.234,56</c> with a
    /// decimal comma), a sign before or after, parentheses for a negative, a currency symbol or code before or after.
    /// Another character named here (<c>’</c>) separates groups too; it may not be the decimal separator.
    /// </summary>
    public char? ThousandsSeparator { get; init; }

    /// <summary>
    /// Currency symbols or words that may stand before or after a text amount beyond those always read (<c>¥ ￥ 元 $ € £</c>,
    /// codes of three capitals such as <c>RMB</c>, <c>HK$</c>), matched as written: <c>人民币</c>, <c>rmb</c>. None by default.
    /// </summary>
    public IReadOnlyList<string> CurrencySymbols { get; init; } = [];

    /// <summary>
    /// The currency of all receivables when there is no currency column (<see cref="Currency"/> null). A currency cell
    /// holds a code (any case), a symbol that names one currency (<c>€</c>) or a Chinese name (<c>人民币</c>).
    /// </summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>
    /// The worksheet of a workbook to read (matched trimmed and without case); <see langword="null"/> for the first
    /// sheet whose header fits. Not used for text files.
    /// </summary>
    public string? Sheet { get; init; }

    /// <summary>The columns that must be in the header, in field order: the four required ones and the optional ones that are named.</summary>
    internal IEnumerable<string> RequiredColumns()
    {
        string?[] names = [ContractNo, CustomerId, CustomerName, Amount, Currency, IssueDate, DueDate];
        return names.Where(name => !string.IsNullOrWhiteSpace(name)).Select(name => name!.Trim());
    }
}
