using CsvHelper;
using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Files.Tests;

public sealed class ResultsCsvWriterTests : IDisposable
{
    private const string HeaderLine = "file,row,bank_ref,date,amount,currency,payer,status,contracts,allocated,difference,confidence,rule,explanation";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_NoResults_WritesExactHeaderLineOnly()
    {
        // Act
        var text = WriteAndReadText([]);

        // Assert
        Assert.Equal(HeaderLine + "\r\n", text);
        Assert.Equal(HeaderLine.Split(','), ResultColumns.Names);
    }

    [Fact]
    public void Write_Results_WritesUtf8WithoutByteOrderMark()
    {
        // Arrange
        using (var stream = _folder.Create("results.csv"))
        {
            // Act
            ResultsCsvWriter.Write(stream, [Samples.Result()]);
        }

        // Assert
        var bytes = File.ReadAllBytes(_folder.File("results.csv"));
        Assert.Equal("file"u8.ToArray(), bytes[..4]);
        Assert.Contains("上海第一人民医院", _folder.ReadText("results.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MatchedResultWithTwoAllocations_WritesOneRowInColumnOrder()
    {
        // Arrange
        var result = Samples.Result(
            allocations: [new Allocation(Samples.Receivable("KL26-1"), 100m), new Allocation(Samples.Receivable("KL26-2"), 50.125m)],
            difference: 0m,
            confidence: 0.987,
            explanation: "two contracts");

        // Act
        var text = WriteAndReadText([result]);

        // Assert
        Assert.Equal(
            HeaderLine + "\r\n" + "statement-a.csv,2,BR0001,2026-02-10,9950.00,CNY,上海第一人民医院,matched,KL26-1;KL26-2,100.00;50.125,0.00,0.99,reference-amount-window,two contracts\r\n",
            text);
    }

    [Theory]
    [InlineData(MatchStatus.Matched, "matched")]
    [InlineData(MatchStatus.Partial, "partial")]
    [InlineData(MatchStatus.Suggested, "suggested")]
    [InlineData(MatchStatus.Unmatched, "unmatched")]
    [InlineData(MatchStatus.Duplicate, "duplicate")]
    [InlineData(MatchStatus.Ignored, "ignored")]
    public void Write_Status_WritesItsName(MatchStatus status, string name)
    {
        // Act
        var row = WriteAndReadRows([Samples.Result(status: status, allocations: [])])[0];

        // Assert
        Assert.Equal((name, "", ""), (row[7], row[8], row[9]));
    }

    [Fact]
    public void Write_NegativeAmountAndDifference_WritesThemAsPlainNumbers()
    {
        // Arrange
        var result = Samples.Result(line: Samples.Line(amount: -12.5m), status: MatchStatus.Ignored, allocations: [], difference: -0.5m);

        // Act
        var row = WriteAndReadRows([result])[0];

        // Assert
        Assert.Equal(("-12.50", "-0.50"), (row[4], row[10]));
    }

    [Theory]
    [InlineData(12.5, "12.50")]
    [InlineData(0, "0.00")]
    [InlineData(1234567.891, "1234567.891")]
    [InlineData(-0.001, "-0.001")]
    public void Write_Amount_HasTwoDecimalsOrMoreWhenTheValueHasThem(double amount, string expected)
    {
        // Act
        var row = WriteAndReadRows([Samples.Result(line: Samples.Line(amount: (decimal)amount))])[0];

        // Assert
        Assert.Equal(expected, row[4]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tleading tab")]
    [InlineData("\rleading return")]
    public void Write_TextThatASpreadsheetWouldRunAsAFormula_PrefixesAQuote(string hostile)
    {
        // Arrange
        var result = Samples.Result(
            line: Samples.Line(payer: hostile, bankRef: hostile) with { File = hostile },
            allocations: [new Allocation(Samples.Receivable(hostile), 1m), new Allocation(Samples.Receivable("KL26-2"), 2m)],
            rule: hostile,
            explanation: hostile);

        // Act
        var row = WriteAndReadRows([result])[0];

        // Assert
        var protectedText = "'" + hostile;
        Assert.Equal(protectedText, row[0]);
        Assert.Equal(protectedText, row[2]);
        Assert.Equal(protectedText, row[6]);
        Assert.Equal(protectedText + ";KL26-2", row[8]);
        Assert.Equal(protectedText, row[12]);
        Assert.Equal(protectedText, row[13]);
    }

    [Fact]
    public void Write_TextWithDelimiterQuotesLineBreaksAndSpaces_QuotesItAndReadsBackEqual()
    {
        // Arrange
        const string payer = " ACME, \"Best\" Ltd.\r\nsecond line ";
        const string explanation = "paid 9,950.00; see \"memo\"\nnext";

        // Act
        var text = WriteAndReadText([Samples.Result(line: Samples.Line(payer: payer), explanation: explanation)]);
        var row = ReadRows(text)[0];

        // Assert
        Assert.Contains("\" ACME, \"\"Best\"\" Ltd.\r\nsecond line \"", text, StringComparison.Ordinal);
        Assert.Equal((payer, explanation), (row[6], row[13]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Write_ResultsOfTheMatcher_SameBytesAsWithTheirSentencesKeptAsText(int threads)
    {
        // The writer formats a sentence from the result's figures into its scratch; a copy (with) keeps the sentence
        // as a string, which the writer copies: the bytes must be the same, a sentence longer than the scratch included.
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 3_000, Seed = 11 });
        var longNumbers = Enumerable.Range(1, 12)
            .Select(i => Samples.Receivable($"FRAMEWORK-AGREEMENT-2026-NORTH-REGION-HOSPITAL-SUPPLIES-MEDICAL-DEVICES-BATCH-{i:000000}", 100m))
            .ToList();
        var combined = Samples.Line(row: 99_999, amount: 1_200m, memo: string.Join(' ', longNumbers.Select(r => r.ContractNo)), bankRef: "LONG-1");
        var run = Matcher.Match(
            [.. data.Statements.SelectMany(s => s.Lines), combined],
            ReceivableIndex.Build([.. data.Receivables, .. longNumbers]),
            new MatchingOptions());
        var asText = run.Results.Select(r => r with { }).ToList();

        var written = WriteBytes(run.Results, threads);

        Assert.Equal(WriteBytes(asText, threads), written);
        var result = Assert.Single(run.Results, r => r.Line == combined);
        Assert.Equal(MatchStatus.Matched, result.Status);
        Assert.True(result.Explanation.Length > 1_024, result.Explanation); // longer than the scratch the writer starts with
        Assert.Contains(result.Explanation, System.Text.Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ExplanationsLongerThanTheRowScratch_WrittenWholeAndProtected()
    {
        // The sentence goes through a scratch of 1,024 characters when it fits; a longer one is written from its text.
        var longer = "=" + string.Concat(Enumerable.Repeat("contract KL26-004512 in memo; ", 100));
        var fits = "+" + new string('x', 1_023);

        var rows = WriteAndReadRows([Samples.Result(explanation: longer), Samples.Result(explanation: fits), Samples.Result(explanation: "")]);

        Assert.Equal(["'" + longer, "'" + fits, ""], rows.Select(r => r[13]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Write_ManyBlocksOnSeveralThreads_WritesTheSameBytesAsOneThreadInInputOrder(int threads)
    {
        // Arrange: two full blocks and a part, each row told apart by its row number and explanation
        var count = (ResultsCsvWriter.BlockSize * 2) + 77;
        var results = Enumerable.Range(0, count)
            .Select(i => Samples.Result(line: Samples.Line(row: i + 2), explanation: $"result {i}"))
            .ToList();

        // Act
        var one = WriteBytes(results, 1);
        var several = WriteBytes(results, threads);

        // Assert
        Assert.Equal(one, several);
        var rows = ReadRows(System.Text.Encoding.UTF8.GetString(several));
        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"result {i}"), rows.Select(r => r[13]));
    }

    [Fact]
    public void Write_ResultsThatFailWhileEnumerated_ThrowsTheFailure()
    {
        // Arrange: a source that fails after more than a block, as a ledger read can
        IEnumerable<MatchResult> Failing()
        {
            for (var i = 0; i < ResultsCsvWriter.BlockSize + 10; i++)
            {
                yield return Samples.Result();
            }

            throw new InvalidOperationException("the ledger went away");
        }

        // Act
        using var stream = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => ResultsCsvWriter.Write(stream, Failing(), 2));

        // Assert
        Assert.Equal("the ledger went away", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_ListReadByIndexOnTheFormattingThreads_WritesTheSameBytesAsAnEnumeration(int threads)
    {
        // Arrange: a list (its blocks read by index where they are formatted) and the same results as a sequence
        var count = (ResultsCsvWriter.BlockSize * 2) + 5;
        var results = Enumerable.Range(0, count)
            .Select(i => Samples.Result(line: Samples.Line(row: i + 2), explanation: $"result {i}"))
            .ToList();

        // Act
        var fromList = WriteBytes(results, threads);
        using var stream = new MemoryStream();
        ResultsCsvWriter.Write(stream, results.Select(r => r), threads);

        // Assert
        Assert.Equal(stream.ToArray(), fromList);
        Assert.Equal(count, ReadRows(System.Text.Encoding.UTF8.GetString(fromList)).Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_ListWhoseResultFailsWhenRead_ThrowsTheFailure(int threads)
    {
        // Arrange: a list whose results are built when read (as the matcher's are), one of them failing in the second block
        var results = new FailingList(ResultsCsvWriter.BlockSize + 10, failAt: ResultsCsvWriter.BlockSize + 3);

        // Act
        using var stream = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => ResultsCsvWriter.Write(stream, results, threads));

        // Assert
        Assert.Equal("line 16387 was not decided", error.Message);
    }

    private sealed class FailingList(int count, int failAt) : IReadOnlyList<MatchResult>
    {
        public int Count => count;

        public MatchResult this[int index] => index == failAt
            ? throw new InvalidOperationException($"line {index} was not decided")
            : Samples.Result(line: Samples.Line(row: index + 2));

        public IEnumerator<MatchResult> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static byte[] WriteBytes(IReadOnlyList<MatchResult> results, int threads)
    {
        using var stream = new MemoryStream();
        ResultsCsvWriter.Write(stream, results, threads);
        return stream.ToArray();
    }

    private string WriteAndReadText(IReadOnlyList<MatchResult> results)
    {
        using (var stream = _folder.Create("results.csv"))
        {
            ResultsCsvWriter.Write(stream, results);
        }

        return _folder.ReadText("results.csv");
    }

    private List<string[]> WriteAndReadRows(IReadOnlyList<MatchResult> results) => ReadRows(WriteAndReadText(results));

    private static List<string[]> ReadRows(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { Separator = ',', HasHeader = true });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }
}
