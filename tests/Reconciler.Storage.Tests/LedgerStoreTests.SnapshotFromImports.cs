using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void LoadForMatching_FromImports_EqualsTheSnapshotReadBack()
    {
        // Arrange: a first export decided by a run with half the receivables (lines left unmatched and suggested), a
        // file imported before and not yet through a run, then a file imported now that overlaps it (duplicates), its
        // amounts written with trailing zeros and times to the millisecond (the ledger gives them back otherwise).
        var (store, now) = LedgerWithEarlierWork();

        // Act
        var fromImports = NewStore().LoadForMatching([now]);

        // Assert: the same snapshot, exactly.
        var readBack = store.LoadForMatching();
        Assert.Contains(readBack.Pending, p => p.Status == MatchStatus.Unmatched.ToName());
        Assert.Contains(readBack.Pending, p => p.Status == MatchStatus.Suggested.ToName());
        Assert.Contains(readBack.Pending, p => p.Status == LedgerStore.NewStatus && p.FileId != now.FileId);
        Assert.Contains(readBack.Pending, p => p.FileId == now.FileId);
        Assert.True(now.Duplicates > 0, "the file imported now repeats lines of the one imported before");
        AssertSameSnapshot(readBack, fromImports);
        Assert.Contains(fromImports.Pending, p => Imported(now).Contains(p.Line)); // taken from the import, not read back
        Assert.Contains(fromImports.Pending, p => p.FileId == now.FileId && !Imported(now).Contains(p.Line)); // made as stored
    }

    [SkippableFact]
    public void LoadForMatching_ImportedLinesDecidedSinceTheImport_ReadsEverythingBack()
    {
        // Arrange: a line of the file imported now decided behind the import's back (as another run would).
        var (store, now) = LedgerWithEarlierWork();
        var taken = now.Lines.First(l => l.Status == LedgerStore.NewStatus);
        using (var connection = Database.Open())
        {
            connection.Execute("UPDATE statement_line SET status = 'unmatched', match_rule = 'test', updated_at = 'later' WHERE id = @Id", new { taken.Id });
        }

        // Act
        var fromImports = NewStore().LoadForMatching([now]);

        // Assert: the ledger's line, not the import's.
        var readBack = store.LoadForMatching();
        Assert.Equal("unmatched later", fromImports.Pending.Where(p => p.Id == taken.Id).Select(p => $"{p.Status} {p.UpdatedAt}").Single());
        AssertSameSnapshot(readBack, fromImports);
        Assert.DoesNotContain(fromImports.Pending, p => Imported(now).Contains(p.Line));
    }

    [SkippableFact]
    public void LoadForMatching_FromAnImportOfAFileImportedBefore_EqualsTheSnapshotReadBack()
    {
        // Arrange: the same file imported a second time imports nothing.
        var (store, a, _) = SamplesImported();
        var again = NewStore().ImportStatement(SampleFiles.StatementA().FileName, SampleFiles.StatementA().Sha256, "generic", SampleFiles.StatementA().Lines, Actor);

        // Act
        var fromImports = store.LoadForMatching([again]);

        // Assert
        Assert.True(again.AlreadyImported);
        Assert.Equal(a.FileId, again.FileId);
        AssertSameSnapshot(store.LoadForMatching(), fromImports);
    }

    private (LedgerStore Store, StatementImport Now) LedgerWithEarlierWork()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 11 });
        var store = MigratedStore();
        store.SyncReceivables([.. data.Receivables.Take(data.Receivables.Count / 2)], "synthetic", Actor);
        Import(store, SampleStatement.Keeping(data.Statements[0].File, data.Statements[0].Lines));
        Reconcile(store);
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        var lines = data.Statements[1].Lines;
        Import(store, SampleStatement.Keeping("before.csv", [.. lines.Take(lines.Count / 2).Select(l => l with { File = "before.csv" })]));
        var now = Import(store, SampleStatement.Keeping("now.csv", [.. lines.Select((l, i) => l with
        {
            File = "now.csv",
            Amount = i % 3 == 0 ? decimal.Round(l.Amount, 2) * 1.00m : l.Amount,
            Time = i % 5 == 0 ? new TimeOnly(10, 11, 12, 345) : l.Time,
        })]));
        return (store, now);
    }

    /// <summary>The import's line instances.</summary>
    private static HashSet<object> Imported(StatementImport import) => new(import.Lines.Select(l => l.Line), ReferenceEqualityComparer.Instance);

    private static void AssertSameSnapshot(LedgerSnapshot expected, LedgerSnapshot actual)
    {
        Assert.Equal(expected.Pending.Select(Described), actual.Pending.Select(Described));
        Assert.Equal(expected.Receivables.Select(r => $"{r} {expected.ReceivableIds[r]}"), actual.Receivables.Select(r => $"{r} {actual.ReceivableIds[r]}"));
        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal((expected.ReceivablesVersion, expected.LastRunReceivablesVersion, expected.HasWork), (actual.ReceivablesVersion, actual.LastRunReceivablesVersion, actual.HasWork));
        Assert.Equal(expected.Pending, actual.Pending);
    }

    /// <summary>Everything of a pending line, exact (the amount's scale and the time's fractions included).</summary>
    private static string Described(StoredLine p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Id} {p.FileId} {p.Status} {p.DuplicateOf} {p.UpdatedAt} | {p.Line.File} {p.Line.Row} {p.Line.BankRef} {p.Line.Date} {p.Line.Amount} {p.Line.Currency} {p.Line.PayerName} {p.Line.PayerAccount} {p.Line.Memo} {p.Line.ValueDate} {p.Line.Time?.Ticks} {p.Line.Neutral}");
}
