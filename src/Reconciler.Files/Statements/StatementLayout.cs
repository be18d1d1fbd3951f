using System.Text;

namespace Reconciler.Files;

/// <summary>
/// Where a bank's statement file keeps each piece of a <see cref="Domain.StatementLine"/>: the delimiter, the
/// encoding, the header name of every role and the formats of dates and amounts. Column names live here, never
/// on the domain types. <see cref="Generic"/> is the layout of the files this project writes; bank profiles
/// (JSON) build other instances.
/// </summary>
public sealed record StatementLayout
{
    /// <summary>
    /// The generic layout: comma-delimited UTF-8 with the columns
    /// <c>date, amount, currency, payer_name, payer_account, memo, bank_ref</c>, ISO dates and invariant signed
    /// amounts (credits positive).
    /// </summary>
    public static StatementLayout Generic { get; } = new();

    /// <summary>A name for messages and logs, e.g. the bank profile's name.</summary>
    public string Name { get; init; } = "generic";

    /// <summary>The field delimiter (ASCII).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The encoding of the file; <see langword="null"/> (or UTF-8) means UTF-8. A byte order mark (UTF-8,
    /// UTF-16, UTF-32) at the start of the file is always honoured.
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>The header of the booking (or value) date column. Required.</summary>
    public string Date { get; init; } = "date";

    /// <summary>The header of the signed amount column (credits positive). Required.</summary>
    public string Amount { get; init; } = "amount";

    /// <summary>The header of the currency column; <see langword="null"/> when the file has none (then <see cref="DefaultCurrency"/>).</summary>
    public string? Currency { get; init; } = "currency";

    /// <summary>The header of the payer name column; <see langword="null"/> when the file has none.</summary>
    public string? PayerName { get; init; } = "payer_name";

    /// <summary>The header of the payer account column; <see langword="null"/> when the file has none.</summary>
    public string? PayerAccount { get; init; } = "payer_account";

    /// <summary>The header of the bank reference column; <see langword="null"/> when the file has none.</summary>
    public string? BankRef { get; init; } = "bank_ref";

    /// <summary>The headers of the memo (remittance text) columns; their non-empty values are joined with a space.</summary>
    public IReadOnlyList<string> Memo { get; init; } = ["memo"];

    /// <summary>The date formats the date column may use, tried in order (invariant culture).</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd"];

    /// <summary>The decimal separator of amounts.</summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>The thousands separator of amounts, or <see langword="null"/> when amounts have none (then one is an error).</summary>
    public char? ThousandsSeparator { get; init; }

    /// <summary>The currency of lines whose currency is empty, or of every line when there is no currency column.</summary>
    public string DefaultCurrency { get; init; } = "CNY";
}
