using Reconciler.Domain;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void ReportLines_AllStatuses_AreTheResultsOfTheFilesInFileAndRowOrder()
    {
        var (store, a, b) = SamplesImported();
        Reconcile(store);

        var streamed = store.ReportLines(ReportPeriod.All).ToList();

        var expected = store.ResultsOfFiles([a.FileId, b.FileId]);
        Assert.Equal(17, streamed.Count);
        Assert.Equal(
            expected.Select(r => (r.Line, r.Status, r.Rule, r.Confidence, r.Difference, r.Explanation, Allocations(r))),
            streamed.Select(r => (r.Line, r.Status, r.Rule, r.Confidence, r.Difference, r.Explanation, Allocations(r))));
        Assert.Equal(expected.Single(r => r.Status == MatchStatus.Duplicate).DuplicateOf, streamed.Single(r => r.Status == MatchStatus.Duplicate).DuplicateOf);
    }

    [SkippableFact]
    public void ReportLines_StatusesAndPeriod_OnlyThoseLinesBookedInIt()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var period = new ReportPeriod(new DateOnly(2026, 1, 22), new DateOnly(2026, 2, 5));

        var streamed = store.ReportLines(period, [MatchStatus.Matched, MatchStatus.Partial]).ToList();

        var expected = Query<(string Date, int Row)>(
            "SELECT booking_date, row_number FROM statement_line WHERE status IN ('matched', 'partial') AND booking_date >= '2026-01-22' AND booking_date <= '2026-02-05' ORDER BY file_id, row_number");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Row), streamed.Select(r => r.Line.Row));
        Assert.All(streamed, r => Assert.True(period.Contains(r.Line.Date) && r.Status is MatchStatus.Matched or MatchStatus.Partial));
    }

    [SkippableFact]
    public void ReportLines_NotThroughARunYet_AreUnmatchedNotRun()
    {
        var (store, _, _) = SamplesImported();

        var unmatched = store.ReportLines(ReportPeriod.All, [MatchStatus.Unmatched]).ToList();

        Assert.Equal(Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'new'"), unmatched.Count);
        Assert.All(unmatched, r => Assert.Equal((MatchStatus.Unmatched, "not-run"), (r.Status, r.Rule)));
    }

    [SkippableFact]
    public void ReportCandidates_SuggestedLines_RankedFromOneWithTheOpenAmountsNow()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var candidates = store.ReportCandidates(ReportPeriod.All);

        Assert.Equal(Scalar<long>("SELECT COUNT(*) FROM allocation a JOIN statement_line l ON l.id = a.line_id WHERE a.status = 'candidate' AND l.status = 'suggested'"), candidates.Count);
        Assert.All(candidates.GroupBy(c => c.LineId), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(c => c.Rank)));
        var typo = candidates.Single(c => c.ContractNo == "KL26-004536");
        Assert.Equal((ReceivableRow("KL26-004536").Open, typo.Amount - typo.OpenAmount), (typo.OpenAmount, typo.Difference));
        Assert.Contains(candidates.GroupBy(c => c.LineId), g => g.Count() == 2);
    }

    [SkippableFact]
    public void ReportSummary_Samples_FiguresAreTheLedgers()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var summary = store.ReportSummary(ReportPeriod.All);

        var statuses = Query<(string Status, string Currency, long Lines, long Units)>(
            "SELECT status, currency, COUNT(*), SUM(amount) FROM statement_line GROUP BY status, currency ORDER BY status, currency");
        Assert.Equal(statuses.Select(s => new ReportStatusTotal(s.Status, s.Currency, s.Lines, s.Units / 10_000m)), summary.Statuses);
        var allocated = Query<(string Currency, long Units)>(
            "SELECT l.currency, SUM(a.amount) FROM allocation a JOIN statement_line l ON l.id = a.line_id WHERE a.status IN ('auto', 'confirmed') GROUP BY l.currency ORDER BY l.currency");
        Assert.Equal(allocated.Select(x => (x.Currency, x.Units / 10_000m)), summary.Allocated.Select(x => (x.Currency, x.Amount)));
        var open = Query<(string Currency, long Units, long Count)>(
            "SELECT currency, SUM(open_amount), COUNT(*) FROM receivable WHERE status = 'open' AND open_amount > 0 GROUP BY currency ORDER BY currency");
        Assert.Equal(open.Select(x => new ReportCurrencyAmount(x.Currency, x.Units / 10_000m, x.Count)), summary.StillOpen);
        Assert.Equal(Scalar<long>("SELECT COUNT(*) FROM match_exception"), summary.Exceptions.Sum(e => e.Open + e.Resolved));
        Assert.NotEmpty(summary.Exceptions);
        Assert.Equal(17, summary.Days.Sum(d => d.Lines));
        Assert.Equal(summary.Days.OrderBy(d => d.Day).Select(d => d.Day), summary.Days.Select(d => d.Day));
    }

    [SkippableFact]
    public void ReportSummary_DuplicateDebitAndNeutralLineOnOneDay_TheDayReceivesEachCreditOnce()
    {
        // Arrange: on 2026-03-02 two payments in; the second export repeats the first payment (a duplicate) and books
        // a debit and a transfer between own accounts (neither in nor out).
        var store = MigratedStore();
        store.SyncReceivables(SampleFiles.Receivables(), "receivables.csv", Actor);
        var paid = NewLine(10_000m, "货款 KL26-004512", bankRef: "B2603020001", date: "2026-03-02");
        Import(store, SampleStatement.Of("march-a.csv", paid, NewLine(2_950m, "no reference", payer: "Woodgrove Dental Care", bankRef: "B2603020002", date: "2026-03-02")));
        Import(store, SampleStatement.Of(
            "march-b.csv",
            paid,
            NewLine(-18_000m, "一月房租", bankRef: "B2603020003", date: "2026-03-02"),
            NewLine(500m, "own account", bankRef: "B2603020004", date: "2026-03-02") with { Neutral = true }));
        Reconcile(store);
        Assert.Equal(1, Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'duplicate'"));

        // Act
        var summary = store.ReportSummary(ReportPeriod.All);

        // Assert: received once, credits only; the day's lines per status are the Summary's (the neutral line its own item).
        var day = summary.Days.Where(d => d.Day == new DateOnly(2026, 3, 2) && d.Currency == "CNY").ToList();
        Assert.Equal(summary.Days, day);
        Assert.Equal((2L, 12_950m), (day.Sum(d => d.ReceivedLines), day.Sum(d => d.ReceivedAmount)));
        Assert.Equal(
            summary.Statuses.Select(s => (s.Status, s.Lines, s.Amount)),
            day.OrderBy(d => d.Status, StringComparer.Ordinal).Select(d => (d.Status, d.Lines, d.Amount)));
        Assert.Equal(
            [("duplicate", 0L, 0m), ("ignored", 0L, 0m), (LedgerStore.NeutralItem, 0L, 0m)],
            day.Where(d => d.Status is "duplicate" or "ignored" or LedgerStore.NeutralItem).OrderBy(d => d.Status, StringComparer.Ordinal).Select(d => (d.Status, d.ReceivedLines, d.ReceivedAmount)));
    }

    [SkippableFact]
    public void ReportSummary_Period_CountsOnlyItsLinesAndHolds()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var receivable = ReceivableId("KL26-004536");
        store.SaveDecisions([], [Hold("overdue:" + receivable, "C0008", receivable, "KL26-004536")], [], RuleSet, "rules");
        var openedOn = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

        var before = store.ReportSummary(new ReportPeriod(null, openedOn.AddDays(-1)));
        var on = store.ReportSummary(new ReportPeriod(openedOn, openedOn));
        var february = store.ReportSummary(new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));

        Assert.Equal((0L, 1L), (before.HoldsOpened, on.HoldsOpened));
        Assert.Equal(
            Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE booking_date >= '2026-02-01' AND booking_date <= '2026-02-28'"),
            february.Statuses.Sum(s => s.Lines));
        Assert.All(february.Days, d => Assert.Equal(2, d.Day.Month));
    }

    [SkippableFact]
    public void ReportAlerts_Period_TheAlertsCreatedInItOldestFirstWithoutBodies()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var line = Query<long>("SELECT id FROM statement_line ORDER BY id").First();
        store.SaveDecisions([NewAlert("first", lineId: line), NewAlert("second")], [], [], RuleSet, "rules");
        var createdOn = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

        var all = store.ReportAlerts(ReportPeriod.All).ToList();
        var before = store.ReportAlerts(new ReportPeriod(null, createdOn.AddDays(-1))).ToList();

        Assert.Equal(["first", "second"], all.Select(a => a.Alert.DedupKey));
        Assert.Equal(Query<long>("SELECT id FROM alert_outbox ORDER BY id"), all.Select(a => a.Id));
        Assert.All(all, a => Assert.Equal(("", "", "Payment needs a look"), (a.Alert.Body, a.Alert.Payload, a.Alert.Subject)));
        Assert.Equal(("statement-a.csv", 2), (all[0].File, all[0].Row));
        Assert.Empty(before);
    }
}
