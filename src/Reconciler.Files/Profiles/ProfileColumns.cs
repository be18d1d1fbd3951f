namespace Reconciler.Files;

/// <summary>
/// The columns of a bank profile, by header name. The amount is one of: a signed <see cref="Amount"/>; split
/// <see cref="Credit"/> / <see cref="Debit"/> columns (the debit counts as money out whatever its sign); or an
/// unsigned <see cref="Amount"/> with a <see cref="Direction"/> column.
/// </summary>
public sealed record ProfileColumns
{
    /// <summary>The booking date (may hold a time as well). Required.</summary>
    public string? Date { get; init; }

    /// <summary>The booking time, when the bank puts it in its own column.</summary>
    public string? Time { get; init; }

    /// <summary>The value date, when the bank gives one apart from the booking date.</summary>
    public string? ValueDate { get; init; }

    /// <summary>The amount: signed, or unsigned with <see cref="Direction"/>.</summary>
    public string? Amount { get; init; }

    /// <summary>Money in, when credits and debits have their own columns.</summary>
    public string? Credit { get; init; }

    /// <summary>Money out, when credits and debits have their own columns.</summary>
    public string? Debit { get; init; }

    /// <summary>The column that says in or out (<c>收/支</c>, <c>C/D</c>, <c>借/贷</c>); its values are in the profile's Direction.</summary>
    public string? Direction { get; init; }

    /// <summary>The currency (ISO code, or a name such as <c>人民币</c>); the profile's default when absent.</summary>
    public string? Currency { get; init; }

    /// <summary>The counterparty's name.</summary>
    public string? PayerName { get; init; }

    /// <summary>The counterparty's account.</summary>
    public string? PayerAccount { get; init; }

    /// <summary>The bank's reference of the line.</summary>
    public string? BankRef { get; init; }

    /// <summary>
    /// The bank's status of the line (<c>交易状态</c>, <c>Stato</c>), when it says whether the bank has booked it; the
    /// values that mean it has not are the profile's <see cref="BankProfile.NotBooked"/>.
    /// </summary>
    public string? Status { get; init; }

    /// <summary>Every column with remittance text; all are searched for references, joined with a space.</summary>
    public IReadOnlyList<string> Memo { get; init; } = [];

    /// <summary>The names of the roles of one column each (all but <see cref="Memo"/>), in the order <see cref="Renamed"/> keeps; null where the profile has none.</summary>
    internal string?[] SingleColumns() => [Date, Time, ValueDate, Amount, Credit, Debit, Direction, Currency, PayerName, PayerAccount, BankRef, Status];

    /// <summary>These columns with every name, the memo columns' too, passed through <paramref name="rename"/> (a memo column it gives null for is left out).</summary>
    internal ProfileColumns Renamed(Func<string?, string?> rename) => new()
    {
        Date = rename(Date),
        Time = rename(Time),
        ValueDate = rename(ValueDate),
        Amount = rename(Amount),
        Credit = rename(Credit),
        Debit = rename(Debit),
        Direction = rename(Direction),
        Currency = rename(Currency),
        PayerName = rename(PayerName),
        PayerAccount = rename(PayerAccount),
        BankRef = rename(BankRef),
        Status = rename(Status),
        Memo = [.. (Memo ?? []).Select(rename).OfType<string>()],
    };
}
