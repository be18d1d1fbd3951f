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
