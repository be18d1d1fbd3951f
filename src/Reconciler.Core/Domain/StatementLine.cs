namespace Reconciler.Domain;

/// <summary>One line of a bank statement, whatever bank layout it came from.</summary>
/// <param name="File">The statement file's name, as the user gave it.</param>
/// <param name="Row">The 1-based row in that file (data rows, header excluded, as a clerk counts in a spreadsheet: header is row 1, so the first line is row 2 for a file with one header row).</param>
/// <param name="BankRef">The bank's own reference for the line; may be empty.</param>
/// <param name="Date">The booking date.</param>
/// <param name="Amount">Signed amount: credits (money in) positive, debits negative.</param>
/// <param name="Currency">ISO 4217 code, upper case.</param>
/// <param name="PayerName">The counterparty's name as the bank wrote it.</param>
/// <param name="PayerAccount">The counterparty's account number (IBAN or local); may be empty.</param>
/// <param name="Memo">Remittance text: every memo column of the layout, joined.</param>
public sealed record StatementLine(
    string File,
    int Row,
    string BankRef,
    DateOnly Date,
    decimal Amount,
    string Currency,
    string PayerName,
    string PayerAccount,
    string Memo)
{
    /// <summary>The value date (when the money is available), when the bank gives one apart from the booking date.</summary>
    public DateOnly? ValueDate { get; init; }

    /// <summary>The booking time, when the bank gives one (a separate column, or a time inside the date).</summary>
    public TimeOnly? Time { get; init; }

    /// <summary>
    /// True for a line the bank marks as neither money in nor money out (Alipay <c>不计收支</c>, WeChat <c>/</c>:
    /// transfers between one's own accounts, refunds of fund purchases). <see cref="Amount"/> is then the unsigned
    /// figure the bank shows; the line is kept and counted, never matched.
    /// </summary>
    public bool Neutral { get; init; }

    /// <summary>
    /// The bank's status of a line it has not booked (pending, closed, failed: Fineco <c>Autorizzato</c>, Alipay
    /// <c>交易关闭</c>), as written; null for a booked line or a layout without a status. No money moved: such a line
    /// is also <see cref="Neutral"/> (its <see cref="Amount"/> keeps the sign the bank gives), never matched, and not the
    /// same line as the same movement booked in a later export.
    /// </summary>
    public string? NotBooked { get; init; }

    /// <summary>The date the matcher compares with a receivable's window: the value date when known, else the booking date.</summary>
    public DateOnly PaymentDate => ValueDate ?? Date;
}
