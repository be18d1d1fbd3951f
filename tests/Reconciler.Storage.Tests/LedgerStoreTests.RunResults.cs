using System.Globalization;
using Dapper;
using Reconciler.Synthetic;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void ResultsOfFiles_FromTheRunInHand_EqualTheResultsReadBack()
    {
        // Arrange: the samples (one duplicate across the files) decided by one run.
        var (store, a, b) = SamplesImported();
        var (snapshot, run, runId) = Reconcile(store);

        // Act
        var fromRun = store.ResultsOfFiles([b.FileId, a.FileId], snapshot, run, runId);

        // Assert
        var readBack = store.ResultsOfFiles([b.FileId, a.FileId]);
        Assert.Equal(17, readBack.Count);
        Assert.Contains(readBack, r => r.DuplicateOf is not null);
        Assert.Equal(readBack.Select(Shown), fromRun.Select(Shown));
    }

    [SkippableFact]
    public void ResultsOfFiles_FromASecondRunInHand_ReadsTheEarlierDecisionsAndDuplicatesOfEarlierLines()
    {
        // Arrange: the first export decided by a first run; then the second, overlapping export (its shared lines are
        // duplicates of lines the first run decided) with receivables added, so the second run decides its new lines
        // and retries the first run's unmatched and suggested ones.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 7 });
        var store = MigratedStore();
        var half = data.Receivables.Count / 2;
        store.SyncReceivables([.. data.Receivables.Take(half)], "synthetic", Actor);
        var first = Import(store, SampleStatement.Keeping(data.Statements[0].File, data.Statements[0].Lines));
        Reconcile(store);
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var second = Import(store, SampleStatement.Keeping(data.Statements[1].File, data.Statements[1].Lines));
        var (snapshot, run, runId) = Reconcile(store);

        // Act
        var fromRun = store.ResultsOfFiles([first.FileId, second.FileId], snapshot, run, runId);

        // Assert: lines of both runs, duplicates naming lines of the first file, the same results as read back.
        var readBack = store.ResultsOfFiles([first.FileId, second.FileId]);
        Assert.True(second.Duplicates > 0, "the exports overlap");
        Assert.Contains(snapshot.Pending, p => p.Status != LedgerStore.NewStatus);
        Assert.Contains(readBack, r => r.Rule != "not-run" && snapshot.Pending.All(p => p.Line.File != r.Line.File || p.Line.Row != r.Line.Row));
        Assert.Equal(readBack.Select(Shown), fromRun.Select(Shown));
    }

    [SkippableFact]
    public void ResultsOfFiles_RunLineChangedSinceTheRun_ReadsEverythingBack()
    {
        // Arrange: a run, then one of its lines taken out of it behind its back (as a person's decision would).
        var (store, a, b) = SamplesImported();
        var (snapshot, run, runId) = Reconcile(store);
        using (var connection = Database.Open())
        {
            connection.Execute(
                "UPDATE statement_line SET run_id = NULL, status = 'unmatched', match_rule = 'test', explanation = 'changed' WHERE id = @Id",
                new { snapshot.Pending[0].Id });
        }

        // Act
        var fromRun = store.ResultsOfFiles([a.FileId, b.FileId], snapshot, run, runId);

        // Assert: the ledger's decision, not the run's.
        Assert.Equal(store.ResultsOfFiles([a.FileId, b.FileId]).Select(Shown), fromRun.Select(Shown));
        Assert.Contains(fromRun, r => r.Explanation == "changed");
    }

    [SkippableFact]
    public void ResultsOfFiles_RunLineReviewedSinceTheRun_ShowsThePersonsDecision()
    {
        // Arrange: a run, then a clerk unmatches one of its matched lines (the review keeps the line's run id).
        var (store, a, b) = SamplesImported();
        var (snapshot, run, runId) = Reconcile(store);
        var matched = Enumerable.Range(0, run.Results.Count).First(i => run.Results[i].Status == Domain.MatchStatus.Matched);
        store.Unmatch(snapshot.Pending[matched].Id, "li.wei", "wrong customer");

        // Act
        var fromRun = store.ResultsOfFiles([a.FileId, b.FileId], snapshot, run, runId);

        // Assert: the ledger's decision, not the run's.
        Assert.Equal(store.ResultsOfFiles([a.FileId, b.FileId]).Select(Shown), fromRun.Select(Shown));
        Assert.Contains(fromRun, r => r.Rule == LedgerStore.UnmatchedByReviewerRule);
    }

    [SkippableFact]
    public void ResultsOfFiles_ReceivablesReadByIdOrAllThrough_GiveTheSameResults()
    {
        // Arrange: two runs over an overlapping export (applied and ranked allocations, a receivable taken by several
        // lines, duplicates), and a person's confirmation.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 5 });
        var store = MigratedStore();
        store.SyncReceivables([.. data.Receivables.Take(data.Receivables.Count / 2)], "synthetic", Actor);
        var first = Import(store, SampleStatement.Keeping(data.Statements[0].File, data.Statements[0].Lines));
        Reconcile(store);
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var second = Import(store, SampleStatement.Keeping(data.Statements[1].File, data.Statements[1].Lines));
        Reconcile(store);
        long[] files = [second.FileId, first.FileId];

        // Act
        var byId = new LedgerStore(Database.Location, Clock) { FewReceivables = int.MaxValue }.ResultsOfFiles(files);
        var allThrough = new LedgerStore(Database.Location, Clock) { FewReceivables = 0 }.ResultsOfFiles(files);

        // Assert
        Assert.Contains(byId, r => r.Allocations.Count > 0 && r.Status == MatchStatus.Suggested);
        Assert.Contains(byId, r => r.Allocations.Count > 0 && r.Status == MatchStatus.Matched);
        Assert.Contains(byId, r => r.DuplicateOf is not null);
        Assert.Equal(byId.Select(Shown), allThrough.Select(Shown));
        Assert.Equal(store.ResultsOfFiles(files).Select(Shown), byId.Select(Shown));
        Assert.Equal(
            byId.SelectMany(r => r.Allocations).Select(a => a.Receivable.ToString()),
            allThrough.SelectMany(r => r.Allocations).Select(a => a.Receivable.ToString()));
    }

    [SkippableFact]
    public void ResultsOfFiles_AfterARunOverFilesJustImported_TakesTheirDuplicatesFromTheImports()
    {
        // Arrange: the samples decided by a run that took their lines from the imports, as reconcile --data does; then
        // the duplicate's payer changed in the ledger behind the store's back (its status and time left as imported).
        var (store, a, b) = SamplesImported();
        var (snapshot, run, runId) = Reconcile(store, a, b);
        var duplicate = Assert.Single(snapshot.Imported!.Value.Duplicates);
        var expected = store.ResultsOfFiles([b.FileId, a.FileId]);
        using (var connection = Database.Open())
        {
            connection.Execute("UPDATE statement_line SET payer_name = 'changed behind the store' WHERE id = @Id", new { duplicate.Id });
        }

        // Act
        var fromRun = store.ResultsOfFiles([b.FileId, a.FileId], snapshot, run, runId);

        // Assert: the results as read back before the change; the duplicate is the import's, not read again.
        Assert.Equal(b.FileId, duplicate.FileId);
        Assert.Equal(expected.Select(Shown), fromRun.Select(Shown));
        var shown = Assert.Single(fromRun, r => r.DuplicateOf is not null);
        Assert.Equal((duplicate.Line.File, duplicate.Line.Row, duplicate.Line.PayerName), (shown.Line.File, shown.Line.Row, shown.Line.PayerName));
        Assert.Contains(store.ResultsOfFiles([b.FileId, a.FileId]), r => r.Line.PayerName == "changed behind the store");
    }

    [SkippableFact]
    public void ResultsOfFiles_AfterARunOverAFileJustImported_ReadsTheEarlierLinesItsDuplicatesRepeat()
    {
        // Arrange: the first export imported and decided; then the overlapping second export imported and decided by a
        // run that took its lines from the import: its duplicates repeat lines of the first file, which is not in hand.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 7 });
        var store = MigratedStore();
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var first = Import(store, SampleStatement.Keeping(data.Statements[0].File, data.Statements[0].Lines));
        Reconcile(store, first);
        var second = Import(store, SampleStatement.Keeping(data.Statements[1].File, data.Statements[1].Lines));
        var (snapshot, run, runId) = Reconcile(store, second);
        var expected = store.ResultsOfFiles([second.FileId]);
        var expectedBoth = store.ResultsOfFiles([first.FileId, second.FileId]);
        var duplicate = snapshot.Imported!.Value.Duplicates[0];
        using (var connection = Database.Open())
        {
            // Behind the store's back: a duplicate's memo (the import's is shown) and the memo of the line it repeats
            // (read by id, so the ledger's is shown).
            connection.Execute("UPDATE statement_line SET memo = 'duplicate changed' WHERE id = @Id", new { duplicate.Id });
            connection.Execute("UPDATE statement_line SET memo = 'original changed' WHERE id = @Id", new { Id = duplicate.DuplicateOf });
        }

        // Act
        var justImported = store.ResultsOfFiles([second.FileId], snapshot, run, runId);
        var both = store.ResultsOfFiles([first.FileId, second.FileId], snapshot, run, runId);

        // Assert: the same results as read back before the change, duplicates naming lines of the first file, their
        // originals read from the ledger (both files: read as before, since the first was not imported just before this run).
        Assert.True(second.Duplicates > 0, "the exports overlap");
        Assert.Equal(second.Duplicates, justImported.Count(r => r.DuplicateOf?.File == data.Statements[0].File));
        Assert.Equal(expected.Select(Shown), justImported.Select(Shown));
        var shown = justImported.Single(r => r.Line.Row == duplicate.Line.Row);
        Assert.Equal((duplicate.Line.Memo, "original changed"), (shown.Line.Memo, shown.DuplicateOf!.Memo));
        Assert.Equal(expectedBoth.Select(Shown), both.Select(Shown));
        Assert.Contains(both, r => r.Line.Memo == "duplicate changed");
    }

    [SkippableFact]
    public void ResultsOfFiles_DuplicateChangedSinceItsImport_ReadsEverythingBack()
    {
        // Arrange: a run over the files just imported, then the duplicate's decision changed (as a person's would be).
        var (store, a, b) = SamplesImported();
        var (snapshot, run, runId) = Reconcile(store, a, b);
        using (var connection = Database.Open())
        {
            connection.Execute(
                "UPDATE statement_line SET status = 'unmatched', match_rule = 'test', explanation = 'changed', updated_at = '2026-02-09T00:00:00Z' WHERE id = @Id",
                new { Assert.Single(snapshot.Imported!.Value.Duplicates).Id });
        }

        // Act
        var fromRun = store.ResultsOfFiles([a.FileId, b.FileId], snapshot, run, runId);

        // Assert: the ledger's decision, not the import's.
        Assert.Equal(store.ResultsOfFiles([a.FileId, b.FileId]).Select(Shown), fromRun.Select(Shown));
        Assert.Equal(MatchStatus.Unmatched, Assert.Single(fromRun, r => r.Explanation == "changed").Status);
    }

    /// <summary>Everything a results file or report shows of a result, exact (decimal scales included).</summary>
    private static string Shown(MatchResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.Line.File} {r.Line.Row} {r.Line.Amount} {r.Line.Date} {r.Status} {r.Rule} {r.Confidence:R} {r.Difference} {r.Exception} {r.Explanation} [{string.Join(';', r.Allocations.Select(x => $"{x.Receivable.ContractNo}/{x.Receivable.CustomerId}={x.Amount}"))}] {r.DuplicateOf?.File} {r.DuplicateOf?.Row}");
}
