using System.Globalization;
using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    [SkippableFact]
    public void SyncReceivables_Synced_NamesTheRowThatHoldsEachReceivable()
    {
        // Arrange: a ledger holding the first 100 receivables; then a file with 50 of them (one with a new due date), 50
        // new ones, and one key listed twice.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 500, Seed = 3 });
        var store = MigratedStore();
        store.SyncReceivables([.. data.Receivables.Take(100)], "first.csv", Actor);
        List<Receivable> file = [.. data.Receivables.Skip(50).Take(100)];
        file[0] = file[0] with { DueDate = file[0].DueDate.AddDays(10) };
        file.Add(file[70] with { SalesOwner = "listed twice" });

        // Act
        var sync = store.SyncReceivables(file, "second.csv", Actor, out var synced);

        // Assert: each receivable listed once is held by the row with its key; the key listed twice is not followed
        // (SQL Server numbers new rows as it writes them: not known there).
        if (Provider == StorageProvider.SqlServer)
        {
            Assert.Null(synced);
            return;
        }

        var rows = Assert.IsType<SyncedReceivables>(synced);
        var stored = Query<(long Id, string ContractNo, string CustomerId)>("SELECT id, contract_no, customer_id FROM receivable")
            .ToDictionary(r => (r.ContractNo, r.CustomerId), r => r.Id);
        Assert.Equal(150, stored.Count);
        Assert.Equal(file.Count, rows.Ids.Length);
        Assert.Equal(file, rows.Receivables);
        Assert.NotSame(file, rows.Receivables);
        Assert.Equal(sync.Version, rows.Version);
        var expected = file.Select((r, i) => i is 70 or 100 ? 0 : stored[(r.ContractNo, r.CustomerId)]);
        Assert.Equal(expected, rows.Ids);
    }

    [SkippableFact]
    public void LoadForMatching_AfterASyncInThisProcess_TakesTheSyncsReceivablesAsTheLedgerHoldsThem()
    {
        // Arrange: an earlier sync and a run (receivables paid whole or in part; some the next file no longer lists stay
        // open); then a file whose later row renames a customer (the ledger keeps the first row's name), synced, and a
        // statement imported.
        var (store, synced, file, now) = LedgerAfterASync();

        // Act
        var fromSync = NewStore().LoadForMatching([now], synced);

        // Assert: the snapshot read back, receivable for receivable (content, id and order; their sources aside),
        // mostly the sync's own instances, copies where the open amount or the customer's name differ, and the
        // receivables the file does not list read from the ledger.
        var readBack = store.LoadForMatching();
        Assert.Equal(readBack.Receivables.Select(r => Shown(r, readBack)), fromSync.Receivables.Select(r => Shown(r, fromSync)));
        Assert.Equal(readBack.Pending.Select(Described), fromSync.Pending.Select(Described));
        Assert.Equal((readBack.ReceivablesVersion, readBack.LastRunReceivablesVersion), (fromSync.ReceivablesVersion, fromSync.LastRunReceivablesVersion));
        var instances = new HashSet<Receivable>(file, ReferenceEqualityComparer.Instance);
        Assert.True(fromSync.Receivables.Count(instances.Contains) > fromSync.Receivables.Count / 2, "most receivables are the sync's instances");
        Assert.Contains(fromSync.Receivables, r => !instances.Contains(r) && r.Source.StartsWith("ledger receivable ", StringComparison.Ordinal));
        Assert.Contains(fromSync.Receivables, r => !instances.Contains(r) && !r.Source.StartsWith("ledger receivable ", StringComparison.Ordinal));
        var given = file.ToDictionary(r => (r.ContractNo, r.CustomerId));
        Assert.Contains(fromSync.Receivables, r => !instances.Contains(r) && given.TryGetValue((r.ContractNo, r.CustomerId), out var g) && g.Amount != r.Amount && g.CustomerName == r.CustomerName);
        var renamed = file.Single(r => r.CustomerName == "renamed on a later row");
        Assert.DoesNotContain(fromSync.Receivables, r => r.CustomerName == "renamed on a later row");
        Assert.Contains(fromSync.Receivables, r => r.ContractNo == renamed.ContractNo && r.CustomerId == renamed.CustomerId);
    }

    [SkippableFact]
    public void LoadForMatching_AnotherSyncSinceThisProcesssSync_ReadsTheReceivablesBack()
    {
        // Arrange: after this process's sync, another process syncs a due date changed.
        var (store, synced, file, now) = LedgerAfterASync();
        var open = NewStore().LoadForMatching().Receivables.Select(r => (r.ContractNo, r.CustomerId)).ToHashSet();
        var first = file.First(r => open.Contains((r.ContractNo, r.CustomerId)));
        var changed = first with { DueDate = first.DueDate.AddDays(30) };
        NewStore().SyncReceivables([changed], "other.csv", Actor);

        // Act
        var fromSync = store.LoadForMatching([now], synced);

        // Assert: the ledger's receivables, none of the sync's instances.
        var readBack = NewStore().LoadForMatching();
        Assert.Equal(readBack.Receivables.Select(r => Shown(r, readBack)), fromSync.Receivables.Select(r => Shown(r, fromSync)));
        Assert.Contains(fromSync.Receivables, r => r.ContractNo == changed.ContractNo && r.DueDate == changed.DueDate);
        Assert.All(fromSync.Receivables, r => Assert.StartsWith("ledger receivable ", r.Source, StringComparison.Ordinal));
    }

    private (LedgerStore Store, SyncedReceivables? Synced, List<Receivable> File, StatementImport Now) LedgerAfterASync()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 13 });
        var store = MigratedStore();
        store.SyncReceivables(data.Receivables, "first.csv", Actor);
        Reconcile(store, Import(store, SampleStatement.Keeping(data.Statements[0].File, data.Statements[0].Lines)));
        List<Receivable> file = [.. data.Receivables.Skip(100)];
        var customer = file.GroupBy(r => r.CustomerId).First(g => g.Count() > 1).Key;
        var later = file.FindLastIndex(r => r.CustomerId == customer);
        file[later] = file[later] with { CustomerName = "renamed on a later row" };
        store.SyncReceivables(file, "second.csv", Actor, out var synced);
        var now = Import(store, SampleStatement.Keeping(data.Statements[1].File, data.Statements[1].Lines));
        return (store, synced, file, now);
    }

    /// <summary>Everything of a snapshot's receivable but its source: its values (the amount to 0.0001), key and ledger id.</summary>
    private static string Shown(Receivable r, LedgerSnapshot snapshot) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.ContractNo} {r.CustomerId} {r.CustomerName} {r.Amount:0.0000} {r.Currency} {r.IssueDate:O} {r.DueDate:O} {r.SalesOwner} {r.Key} {snapshot.ReceivableIds[r]}");
}
