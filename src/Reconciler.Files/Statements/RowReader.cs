using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>Turns the current row of a <see cref="RowSource"/> into a <see cref="StatementLine"/>, as a resolved profile says.</summary>
internal sealed class RowReader(RowSource source, ProfileLayout layout)
{
    // Dates and amounts are parsed from the cell's characters without making a string, when they fit here.
    private const int CellBuffer = 64;

    private readonly string[] _memoParts = new string[layout.Memo.Length];

    // The currency the current row's amount cell names ("10,000.00 USD"), and that cell, for Currency(); null for none.
    private string? _amountCurrency;
    private ProfileLayout.Column _amountColumn;

    /// <summary>A cell's text; empty for a null value (<c>-</c>, a profile null value) or an absent column.</summary>
    public string Cell(int index)
    {
        if (index < 0)
        {
            return "";
        }

        var text = source.Text(index);
        return layout.IsNull(text) ? "" : text;
    }

    /// <summary>Reads the booking date cell; false when it holds no date (a total row, or an error <see cref="Line"/> reports).</summary>
    public bool TryDate(out DateOnly date, out TimeOnly? time)
    {
        var index = layout.Date.Index;
        if (layout.Dates.TryTyped(source.Typed(index), out date, out time))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[CellBuffer];
        var text = source.Chars(index, buffer);
        return !layout.IsNull(text) && layout.Dates.TryParse(text, out date, out time);
    }

    /// <summary>The current row as a line; throws naming the row, the column and the value.</summary>
    /// <param name="booked">The booking date and time when <see cref="TryDate"/> read them.</param>
    public StatementLine Line((DateOnly Date, TimeOnly? Time)? booked)
    {
        var (date, time) = booked is { } b ? ((DateOnly?)b.Date, b.Time) : Date(layout.Date, required: true);
        var valueDate = layout.ValueDate.Exists ? Date(layout.ValueDate, required: false).Date : default(DateOnly?);
        if (layout.Time.Exists && Cell(layout.Time.Index) is { Length: > 0 } timeText)
        {
            time = TimeOnly.TryParse(timeText, System.Globalization.CultureInfo.InvariantCulture, out var t)
                ? t
                : throw Error(layout.Time, timeText, $"{InputFormatException.Quote(timeText)} is not a time of day (expected such as 14:05:00)");
        }

        _amountCurrency = null;
        var (amount, neutral) = Amount();
        var notBooked = layout.Status.Exists ? layout.NotBookedAs(source.Text(layout.Status.Index)) : null;
        return new StatementLine(
            source.File,
            source.Row,
            Cell(layout.BankRef.Index),
            date!.Value,
            amount,
            Currency(),
            Cell(layout.PayerName.Index),
            Cell(layout.PayerAccount.Index),
            Memo())
        {
            ValueDate = valueDate,
            Time = time,
            Neutral = neutral || notBooked is not null,
            NotBooked = notBooked,
        };
    }

    private (DateOnly? Date, TimeOnly? Time) Date(ProfileLayout.Column column, bool required)
    {
        if (layout.Dates.TryTyped(source.Typed(column.Index), out var typed, out var typedTime))
        {
            return (typed, typedTime);
        }

        var text = Cell(column.Index);
        if (text.Length == 0)
        {
            return required
                ? throw Error(column, "", $"the value is empty (expected a date such as {layout.Dates.Example})")
                : (null, null);
        }

        return layout.Dates.TryParse(text, out var date, out var time)
            ? (date, time)
            : throw Error(column, text, $"{InputFormatException.Quote(text)} is not a date (expected {layout.Dates.Description}, such as {layout.Dates.Example}){DateText.SerialHint(text)}");
    }

    private (decimal Amount, bool Neutral) Amount()
    {
        if (layout.Credit.Exists || layout.Debit.Exists)
        {
            var credit = Money(layout.Credit, required: false);
            var debit = Money(layout.Debit, required: false);
            if (credit is null && debit is null)
            {
                throw Error(
                    layout.Credit.Exists ? layout.Credit : layout.Debit,
                    "",
                    $"the row has no amount: {Both()} are empty (expected an amount such as {layout.Money.Example} in one of them)");
            }

            if (credit is { } c && c != 0 && debit is { } d && d != 0)
            {
                throw Error(
                    layout.Credit,
                    Cell(layout.Credit.Index),
                    $"the row has an amount both in {Both()} ({Cell(layout.Credit.Index)} and {Cell(layout.Debit.Index)}): one line is money in or money out, not both");
            }

            // The debit column counts as money out whatever its own sign: some banks write it negative already.
            return (Math.Abs(credit ?? 0) - Math.Abs(debit ?? 0), false);
        }

        var amount = Money(layout.Amount, required: true)!.Value;
        if (!layout.Direction.Exists)
        {
            return (amount, false);
        }

        // The raw text: a direction value may look like a null value ("/" is WeChat's "neither").
        var text = source.Text(layout.Direction.Index);
        var direction = layout.DirectionOf(text)
            ?? throw Error(layout.Direction, text, $"{InputFormatException.Quote(text)} is not a direction this profile knows ({layout.DirectionChoices()})");
        return direction switch
        {
            > 0 => (Math.Abs(amount), false),
            < 0 => (-Math.Abs(amount), false),
            _ => (Math.Abs(amount), true),
        };

        string Both() => $"\"{layout.Credit.Name}\" and \"{layout.Debit.Name}\"";
    }

    /// <summary>
    /// The amount in <paramref name="column"/>'s cell (null for an absent column, or an empty cell where none is
    /// <paramref name="required"/>), within <see cref="AmountLimits"/>: four decimals at most, not too large.
    /// </summary>
    private decimal? Money(ProfileLayout.Column column, bool required)
    {
        var value = ReadMoney(column, required);
        if (value is { } amount && AmountLimits.Problem(amount) is { } problem)
        {
            var shown = source.Text(column.Index);
            throw Error(column, shown, InputFormatException.AmountRefused(shown, problem));
        }

        return value;
    }

    private decimal? ReadMoney(ProfileLayout.Column column, bool required)
    {
        if (!column.Exists)
        {
            return null;
        }

        if (source.Typed(column.Index) is double number)
        {
            // Excel keeps numbers as doubles (548.58 is stored as 548.58000000000004): round to what a bank can mean.
            return MoneyText.TryNumberCell(number, out var amount)
                ? Math.Round(amount, 6)
                : throw Error(column, source.Text(column.Index), InputFormatException.AmountRefused(source.Text(column.Index), AmountLimits.TooLarge));
        }

        Span<char> buffer = stackalloc char[CellBuffer];
        var chars = source.Chars(column.Index, buffer);
        if (layout.IsNull(chars))
        {
            return required
                ? throw Error(column, "", $"the value is empty (expected an amount such as {layout.Money.Example})")
                : null;
        }

        if (layout.Money.TryParse(chars, out var value, out var currency))
        {
            // Only a cell that holds the amount names its currency: a credit/debit layout's other cell may say 0.00 CNY.
            if (currency is not null && value != 0)
            {
                (_amountCurrency, _amountColumn) = (currency, column);
            }

            return value;
        }

        var text = source.Text(column.Index);
        throw Error(column, text, $"{InputFormatException.Quote(text)} is not an amount (expected a number such as {layout.Money.Example})");
    }

    // The currency column's, or else the one the amount names ("1.234,56 EUR"), or else the profile's default. An amount
    // naming another currency than the column is refused: read as the column's, it would be matched in the wrong one.
    private string Currency()
    {
        string? named = null;
        if (_amountCurrency is not null && layout.Currencies.TryGet(_amountCurrency, out var fromAmount))
        {
            named = fromAmount;
        }

        if (!layout.Currency.Exists)
        {
            return named ?? layout.Currencies.Default;
        }

        var text = Cell(layout.Currency.Index);
        if (!layout.Currencies.TryGet(text, out var code))
        {
            throw Error(layout.Currency, text, $"{InputFormatException.Quote(text)} is not a currency (expected a code of three letters such as {layout.Currencies.Default}, or a currency name such as 人民币)");
        }

        if (named is null)
        {
            return code;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return named; // an empty currency cell: the amount's currency rather than the default
        }

        if (!string.Equals(named, code, StringComparison.Ordinal))
        {
            var amount = Cell(_amountColumn.Index);
            throw Error(_amountColumn, amount, $"{InputFormatException.Quote(amount)} is in {named}, but the row's {layout.Currency.Name} says {code}: one line has one currency");
        }

        return code;
    }

    private string Memo()
    {
        var columns = layout.Memo;
        if (columns.Length == 0)
        {
            return "";
        }

        if (columns.Length == 1)
        {
            return Cell(columns[0].Index);
        }

        var count = 0;
        foreach (var column in columns)
        {
            var text = Cell(column.Index);
            if (text.Length > 0)
            {
                _memoParts[count++] = text;
            }
        }

        return count switch
        {
            0 => "",
            1 => _memoParts[0],
            _ => string.Join(' ', _memoParts, 0, count),
        };
    }

    private InputFormatException Error(ProfileLayout.Column column, string value, string problem) =>
        new(source.File, source.Row, column.Name, value, problem);
}
