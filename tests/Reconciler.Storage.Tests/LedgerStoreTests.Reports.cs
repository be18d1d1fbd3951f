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
