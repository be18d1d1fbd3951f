using Reconciler.Domain;

namespace Reconciler.Storage.Tests;

/// <summary>
/// A receivable its source lowered below what payments paid: a person acknowledges the over-payment with
/// <see cref="LedgerStore.Confirm"/> on the line, and a sync that gives the same lowered amount again neither reports,
/// audits nor re-opens it; a further lowering does.
/// </summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void Confirm_LineWithAnOpenLoweredException_AcknowledgesTheExcessAndKeepsTheAllocation()
    {
        // Arrange: 30,000.00 of HT2026/0458 paid and allocated; the file now says 20,000.00.
        var (store, receivables, line) = LoweredBelowWhatWasPaid();
        var before = Query<(long Amount, long Open, string Status)>("SELECT amount, open_amount, status FROM receivable WHERE contract_no = 'HT2026/0458'");
        var lineStatus = Scalar<string>("SELECT status FROM statement_line WHERE id = @Line", new { Line = line });

        // Act
        var outcome = NewStore().Confirm(line, null, "finance.anna", "customer paid 10,000.00 too much; kept as a credit");

        // Assert: resolved, said with the contract and the excess; the allocation, the receivable and the line as they were.
        Assert.True(outcome.Changed);
        Assert.Equal(lineStatus, outcome.Status);
        Assert.Contains("HT2026/0458", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("excess of 10,000.00 CNY", outcome.Message, StringComparison.Ordinal);
        var acknowledged = Assert.Single(outcome.Acknowledged);
        Assert.Equal(("HT2026/0458", "CNY", (decimal?)20_000m, 30_000m, 10_000m), (acknowledged.ContractNo, acknowledged.Currency, acknowledged.SourceAmount, acknowledged.Paid, acknowledged.Excess));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NOT NULL AND line_id = @Line", new { Line = line }));
        Assert.Equal(30_000m, Applied("HT2026/0458"));
        Assert.Equal(1, Scalar<int>($"SELECT COUNT(*) FROM allocation WHERE line_id = @Line AND status IN ({AppliedStatuses}) AND ended_at IS NULL", new { Line = line }));
        Assert.Equal(before, Query<(long Amount, long Open, string Status)>("SELECT amount, open_amount, status FROM receivable WHERE contract_no = 'HT2026/0458'"));
        Assert.Equal(lineStatus, Scalar<string>("SELECT status FROM statement_line WHERE id = @Line", new { Line = line }));
        Assert.Equal(
            [("finance.anna", "statement_line", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "customer paid 10,000.00 too much; kept as a credit")],
            Query<(string, string, string, string)>("SELECT actor, entity, entity_id, note FROM audit_log WHERE action = 'acknowledge'"));
        Assert.DoesNotContain(store.LoadRuleFacts(new DateOnly(2026, 3, 1), 6).Exceptions, e => e.Kind == ExceptionKind.ReceivableLowered);
        Assert.Empty(store.SyncReceivables(receivables, "receivables.csv", Actor).Lowered);
    }

    [SkippableFact]
    public void Confirm_LoweredExceptionAcknowledgedBefore_ChangesNothingAndSaysSo()
    {
        // Arrange
        var (store, _, line) = LoweredBelowWhatWasPaid();
        store.Confirm(line, null, "finance.anna", "kept as a credit");
        var contents = Contents().Describe();

        // Act
        var again = NewStore().Confirm(line, null, "finance.anna", "kept as a credit");

        // Assert
        Assert.False(again.Changed);
        Assert.Contains("HT2026/0458", again.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing changed", again.Message, StringComparison.Ordinal);
        Assert.Equal(contents, Contents().Describe());
    }

    [SkippableFact]
    public void SyncReceivables_SameLoweredAmountAfterTheExceptionWasAcknowledged_NeitherReportsAuditsNorReopensIt()
    {
        // Arrange
        var (store, receivables, line) = LoweredBelowWhatWasPaid();
        store.Confirm(line, null, "finance.anna", null);
        var contents = Contents().Describe();

        // Act
        var again = NewStore().SyncReceivables(receivables, "receivables.csv", Actor);

        // Assert: the ledger as it was: no report, no audit row, the exception still resolved.
        Assert.Empty(again.Lowered);
        Assert.Equal(contents, Contents().Describe());
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'lowered'"));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }

    [SkippableFact]
    public void SyncReceivables_LoweredFurtherAfterTheExceptionWasAcknowledged_ReportsAndReopensItWithTheNewExcess()
    {
        // Arrange: lowered to 20,000.00 and acknowledged; the file then says 15,000.00.
        var (store, receivables, line) = LoweredBelowWhatWasPaid();
        store.Confirm(line, null, "finance.anna", null);
        var further = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = 15_000m } : r).ToList();

        // Act
        var sync = NewStore().SyncReceivables(further, "receivables.csv", Actor);
        var again = NewStore().SyncReceivables(further, "receivables.csv", Actor);

        // Assert: said once for the new amount, with its excess of 15,000.00 open for a person again.
        var lowered = Assert.Single(sync.Lowered);
        Assert.Equal((15_000m, 30_000m, (long?)line), (lowered.NewAmount, lowered.Allocated, lowered.LineId));
        Assert.Empty(again.Lowered);
        Assert.Equal(
            [(line, 150_000_000L)],
            Query<(long, long)>("SELECT line_id, amount FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'lowered'"));
        Assert.Equal(150_000_000L, Scalar<long>("SELECT source_amount FROM receivable WHERE contract_no = 'HT2026/0458'"));
    }

    [SkippableFact]
    public void SyncReceivables_SameLoweredAmountAfterTheLastLineWasUnmatched_RaisesItOnTheLineStillPaying()
    {
        // Arrange: HT2026/0458 (56,000.00) paid by two lines of 30,000.00 and 26,000.00, lowered to 20,000.00: the
        // exception is on the line matched last; a person undoes that one, 30,000.00 paid stays above 20,000.00.
        var (lowered, second, firstLine) = PaidByTwoLinesThenLowered();
        var store = NewStore();
        store.Unmatch(second, "li.wei", "not this contract");

        // Act
        var again = NewStore().SyncReceivables(lowered, "receivables.csv", Actor);

        // Assert: the excess that is left (10,000.00) is a new exception, on the line that still pays it.
        Assert.Equal((firstLine, 30_000m), (Assert.Single(again.Lowered).LineId, again.Lowered[0].Allocated));
        Assert.Equal(
            [(firstLine, 100_000_000L)],
            Query<(long, long)>("SELECT line_id, amount FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL"));
    }

    /// <summary>
    /// The samples synced, then HT2026/0458's first installment (line B2601260004, 30,000.00 of 56,000.00) imported and
    /// reconciled: the store, the receivables synced and that line.
    /// </summary>
    private (LedgerStore Store, IReadOnlyList<Receivable> Receivables, StatementLine Installment) FirstInstallmentReconciled()
    {
        var store = MigratedStore();
        var receivables = SampleFiles.Receivables();
        store.SyncReceivables(receivables, "receivables.csv", Actor);
        var installment = SampleFiles.StatementA().Lines.Single(l => l.BankRef == "B2601260004");
        Import(store, SampleStatement.Of("installment-1.csv", installment));
        Reconcile(store);
        return (store, receivables, installment);
    }

    /// <summary>
    /// The samples synced, HT2026/0458 (56,000.00) paid 30,000.00 by line B2601260004, then lowered by the file to
    /// 20,000.00 (row 7): the store, the lowering list and the line holding the exception.
    /// </summary>
    private (LedgerStore Store, List<Receivable> Lowered, long Line) LoweredBelowWhatWasPaid()
    {
        var (store, receivables, _) = FirstInstallmentReconciled();
        var line = Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = 'B2601260004'");
        var lowered = receivables.Select(r => r.ContractNo == "HT2026/0458" ? r with { Amount = 20_000m, SourceRow = ("receivables.csv", 7) } : r).ToList();
        Assert.Single(store.SyncReceivables(lowered, "receivables.csv", Actor).Lowered);
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'ReceivableLowered' AND resolved_at IS NULL AND line_id = @Line", new { Line = line }));
        return (store, lowered, line);
    }
}
