namespace Reconciler.Storage.Tests;

/// <summary>
/// A line the bank has not booked (pending, closed) moves no money: it is imported, kept with the bank's status,
/// decided ignored by any run (one that takes it from the import, or one that reads it back, as the worker does), and
/// the same movement booked in a later export is a line of its own that pays its receivable.
/// </summary>
public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void NotBookedLine_ReadBackByALaterRun_IgnoredWithItsStatus_AndTheBookedOneLaterPays()
    {
        // Arrange: an export shows a payment of KL26-004512 pending; it is imported, and matched by a run that reads it back.
        var store = MigratedStore();
        store.SyncReceivables([NewReceivable("KL26-004512", 5_000m)], "receivables.csv", Actor);
        var pendingLine = NewLine(5_000m, "payment KL26-004512", bankRef: "B-9001") with { NotBooked = "Autorizzato", Neutral = true };
        Import(store, SampleStatement.Of("march-1.xlsx", pendingLine));

        // Act
        var (snapshot, first, _) = Reconcile(store);

        // Assert: the run got the line as imported (its status kept), left the receivable open, and says why.
        Assert.Equal("Autorizzato", Assert.Single(snapshot.Pending).Line.NotBooked);
        var ignored = Assert.Single(first.Results);
        Assert.Equal((MatchStatus.Ignored, "not-booked"), (ignored.Status, ignored.Rule));
        Assert.Equal((5_000m, 5_000m, "open"), ReceivableRow("KL26-004512"));
        Assert.Equal(
            ("ignored", "not-booked", "Autorizzato"),
            Query<(string Status, string Rule, string NotBooked)>("SELECT status, match_rule, not_booked FROM statement_line").Single());
        var lineId = Assert.Single(snapshot.Pending).Id;
        var refused = Assert.Throws<ReviewException>(() => store.Match(lineId, [new ManualAllocation("KL26-004512")], "clerk", null));
        Assert.Contains("is not booked by the bank (5,000.00, its status \"Autorizzato\")", refused.Message, StringComparison.Ordinal);

        // Act: the next export shows the same payment booked (same bank reference, date and amount).
        var booked = Import(store, SampleStatement.Of("march-2.xlsx", pendingLine with { NotBooked = null, Neutral = false }));
        var (_, second, _) = Reconcile(store, booked);

        // Assert: not a duplicate of the pending line; it pays the receivable.
        Assert.Equal(LedgerStore.NewStatus, Assert.Single(booked.Lines).Status);
        Assert.Equal(MatchStatus.Matched, Assert.Single(second.Results).Status);
        Assert.Equal((5_000m, 0m, "paid"), ReceivableRow("KL26-004512"));
        Assert.Empty(ReceivablesOffBalance());
    }

    [SkippableFact]
    public void NotBookedLine_InTwoOverlappingExports_IsOneLine()
    {
        // Arrange
        var store = MigratedStore();
        var pendingLine = NewLine(80m, "order 4411") with { NotBooked = "交易关闭", Neutral = true };
        Import(store, SampleStatement.Of("a.csv", pendingLine));

        // Act
        var again = Import(store, SampleStatement.Of("b.csv", pendingLine));

        // Assert
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(MatchStatus.Duplicate.ToName(), Assert.Single(again.Lines).Status);
    }
}
