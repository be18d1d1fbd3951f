using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Reads receivables from the rows of a <see cref="RowSource"/> (a delimited text file, or the sheets of a
/// workbook) as a <see cref="ReceivableColumns"/> map says: finds the header below any title rows, picks the sheet,
/// skips empty rows, and turns every other row into a <see cref="Receivable"/> or an
/// <see cref="InputFormatException"/> naming the file (and sheet), the row, the column, the value and what was
/// expected. Workbook cells are read with their own types: a date cell is a date, a number cell a number.
/// </summary>
internal sealed class ReceivableTableReader
{
    // Amounts and dates this long are read without making a string; longer ones (never valid) through one.
    private const int CellChars = 64;

    // After this many rows the list is sized for the whole file (the rows so far say how long a row is).
    private const int SizingRows = 4096;

    private readonly ReceivableColumns _map;
    private readonly ReceivableFormats _formats;

    /// <summary>Checks the map's formats before any file is opened.</summary>
    /// <exception cref="ArgumentException">The map's separators, date formats or default currency cannot be used.</exception>
    public ReceivableTableReader(ReceivableColumns map)
    {
        _map = map;
        _formats = new ReceivableFormats(map);
    }

    /// <summary>
    /// Reads every receivable, or throws: never part of a table. A workbook is read from
    /// <see cref="ReceivableColumns.Sheet"/>, or from the first sheet whose header fits; in a workbook of several
    /// sheets, messages and <see cref="Receivable.Source"/> name the sheet after the file.
    /// </summary>
    public IReadOnlyList<Receivable> Read(RowSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var search = new ReceivableHeaderSearch(_map);
        if (source is WorkbookRowSource workbook)
        {
            return ReadWorkbook(workbook, search);
        }

        return TryRead(source, source.File, search) ?? throw search.NotFound(source.File, "the file", searched: null);
    }

    private List<Receivable> ReadWorkbook(WorkbookRowSource workbook, ReceivableHeaderSearch search)
    {
        var wanted = string.IsNullOrWhiteSpace(_map.Sheet) ? null : _map.Sheet.Trim();
        var sheets = workbook.Sheets;
        for (var i = 0; i < sheets.Count; i++)
        {
            if (wanted is not null && !string.Equals(sheets[i].Trim(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            workbook.UseSheet(i);
            var location = sheets.Count > 1 ? $"{workbook.File}, sheet {sheets[i]}" : workbook.File;
            if (TryRead(workbook, location, search) is { } receivables)
            {
                return receivables;
            }

            if (wanted is not null)
            {
                throw search.NotFound(location, $"sheet {sheets[i]}", searched: null);
            }
        }

        var list = string.Join(", ", sheets);
        if (wanted is not null)
        {
            throw new InputFormatException(workbook.File, 1, null, null, $"the workbook has no sheet \"{wanted}\" (its sheets: {list})");
        }

        throw search.NotFound(workbook.File, "the workbook", sheets.Count > 1 ? $"sheets searched: {list}" : null);
    }

    /// <summary>Reads one table, or returns null when none of its first rows is the header (the search remembers them).</summary>
    private List<Receivable>? TryRead(RowSource source, string location, ReceivableHeaderSearch search)
    {
        CsvHeader? header = null;
        while (header is null && source.Read() && source.Row <= ReceivableColumns.HeaderSearchRows)
        {
            if (source.IsEmpty())
            {
                continue;
            }

            var names = Cells(source);
            if (search.IsHeader(location, source.Row, names))
            {
                header = new CsvHeader(location, source.Row, names);
            }
        }

        return header is null ? null : new Table(source, location, header, _map, _formats).ReadRows();
    }

    /// <summary>Room for the rows the source still holds, estimated, and a little more; 0 when the size is not known.</summary>
    internal static int EstimatedCapacity(RowSource source) =>
        source.EstimatedRecords is { } records ? (int)Math.Min(int.MaxValue, records * 1.05) : 0;

    private static string[] Cells(RowSource source)
    {
        var cells = new string[source.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = source.Text(i);
        }

        return cells;
    }

    /// <summary>The rows below a header, and the columns it resolved.</summary>
    private sealed class Table
    {
        private readonly RowSource _source;
        private readonly string _location;
        private readonly CsvHeader _header;
        private readonly ReceivableColumns _map;
        private readonly ReceivableFormats _formats;
        private readonly bool _workbook;
        private readonly int _contractNo;
        private readonly int _customerId;
        private readonly int _customerName;
        private readonly int _amount;
        private readonly int _currency;
        private readonly int _issueDate;
        private readonly int _dueDate;
        private readonly int _salesOwner;

        public Table(RowSource source, string location, CsvHeader header, ReceivableColumns map, ReceivableFormats formats)
        {
            _source = source;
            _location = location;
            _header = header;
            _map = map;
            _formats = formats;
            _workbook = source is WorkbookRowSource;
            _contractNo = header.Required(map.ContractNo);
            _customerId = RequiredIfNamed(header, map.CustomerId);
            _customerName = header.Required(map.CustomerName);
            _amount = header.Required(map.Amount);
            _currency = RequiredIfNamed(header, map.Currency);
            _issueDate = RequiredIfNamed(header, map.IssueDate);
            _dueDate = header.Required(map.DueDate);
            _salesOwner = header.Optional(map.SalesOwner);
            header.ThrowIfMissing();
        }

        public List<Receivable> ReadRows()
        {
            var receivables = new List<Receivable>();
            while (_source.Read())
            {
                if (_source.IsEmpty())
                {
                    continue;
                }

                if (receivables.Count == SizingRows)
                {
                    receivables.Capacity = Math.Max(SizingRows, EstimatedCapacity(_source));
                }

                if (!_workbook)
                {
                    // A text row with more or fewer values than the header has a delimiter too many or too few.
                    _header.CheckWidth(_source);
                }

                var contract = RequiredText(_contractNo, _map.ContractNo, "a contract number");
                var id = _customerId < 0 ? null : RequiredText(_customerId, _map.CustomerId!, "a customer id");
                var name = RequiredText(_customerName, _map.CustomerName, "a customer name");
                var open = Amount();
                var code = Currency();
                DateOnly? issued = _issueDate < 0 ? null : Date(_issueDate, _map.IssueDate!);
                var due = Date(_dueDate, _map.DueDate);
                var owner = _salesOwner < 0 ? "" : _source.Text(_salesOwner);
                receivables.Add(new Receivable(contract, id ?? name, name, open, code, issued ?? due, due, owner)
                {
                    SourceRow = (_location, _source.Row),
                });
            }

            return receivables;
        }

        private static int RequiredIfNamed(CsvHeader header, string? name) =>
            string.IsNullOrWhiteSpace(name) ? -1 : header.Required(name);

        private string RequiredText(int index, string column, string what)
        {
            var text = _source.Text(index);
            return text.Length > 0 ? text : throw Error(column, "", $"the value is empty (expected {what})");
        }

        /// <summary>
        /// An amount: a number cell as it is, text as <see cref="ReceivableFormats.TryAmount"/> reads it; never empty, and
        /// within <see cref="AmountLimits"/> (four decimals at most, not too large). A negative one is read: a ledger
        /// refuses it (<c>LedgerLimits</c>), a run without one matches nothing to it.
        /// </summary>
        private decimal Amount()
        {
            var value = ReadAmount();
            if (AmountLimits.Problem(value) is { } problem)
            {
                var shown = _source.Text(_amount);
                throw Error(_map.Amount, shown, InputFormatException.AmountRefused(shown, problem));
            }

            return value;
        }

        private decimal ReadAmount()
        {
            var column = _map.Amount;
            if (_source.Typed(_amount) is double number)
            {
                // A number cell beyond what a decimal holds is refused as any amount too large is (not read as text).
                return MoneyText.TryNumberCell(number, out var amount)
                    ? amount
                    : throw Error(column, _source.Text(_amount), InputFormatException.AmountRefused(_source.Text(_amount), AmountLimits.TooLarge));
            }

            var text = _source.Chars(_amount, stackalloc char[CellChars]);
            if (text.IsEmpty)
            {
                throw Error(column, "", $"the value is empty (expected an amount such as {_formats.AmountExample})");
            }

            if (_formats.TryAmount(text, out var value))
            {
                return value;
            }

            var shown = text.ToString();
            throw Error(column, shown, $"{InputFormatException.Quote(shown)} is not an amount (expected a number such as {_formats.AmountExample})");
        }

        /// <summary>
        /// A date: a date cell's day (its time dropped), text in one of the map's formats (a time in it dropped), or
        /// in a workbook a number cell that is such text (20260331 for <c>yyyyMMdd</c>) or else an Excel serial day.
        /// </summary>
        private DateOnly Date(int index, string column)
        {
            var typed = _source.Typed(index);
            if (typed is DateTime && _formats.Dates.TryTyped(typed, out var cell, out _))
            {
                return cell;
            }

            var text = _source.Chars(index, stackalloc char[CellChars]);
            if (text.IsEmpty)
            {
                throw Error(column, "", $"the value is empty (expected a date such as {_formats.Dates.Example})");
            }

            if (_formats.Dates.TryParse(text, out var date, out _) || (typed is double && _formats.Serials.TryTyped(typed, out date, out _)))
            {
                return date;
            }

            var shown = text.ToString();
            var orCell = _workbook ? ", or a date cell" : "";
            throw Error(column, shown, $"{InputFormatException.Quote(shown)} is not a date (expected {_formats.Dates.Description}, such as {_formats.Dates.Example}{orCell}){(_workbook ? "" : DateText.SerialHint(shown))}");
        }

        /// <summary>
        /// A currency code; the map's default when the file has no currency column. An empty cell in a currency column is
        /// an error: the row forgot its currency, and the default could be the wrong one (a USD invoice matched as CNY).
        /// </summary>
        private string Currency()
        {
            if (_currency < 0)
            {
                return _formats.Currencies.Default;
            }

            var text = _source.Text(_currency);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Error(_map.Currency!, text, $"the value is empty (expected a code of three letters such as {_formats.Currencies.Default}; only a file without a {_map.Currency} column takes the default currency)");
            }

            return _formats.Currencies.TryGet(text, out var code)
                ? code
                : throw Error(_map.Currency!, text, $"{InputFormatException.Quote(text)} is not a currency (expected a code of three letters such as {_formats.Currencies.Default}, or a currency name such as 人民币)");
        }

        private InputFormatException Error(string column, string value, string problem) => new(_location, _source.Row, column, value, problem);
    }
}
