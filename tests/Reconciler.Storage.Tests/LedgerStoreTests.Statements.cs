namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void ImportStatement_NewFile_StoresEveryLineAsNew()
    {
        var store = MigratedStore();
        var a = SampleFiles.StatementA();

        var import = Import(store, a);

        Assert.False(import.AlreadyImported);
        Assert.Equal(a.Lines, import.Lines.Select(l => l.Line));
        Assert.All(import.Lines, l => Assert.Equal(LedgerStore.NewStatus, l.Status));
        Assert.Equal(a.Lines.Count, import.Lines.Select(l => l.Id).Distinct().Count());
        Assert.Equal(a.Lines.Count, Scalar<int>("SELECT lines FROM statement_file WHERE id = @Id", new { Id = import.FileId }));
        Assert.Equal(a.Lines.Count, Scalar<int>("SELECT COUNT(*) FROM statement_line WHERE file_id = @Id AND status = 'new'", new { Id = import.FileId }));
        Assert.Equal(a.Sha256, Scalar<string>("SELECT sha256 FROM statement_file WHERE id = @Id", new { Id = import.FileId }));
    }

    [SkippableFact]
    public void ImportStatement_TwoFiles_ReturnsTheIdsStoredForEachRow()
    {
        var store = MigratedStore();

        var imports = new[] { Import(store, SampleFiles.StatementA()), Import(store, SampleFiles.StatementB()) };

        foreach (var import in imports)
        {
            Assert.All(import.Lines, l => Assert.Equal(
                Scalar<long>("SELECT id FROM statement_line WHERE file_id = @File AND row_number = @Row", new { File = import.FileId, l.Line.Row }),
                l.Id));
        }

        // Ids follow file order, and the second file's come after the first's.
        var ids = imports.SelectMany(i => i.Lines).Select(l => l.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [SkippableFact]
    public void ImportStatement_LinesPreparedOnAnotherThread_StoresTheSameKeysAndFindsTheOverlap()
    {
        var store = MigratedStore();
        var a = SampleFiles.StatementA();
        var b = SampleFiles.StatementB();
        var lines = Task.Run(() => (A: PreparedLines.Of(a.Lines), B: PreparedLines.Of(b.Lines))).GetAwaiter().GetResult();

        var first = store.ImportStatement(a.FileName, a.Sha256, a.Profile, lines.A, Actor);
        var second = store.ImportStatement(b.FileName, b.Sha256, b.Profile, lines.B, Actor);

        Assert.Same(a.Lines, lines.A.Lines);
        Assert.Equal(LineKeys.Of(a.Lines), lines.A.Keys);
        Assert.Equal(a.Lines, first.Lines.Select(l => l.Line));
        Assert.Equal(b.Lines, second.Lines.Select(l => l.Line));
        var shared = first.Lines.Single(l => l.Line.BankRef == "B2602020008");
        var duplicate = Assert.Single(second.Lines, l => l.Status == MatchStatus.Duplicate.ToName());
        Assert.Equal(shared.Id, duplicate.DuplicateOf);
        Assert.Equal(1, second.Duplicates);

        // Every line but the duplicate is stored under the key prepared for it.
        var stored = Query<(long Id, string Key)>(Provider == StorageProvider.Postgres
            ? "SELECT line_id, encode(line_key, 'hex') FROM statement_line_key"
            : "SELECT id, line_key FROM statement_line WHERE line_key IS NOT NULL").ToDictionary(r => r.Id, r => r.Key);
        var expected = first.Lines.Select((l, i) => (l.Id, Key: lines.A.Keys[i]))
            .Concat(second.Lines.Select((l, i) => (l.Id, Key: lines.B.Keys[i])))
            .Where(l => l.Id != duplicate.Id)
            .ToDictionary(l => l.Id, l => l.Key);
        Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(e => e.Key));
    }

    [SkippableFact]
    public void ImportStatement_SameSha256Again_ImportsNothingAndSaysAlreadyImported()
    {
        var store = MigratedStore();
        var a = SampleFiles.StatementA();
        var first = Import(store, a);
        var before = Contents();

        var again = Import(NewStore(), a with { FileName = "statement-a (copy).csv" });

        Assert.True(again.AlreadyImported);
        Assert.Equal(first.FileId, again.FileId);
        Assert.Equal(first.ImportedAt, again.ImportedAt);
        Assert.Empty(again.Lines);
        Assert.Equal(0, again.Duplicates);
        Assert.Equal(before.Describe(), Contents().Describe());
        Assert.Equal(1, before.Rows("statement_file"));
        Assert.Equal(a.Lines.Count, before.Rows("statement_line"));
    }

    [SkippableFact]
    public void ImportStatement_OverlappingExport_SharedLineStoredAsDuplicateOfTheFirst()
    {
        var store = MigratedStore();
        var a = Import(store, SampleFiles.StatementA());

        var b = Import(store, SampleFiles.StatementB());

        var shared = a.Lines.Single(l => l.Line.BankRef == "B2602020008");
        var duplicate = Assert.Single(b.Lines, l => l.Status == MatchStatus.Duplicate.ToName());
        Assert.Equal("B2602020008", duplicate.Line.BankRef);
        Assert.Equal(shared.Id, duplicate.DuplicateOf);
        Assert.Equal(1, b.Duplicates);
        Assert.All(b.Lines.Where(l => l != duplicate), l => Assert.Equal(LedgerStore.NewStatus, l.Status));
        Assert.Equal(shared.Id, Scalar<long>("SELECT duplicate_of FROM statement_line WHERE id = @Id", new { duplicate.Id }));
        Assert.Equal(1, Scalar<int>("SELECT duplicates FROM statement_file WHERE id = @Id", new { Id = b.FileId }));
        Assert.Equal(17, Scalar<int>("SELECT COUNT(*) FROM statement_line"));
    }

    [SkippableFact]
    public void ImportStatement_TwoIdenticalLinesWithoutBankRef_BothNewInTheirFileAndBothDuplicatesInALaterOne()
    {
        var store = MigratedStore();
        var twice = NewLine(500m, "服务费 二月", payer: "Litware Medical Ltd");
        var other = NewLine(800m, "KL26-009001");

        var first = Import(store, SampleStatement.Of("march.csv", twice, other, twice));
        var later = Import(store, SampleStatement.Of("march-again.csv", twice, twice, other));
        var thrice = Import(store, SampleStatement.Of("march-thrice.csv", twice, twice, twice));

        Assert.All(first.Lines, l => Assert.Equal(LedgerStore.NewStatus, l.Status));
        var originals = first.Lines.Where(l => l.Line.Amount == 500m).Select(l => l.Id).ToList();
        Assert.Equal(2, originals.Distinct().Count());
        Assert.All(later.Lines, l => Assert.Equal(MatchStatus.Duplicate.ToName(), l.Status));
        Assert.Equal(originals, later.Lines.Where(l => l.Line.Amount == 500m).Select(l => l.DuplicateOf!.Value));
        Assert.Equal(3, later.Duplicates);
        Assert.Equal([MatchStatus.Duplicate.ToName(), MatchStatus.Duplicate.ToName(), LedgerStore.NewStatus], thrice.Lines.Select(l => l.Status));
        Assert.Equal(originals, thrice.Lines.Take(2).Select(l => l.DuplicateOf!.Value));
    }

    [SkippableFact]
    public void ImportStatement_TwoIdenticalLinesWithTheSameBankRef_BothNewInTheirFileAndBothDuplicatesInALaterOne()
    {
        // The in-memory matcher counts the occurrence within a file for lines with a bank reference too
        // (DuplicateFinder): a bank that gives two equal payments of one batch the same reference has two lines.
        var store = MigratedStore();
        var twice = NewLine(7_800m, "货款", payer: "广州华南医疗设备有限公司", bankRef: "B2602169999");
        var inMemory = Matcher.Match(
            [.. SampleStatement.Of("batch.csv", twice, twice).Lines],
            ReceivableIndex.Build([]),
            new MatchingOptions());
        Assert.DoesNotContain(inMemory.Results, r => r.Status == MatchStatus.Duplicate);

        var first = Import(store, SampleStatement.Of("batch.csv", twice, twice));
        var later = Import(store, SampleStatement.Of("batch-again.csv", twice, twice));

        Assert.Equal([LedgerStore.NewStatus, LedgerStore.NewStatus], first.Lines.Select(l => l.Status));
        Assert.Equal(first.Lines.Select(l => (long?)l.Id), later.Lines.Select(l => l.DuplicateOf));
    }
}
