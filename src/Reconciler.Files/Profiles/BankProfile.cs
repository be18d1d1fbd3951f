namespace Reconciler.Files;

/// <summary>
/// How one bank's statement export is laid out: the encoding and delimiter of a text file (or the sheet of a
/// workbook), where the header and the data are, which column plays which role, and how dates and amounts are
/// written. Profiles are JSON files (see <see cref="ProfileJson"/>); built-in ones cover the layouts Reconciler
/// knows, and <see cref="ProfileDetector"/> writes one for a file it has never seen.
/// </summary>
public sealed record BankProfile
{
    /// <summary>
    /// The layout of the files this project writes: UTF-8, comma, the header
    /// <c>date, amount, currency, payer_name, payer_account, memo, bank_ref</c> on the first row (columns found by
    /// name, in any order), ISO dates, signed invariant amounts.
    /// </summary>
    public static BankProfile Generic { get; } = new()
    {
        Name = "generic",
        Description = "Reconciler's own statement layout (what `reconciler generate` writes)",
        Columns = new ProfileColumns
        {
            Date = "date",
            Amount = "amount",
            Currency = "currency",
            PayerName = "payer_name",
            PayerAccount = "payer_account",
            Memo = ["memo"],
            BankRef = "bank_ref",
        },
        NullValues = [],
    };

    /// <summary>The profile's name, used in messages, logs and <c>--profile</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the profile is for (bank, export menu), for people.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The text encoding of a delimited file: <c>utf-8</c>, <c>gb18030</c> (also reads GBK and GB2312),
    /// <c>windows-1252</c>, <c>iso-8859-1</c>, <c>utf-16</c> (little-endian), <c>utf-16be</c>. A byte order mark
    /// in the file wins. Ignored for workbooks.
    /// </summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>The field delimiter of a delimited file: <c>,</c> <c>;</c> <c>\t</c> or <c>|</c>. Ignored for workbooks.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Values wrapped in single quotes inside a delimited file (<c>'text'</c>) lose the quotes.</summary>
    public bool UnwrapSingleQuotes { get; init; }

    /// <summary>The worksheet to read in a workbook; when null, the first sheet whose header matches.</summary>
    public string? Sheet { get; init; }

    /// <summary>False for files without a header row: then <see cref="Header"/> names the columns by position.</summary>
    public bool HasHeaderRow { get; init; } = true;

    /// <summary>
    /// The header as the bank writes it, every column in order. When set, the header row is found by it (rows
    /// above are skipped) and a file whose header differs (a column renamed, added or missing) is refused with
    /// the difference named, never misread. When null, the header is the first non-empty row and roles are found
    /// by name. For a file without a header row, the names of its columns by position.
    /// </summary>
    public IReadOnlyList<string>? Header { get; init; }

    /// <summary>The physical row of the header (or of the first data row, without a header); null to find it.</summary>
    public int? HeaderRow { get; init; }

    /// <summary>Which column plays which role, by header name (<c>Währung#2</c> is the second column of that name).</summary>
    public ProfileColumns Columns { get; init; } = new();

    /// <summary>The values of the direction column, when amounts are unsigned and a column says in or out.</summary>
    public DirectionValues? Direction { get; init; }

    /// <summary>
    /// The values of the status column that mean the bank has not booked the line: pending (Fineco's
    /// <c>Autorizzato</c>), closed or failed (Alipay's <c>交易关闭</c>). No money moved, so such a line is neither in
    /// nor out and never matched; the same movement booked in a later export is a line of its own, not a duplicate of
    /// it. Matched trimmed, without case; any other value (or an empty cell) means booked.
    /// </summary>
    public IReadOnlyList<string> NotBooked { get; init; } = [];

    /// <summary>The decimal separator of amounts: <c>.</c> or <c>,</c>; the other one may group thousands.</summary>
    public string DecimalSeparator { get; init; } = ".";

    /// <summary>The date formats of the date columns, tried in order (.NET custom format strings, invariant culture).</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd"];

    /// <summary>The currency of lines without one.</summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>
    /// Rows that are not transactions, by the start of their first non-empty cell: totals (<c>合计</c>,
    /// <c>人民币合计</c>), balances, disclaimers. Only rows whose date cell is not a date are looked at, so a
    /// payment is never taken for one.
    /// </summary>
    public IReadOnlyList<string> SkipRowsStartingWith { get; init; } = [];

    /// <summary>Cell values that mean "nothing" (<c>-</c>, <c>/</c>, <c>-------------------</c>); a cell of dashes only always does.</summary>
    public IReadOnlyList<string> NullValues { get; init; } = [];

    /// <summary>The profile file this profile came from, or <c>built-in</c>; not part of the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Origin { get; init; } = "built-in";
}
