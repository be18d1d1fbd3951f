namespace Reconciler.Rules;

/// <summary>A statement line as a decision names it: the payment last applied to a held receivable, which releases its hold.</summary>
/// <param name="LineId">The line's ledger id.</param>
/// <param name="File">The statement file's name.</param>
/// <param name="Row">The line's row in its file.</param>
/// <param name="BankRef">The bank's reference; may be empty.</param>
/// <param name="Date">The payment's date (value date, else booking date).</param>
/// <param name="Amount">The line's amount.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="Amount"/>.</param>
/// <param name="Payer">The payer's name as the bank wrote it; may be empty.</param>
public sealed record PaymentLine(long LineId, string File, int Row, string BankRef, DateOnly Date, decimal Amount, string Currency, string Payer);
