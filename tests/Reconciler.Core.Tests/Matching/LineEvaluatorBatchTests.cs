using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Matching;

/// <summary>
/// The matcher inspects lines a batch at a time: <see cref="LineEvaluator.Prepare"/> scans a batch's memos and reads
/// ahead what their look-ups will read. What a line is found to point at must not depend on it.
/// </summary>
public class LineEvaluatorBatchTests
{
    [Fact]
    public void Inspect_AfterPrepare_SameFactsAsOneLineAtATime()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 3_000, Seed = 5 });
        var index = ReceivableIndex.Build(data.Receivables);
        index.BuildTypoIndex();
        var options = new MatchingOptions();
        var keys = data.Receivables.Select(r => r.ContractNo).ToArray();
        // The generated lines, and lines whose memo names many contracts with separators between them (more key
        // spans than the read-ahead's first buffer holds), some with a contract inside a longer word.
        List<StatementLine> lines =
        [
            .. data.Statements.SelectMany(s => s.Lines).Where(l => l.Amount > 0),
            .. Enumerable.Range(0, 40).Select(i => Build.Line(
                100m + i,
                string.Join(i % 2 == 0 ? " / " : ", ", keys.Skip(i * 30).Take(30)) + (i % 3 == 0 ? $" X{keys[i]}Y" : ""))),
        ];
        var open = new decimal[index.Receivables.Count];
        index.CopyOpeningAmounts(open);

        var single = new LineEvaluator(index, options);
        var batched = new LineEvaluator(index, options);
        var checkedLines = 0;
        for (var start = 0; start < lines.Count; start += LineEvaluator.BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(LineEvaluator.BatchSize, lines.Count - start)).ToArray();
            batched.Prepare(lines, batch, open);
            for (var k = 0; k < batch.Length; k++)
            {
                var line = lines[batch[k]];
                var expected = single.Inspect(line);
                var actual = batched.Inspect(line, k);
                Assert.Equal(expected.References.ToArray(), actual.References.ToArray());
                Assert.Equal(expected.Found, actual.Found);
                Assert.Equal(expected.Typos, actual.Typos);
                Assert.Equal(expected.TypoTexts, actual.TypoTexts);
                Assert.Equal(expected.UnknownReference, actual.UnknownReference);
                Assert.Equal(expected.Customers, actual.Customers);
                Assert.Equal(expected.PayerRecognisedBy, actual.PayerRecognisedBy);
                checkedLines++;
            }
        }

        Assert.Equal(lines.Count, checkedLines);
        // The long memos found their contracts, so the comparison above covered lines with many references.
        Assert.True(single.Inspect(lines[^1]).References.Length >= 20);
    }
}
