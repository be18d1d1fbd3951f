namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void ImportStatement_EmptyAndNonAsciiText_ReadBackAsWritten()
    {
        var store = MigratedStore();
        var day = new DateOnly(2026, 3, 4);
        StatementLine[] lines =
        [
            new("text.csv", 2, "", day, 10m, "EUR", "Müller & Söhne – 北京", "", ""),
            new("text.csv", 3, "R-ÄÖÜ-1", day, 20m, "EUR", "", "AT99", "Rechnung ＫＬ２６－００４５１２ überwiesen 🙂"),
        ];

        store.ImportStatement("text.csv", new string('a', 64), "generic", lines, Actor);

        var stored = Query<(string BankRef, string PayerName, string PayerAccount, string Memo)>(
            "SELECT bank_ref AS BankRef, payer_name AS PayerName, payer_account AS PayerAccount, memo AS Memo FROM statement_line ORDER BY row_number");
        Assert.Equal(
            lines.Select(l => (l.BankRef, l.PayerName, l.PayerAccount, l.Memo)),
            stored);
        Assert.Equal(0, Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE bank_ref IS NULL OR payer_name IS NULL OR payer_account IS NULL OR memo IS NULL"));
    }
}
