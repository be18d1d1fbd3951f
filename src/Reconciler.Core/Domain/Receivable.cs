using System.Globalization;

namespace Reconciler.Domain;

/// <summary>An open receivable (invoice or contract) as the ERP or a receivables file states it.</summary>
/// <param name="ContractNo">The contract number as written in the source; shown back to people unchanged.</param>
/// <param name="CustomerId">The ERP's customer id.</param>
/// <param name="CustomerName">The customer's name as written.</param>
/// <param name="Amount">The open amount still to be paid, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code, upper case.</param>
/// <param name="IssueDate">Date the receivable was issued.</param>
/// <param name="DueDate">Date it falls due.</param>
/// <param name="SalesOwner">Who sells to this customer (a name or an address); may be empty.</param>
public sealed record Receivable(
    string ContractNo,
    string CustomerId,
    string CustomerName,
    decimal Amount,
    string Currency,
    DateOnly IssueDate,
    DateOnly DueDate,
    string SalesOwner)
{
    // Source is kept as the file and row it names, and written out only when read: a million receivables read
    // from one file would otherwise hold a million "file, row N" strings that an in-memory run never reads.
    // _sourceRow > 0: _source is the file (and sheet); otherwise it is the whole text, or null for none.
    private readonly string? _source;
    private readonly int _sourceRow;

    /// <summary>The normalised contract key (see <see cref="Matching.ContractKey"/>).</summary>
    public string Key { get; } = Matching.ContractKey.Normalize(ContractNo);

    /// <summary>Where the receivable came from (file name and 1-based row), for messages; empty when unknown.</summary>
    public string Source
    {
        get => _sourceRow > 0 ? RowText(_source!, _sourceRow) : _source ?? "";
        init
        {
            _source = value;
            _sourceRow = 0;
        }
    }

    /// <summary>
    /// Sets <see cref="Source"/> to <c>"file, row N"</c> (the file, or file and sheet, and the 1-based row) without
    /// making that string until it is read; (null, 0) when <see cref="Source"/> was given as text.
    /// </summary>
    /// <exception cref="ArgumentNullException">The file is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row is not 1 or more.</exception>
    public (string? File, int Row) SourceRow
    {
        get => _sourceRow > 0 ? (_source, _sourceRow) : (null, 0);
        init
        {
            ArgumentNullException.ThrowIfNull(value.File);
            ArgumentOutOfRangeException.ThrowIfLessThan(value.Row, 1);
            _source = value.File;
            _sourceRow = value.Row;
        }
    }

    /// <summary>Equal when every value is, <see cref="Source"/> compared as text however it was given.</summary>
    public bool Equals(Receivable? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(ContractNo, other.ContractNo, StringComparison.Ordinal)
            && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
            && string.Equals(CustomerName, other.CustomerName, StringComparison.Ordinal)
            && Amount == other.Amount
            && string.Equals(Currency, other.Currency, StringComparison.Ordinal)
            && IssueDate == other.IssueDate
            && DueDate == other.DueDate
            && string.Equals(SalesOwner, other.SalesOwner, StringComparison.Ordinal)
            && SameSource(other));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ContractNo, CustomerId, Amount, Currency, DueDate, SalesOwner);

    private bool SameSource(Receivable other) =>
        _sourceRow > 0 && other._sourceRow > 0
            ? _sourceRow == other._sourceRow && string.Equals(_source, other._source, StringComparison.Ordinal)
            : string.Equals(Source, other.Source, StringComparison.Ordinal);

    private static string RowText(string file, int row) => string.Create(CultureInfo.InvariantCulture, $"{file}, row {row}");
}
