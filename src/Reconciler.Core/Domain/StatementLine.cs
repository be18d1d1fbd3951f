namespace Reconciler.Domain;

/// <summary>One line of a bank statement, whatever bank layout it came from.</summary>
/// <param name="File">The statement file's name, as the user gave it.</param>
/// <param name="Row">The 1-based row in that file (data rows, header excluded, as a clerk counts in a spreadsheet: header is row 1, so the first line is row 2 for a file with one header row).</param>
/// <param name="BankRef">The bank's own reference for the line; may be empty.</param>
/// <param name="Date">The booking (or value) date.</param>
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
    string Memo);
