using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Storage.Erp;

/// <summary>
/// Turns the rows of the ERP query's result (column name → value) into receivables as an <see cref="ErpSource"/>'s
/// column map says. The columns are found in the first row's names, trimmed and case-insensitively; every value
/// that cannot be read raises an <see cref="ErpFormatException"/> naming the query, the row, the column, the value
/// and what was expected.
/// </summary>
internal sealed class ErpRowMapper
{
    private const string AmountExample = "1234.56 or 1,234.56";
    private const string DateExample = "2026-01-31";

    private readonly ErpSource _source;
    private readonly string _query;
    private readonly string[] _dateFormats;
    private Resolved? _columns;

    public ErpRowMapper(ErpSource source)
    {
        _source = source;
        _query = source.Description;
        _dateFormats = [.. source.DateFormats];
    }

    /// <summary>The receivable in one row (from 1) of the result.</summary>
    /// <exception cref="ErpFormatException">A mapped column is missing or ambiguous, or a value cannot be read.</exception>
    public ErpReceivable Map(IDictionary<string, object?> values, int row)
    {
        var columns = _columns ??= Resolve([.. values.Keys]);
        var contract = RequiredText(values, columns.ContractNo, row, "a contract number");
        var name = RequiredText(values, columns.CustomerName, row, "a customer name");
        var customer = columns.CustomerId is null ? name : RequiredText(values, columns.CustomerId, row, "a customer id");
        var amount = Amount(values, columns.Amount, row);
        var currency = columns.Currency is null ? _source.DefaultCurrency : Currency(values, columns.Currency, row);
        var due = Date(values, columns.DueDate, row);
        var issued = columns.IssueDate is null ? due : Date(values, columns.IssueDate, row);
        var owner = columns.SalesOwner is null ? "" : Text(values, columns.SalesOwner, row);
        var status = columns.Status is null ? ErpStatus.Open : Status(values, columns.Status, row);
        var receivable = new Receivable(contract, customer, name, amount, currency, issued, due, owner)
        {
            Source = string.Create(CultureInfo.InvariantCulture, $"ERP query {_source.Name}, row {row}"),
        };
        return new ErpReceivable(receivable, status, row);
    }

    /// <summary>The result's name of each mapped column; a required or named one that is missing, or named twice, is an error.</summary>
    private Resolved Resolve(IReadOnlyList<string> names)
    {
        var map = _source.Columns;
        return new Resolved(
            Find(names, map.ContractNo, nameof(map.ContractNo), required: true)!,
            Find(names, map.CustomerId, nameof(map.CustomerId), required: true),
            Find(names, map.CustomerName, nameof(map.CustomerName), required: true)!,
            Find(names, map.Amount, nameof(map.Amount), required: true)!,
            Find(names, map.Currency, nameof(map.Currency), required: true),
            Find(names, map.IssueDate, nameof(map.IssueDate), required: true),
            Find(names, map.DueDate, nameof(map.DueDate), required: true)!,
            Find(names, map.SalesOwner, nameof(map.SalesOwner), required: false),
            Find(names, map.Status, nameof(map.Status), required: true));
    }

    private string? Find(IReadOnlyList<string> names, string? wanted, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(wanted))
        {
            return null;
        }

        var name = wanted.Trim();
        var found = names.Where(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count > 1)
        {
            throw new ErpFormatException(_query, 0, name, null, string.Create(
                CultureInfo.InvariantCulture,
                $"the result has {found.Count} columns of that name ({string.Join(", ", found)}), mapped to {field}: give them different names in the query"));
        }

        if (found.Count == 0 && required)
        {
            throw new ErpFormatException(_query, 0, name, null, $"the result has no such column (mapped to {field}); its columns: {string.Join(", ", names)}");
        }

        return found.Count == 0 ? null : found[0];
    }

    private string Text(IDictionary<string, object?> values, string column, int row)
    {
        var value = values[column];
        return ErpValues.TryText(value, out var text)
            ? text
            : throw Error(row, column, value, $"{ErpValues.Shown(value)} is not text");
    }

    private string RequiredText(IDictionary<string, object?> values, string column, int row, string what)
    {
        var text = Text(values, column, row);
        return text.Length > 0 ? text : throw Error(row, column, values[column], $"the value is {Empty(values[column])} (expected {what})");
    }

    private decimal Amount(IDictionary<string, object?> values, string column, int row)
    {
        var value = values[column];
        if (ErpValues.IsEmpty(value))
        {
            throw Error(row, column, value, $"the value is {Empty(value)} (expected an amount such as {AmountExample})");
        }

        if (!ErpValues.TryAmount(value, out var amount))
        {
            throw Error(row, column, value, $"{ErpValues.Shown(value)} is not an amount (expected a number such as {AmountExample})");
        }

        if (amount < 0)
        {
            throw Error(row, column, value, $"{ErpValues.Shown(value)} is negative (expected the receivable's amount, zero or more: leave credit notes out of the query)");
        }

        if (amount > LedgerLimits.MaxAmount)
        {
            throw Error(row, column, value, string.Create(CultureInfo.InvariantCulture, $"{ErpValues.Shown(value)} is more than the ledger keeps ({LedgerLimits.MaxAmount:#,##0.####})"));
        }

        return decimal.Round(amount, AmountLimits.Decimals) == amount
            ? amount
            : throw Error(row, column, value, $"{ErpValues.Shown(value)} has more than four decimals (the ledger keeps amounts to 0.0001: round it in the query)");
    }

    private DateOnly Date(IDictionary<string, object?> values, string column, int row)
    {
        var value = values[column];
        if (ErpValues.IsEmpty(value))
        {
            throw Error(row, column, value, $"the value is {Empty(value)} (expected a date such as {DateExample})");
        }

        if (ErpValues.TryDate(value, _dateFormats, out var date))
        {
            return date;
        }

        var formats = _dateFormats.Length > 0 ? $"text in {string.Join(", ", _dateFormats)} or " : "text in ";
        throw Error(row, column, value, $"{ErpValues.Shown(value)} is not a date (expected a date value, or {formats}ISO 8601 such as {DateExample})");
    }

    private string Currency(IDictionary<string, object?> values, string column, int row)
    {
        var text = Text(values, column, row).ToUpperInvariant();
        return text switch
        {
            "" => _source.DefaultCurrency,
            "RMB" or "人民币" => "CNY",
            { Length: 3 } when text.All(char.IsAsciiLetterUpper) => text,
            _ => throw Error(row, column, values[column], $"{ErpValues.Shown(values[column])} is not a currency (expected a code of three letters such as {_source.DefaultCurrency})"),
        };
    }

    private ErpStatus Status(IDictionary<string, object?> values, string column, int row)
    {
        var text = Text(values, column, row);
        if (_source.PaidValues.Any(v => string.Equals(v.Trim(), text, StringComparison.OrdinalIgnoreCase)))
        {
            return ErpStatus.Paid;
        }

        return _source.CancelledValues.Any(v => string.Equals(v.Trim(), text, StringComparison.OrdinalIgnoreCase))
            ? ErpStatus.Cancelled
            : ErpStatus.Open;
    }

    private static string Empty(object? value) => value is null or DBNull ? "NULL" : "empty";

    private ErpFormatException Error(int row, string column, object? value, string problem) =>
        new(_query, row, column, ErpValues.Raw(value), problem);

    /// <summary>The result's own names of the mapped columns; null where the map names none or an optional one is absent.</summary>
    private sealed record Resolved(
        string ContractNo,
        string? CustomerId,
        string CustomerName,
        string Amount,
        string? Currency,
        string? IssueDate,
        string DueDate,
        string? SalesOwner,
        string? Status);
}
