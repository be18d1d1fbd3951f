using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class KeyTableTests
{
    private static ulong State(string key) => KeyFilter.Continue(KeyFilter.Start, key);

    [Fact]
    public void Find_EveryKeyAdded_FoundWithItsFirstReceivableAndSharedWhenRepeated()
    {
        // 20,000 receivables, every tenth contract number twice: many slots, probe chains and fingerprint checks.
        var receivables = Enumerable.Range(0, 20_000)
            .Select(i => Build.Receivable($"KL26-{(i % 10 == 9 ? i - 1 : i):D6}", 100m))
            .ToArray();
        var table = new KeyTable(receivables, receivables.Length);
        var firsts = new int[receivables.Length];
        for (var r = 0; r < receivables.Length; r++)
        {
            firsts[r] = table.Add(r, State(receivables[r].Key));
        }

        Assert.All(Enumerable.Range(0, receivables.Length), r => Assert.Equal(r % 10 == 9 ? r - 1 : -1, firsts[r]));
        for (var r = 0; r < receivables.Length; r++)
        {
            var key = receivables[r].Key;
            var found = table.Find(key, State(key), out var shared);
            Assert.Equal(r % 10 == 9 ? r - 1 : r, found);
            Assert.Equal(r % 10 is 8 or 9, shared);
        }
    }

    [Fact]
    public void Warm_StatesOfKeysAndOfAbsentTexts_ReceivablesInTheirHomeSlotsOnly()
    {
        var receivables = Enumerable.Range(0, 20_000).Select(i => Build.Receivable($"KL26-{i:D6}", 100m)).ToArray();
        var table = new KeyTable(receivables, receivables.Length);
        for (var r = 0; r < receivables.Length; r++)
        {
            table.Add(r, State(receivables[r].Key));
        }

        var states = receivables.Select(r => State(r.Key)).ToArray();
        var slots = new ulong[states.Length];
        var found = new int[states.Length];
        var count = table.Warm(states, slots, found);

        // Read ahead, each receivable is the one Find gives for its key (a key further along its probe is not read
        // ahead); at this table's load most keys sit in their home slot.
        var byKey = found.Take(count).ToHashSet();
        Assert.True(count > receivables.Length / 2, $"only {count} of {receivables.Length} read ahead");
        Assert.All(byKey, r => Assert.Equal(r, table.Find(receivables[r].Key, State(receivables[r].Key), out _)));

        // Texts no receivable has read their slots too, but their fingerprints do not agree: nothing comes back.
        var absent = Enumerable.Range(0, 20_000).Select(i => State($"XK99{i:D6}")).ToArray();
        Assert.Equal(0, table.Warm(absent, slots, found));
    }

    [Fact]
    public void Find_TextNoReceivableHas_NotFound()
    {
        Receivable[] receivables = [Build.Receivable("KL26-000001", 100m), Build.Receivable("KL26-000002", 100m)];
        var table = new KeyTable(receivables, receivables.Length);
        table.Add(0, State(receivables[0].Key));
        table.Add(1, State(receivables[1].Key));

        // Absent keys of the same shape, a prefix and an extension of a key, and a text whose hash state is the
        // state of a key (as a collision would be): each is compared, not taken on its hash.
        Assert.All(
            Enumerable.Range(3, 5_000).Select(i => $"KL26{i:D6}").Append("KL26").Append("KL260000012"),
            text => Assert.Equal(-1, table.Find(text, State(text), out _)));
        Assert.Equal(-1, table.Find("XX26000001", State(receivables[0].Key), out _));
    }
}
