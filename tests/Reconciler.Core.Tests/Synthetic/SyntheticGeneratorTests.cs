using System.Collections.Concurrent;
using Reconciler.Domain;
using Reconciler.Matching;
using Reconciler.Synthetic;

namespace Reconciler.Core.Tests.Synthetic;

public class SyntheticGeneratorTests
{
    private static readonly ConcurrentDictionary<(int Seed, int Count), SyntheticDataSet> Sets = new();

    public static TheoryData<int> Seeds => [1, 2, 3];

    private static SyntheticDataSet Data(int seed, int receivables = 5_000) =>
        Sets.GetOrAdd((seed, receivables), key => SyntheticGenerator.Generate(new SyntheticOptions { Receivables = key.Count, Seed = key.Seed }));

    private static Dictionary<(string File, int Row), StatementLine> LinesByRow(SyntheticDataSet data) =>
        data.Statements.SelectMany(s => s.Lines).ToDictionary(l => (l.File, l.Row));

    private static Dictionary<string, Receivable> ByContract(SyntheticDataSet data) =>
        data.Receivables.ToDictionary(r => r.ContractNo, StringComparer.Ordinal);

    [Fact]
    public void Generate_SameSeed_IdenticalOutput()
    {
        var first = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 2_000, Seed = 42 });
        var second = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 2_000, Seed = 42 });

        Assert.Equal(first.Receivables, second.Receivables);
        Assert.Equal(first.Statements.Count, second.Statements.Count);
        for (var s = 0; s < first.Statements.Count; s++)
        {
            Assert.Equal(first.Statements[s].File, second.Statements[s].File);
            Assert.Equal(first.Statements[s].Lines, second.Statements[s].Lines);
        }

        Assert.Equal(first.Truth.Select(Describe), second.Truth.Select(Describe));
    }

    [Fact]
    public void Generate_DifferentSeeds_Differ()
    {
        var one = Data(1);
        var two = Data(2);

        Assert.NotEqual(one.Receivables.Select(r => r.ContractNo), two.Receivables.Select(r => r.ContractNo));
        Assert.NotEqual(one.Statements[0].Lines.Select(l => (l.Amount, l.Memo)), two.Statements[0].Lines.Select(l => (l.Amount, l.Memo)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_5000Receivables_EveryCasePresentInRoughShares(int seed)
    {
        var data = Data(seed);

        Assert.Equal(5_000, data.Receivables.Count);
        var counts = data.Truth.GroupBy(t => t.Case).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<SyntheticCase>(), c => Assert.True(counts.GetValueOrDefault(c) >= 20, $"{c}: {counts.GetValueOrDefault(c)} lines"));
        var lines = (double)data.Truth.Count(t => t.Case != SyntheticCase.Overlap);
        foreach (var (c, share) in SyntheticOptions.DefaultCaseShares)
        {
            Assert.InRange(counts[c] / lines, share * 0.7, (share * 1.3) + 0.01);
        }

        Assert.InRange(counts[SyntheticCase.Overlap] / lines, 0.06, 0.16);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_EveryStatementLine_HasExactlyOneTruth(int seed)
    {
        var data = Data(seed);

        var lines = data.Statements.SelectMany(s => s.Lines).Select(l => (l.File, l.Row)).ToList();
        var truths = data.Truth.Select(t => (t.File, t.Row)).ToList();
        Assert.Equal(lines.Count, truths.Count);
        Assert.Equal(truths.Count, truths.Distinct().Count());
        Assert.Equal(lines.ToHashSet(), truths.ToHashSet());
        Assert.Equal([SyntheticGenerator.StatementA, SyntheticGenerator.StatementB], data.Statements.Select(s => s.File));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_Rows_StartAtTwoInDateAndBankRefOrderPerFile(int seed)
    {
        var data = Data(seed);

        foreach (var statement in data.Statements)
        {
            for (var i = 0; i < statement.Lines.Count; i++)
            {
                var line = statement.Lines[i];
                Assert.Equal(statement.File, line.File);
                Assert.Equal(i + 2, line.Row);
                if (i > 0)
                {
                    var previous = statement.Lines[i - 1];
                    Assert.True(previous.Date < line.Date || (previous.Date == line.Date && string.CompareOrdinal(previous.BankRef, line.BankRef) < 0), $"{statement.File} row {line.Row}");
                }
            }
        }

        var refs = data.Statements.SelectMany(s => s.Lines).Where(l => l.File == SyntheticGenerator.StatementA).Select(l => l.BankRef).ToList();
        Assert.Equal(refs.Count, refs.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_ContractKeys_UniqueAndNoTwoWithinOneEdit(int seed)
    {
        var keys = Data(seed).Receivables.Select(r => ContractKey.Normalize(r.ContractNo)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(MemoSpans.PairsWithinOneEdit(keys));
    }

    [Fact]
    public void Generate_50000Receivables_NoTwoKeysWithinOneEdit()
    {
        var keys = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 50_000, Seed = 7 }).Receivables.Select(r => r.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(MemoSpans.PairsWithinOneEdit(keys));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_OverlapCopies_IdenticalApartFromFileAndRow(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var inA = data.Statements[0].Lines.ToDictionary(l => l.BankRef, StringComparer.Ordinal);
        var truthByRow = data.Truth.ToDictionary(t => (t.File, t.Row));

        var copies = data.Truth.Where(t => t.Case == SyntheticCase.Overlap).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, t =>
        {
            Assert.Equal(SyntheticGenerator.StatementB, t.File);
            Assert.Equal(MatchStatus.Duplicate, t.Status);
            Assert.Empty(t.Contracts);
            var copy = lines[(t.File, t.Row)];
            var original = inA[copy.BankRef];
            Assert.Equal(original with { File = copy.File, Row = copy.Row }, copy);
            Assert.NotEqual(SyntheticCase.Overlap, truthByRow[(original.File, original.Row)].Case);
        });

        // Every line of B that is also in A is a copy, and no other line of B is.
        Assert.Equal(copies.Count, data.Statements[1].Lines.Count(l => inA.ContainsKey(l.BankRef)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_TypoReferences_AreNotRealKeysAndOneEditFromTheirContractOnly(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var keys = data.Receivables.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var keyOf = data.Receivables.ToDictionary(r => r.ContractNo, r => r.Key, StringComparer.Ordinal);

        var typos = data.Truth.Where(t => t.Case == SyntheticCase.Typo).ToList();
        Assert.NotEmpty(typos);
        Assert.All(typos, t =>
        {
            Assert.Equal(MatchStatus.Suggested, t.Status);
            var real = keyOf[Assert.Single(t.Contracts)];
            var spans = MemoSpans.Of(lines[(t.File, t.Row)].Memo);
            Assert.DoesNotContain(spans, keys.Contains);
            Assert.Contains(spans, s => MemoSpans.IsOneEdit(s, real));
            var near = spans.Where(s => s.Length >= 5).SelectMany(MemoSpans.Neighbours).Where(keys.Contains).Distinct().ToList();
            Assert.Equal([real], near);
            Assert.True(spans.Where(s => MemoSpans.IsOneEdit(s, real)).All(s => s.Length >= 6));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_ReferencedLines_NameTheirContractsAsWholeRunsAndNoOthers(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var keys = data.Receivables.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var keyOf = data.Receivables.ToDictionary(r => r.ContractNo, r => r.Key, StringComparer.Ordinal);
        SyntheticCase[] referenced = [SyntheticCase.Exact, SyntheticCase.BankFee, SyntheticCase.ReferenceVariant, SyntheticCase.Combined,
            SyntheticCase.Installment, SyntheticCase.ShortPayment, SyntheticCase.OverPayment, SyntheticCase.OutsideWindow];

        Assert.All(data.Truth.Where(t => referenced.Contains(t.Case)), t =>
        {
            var found = MemoSpans.Of(lines[(t.File, t.Row)].Memo).Where(keys.Contains).ToList();
            Assert.Equal(t.Contracts.Select(c => keyOf[c]), found);
        });

        SyntheticCase[] unreferenced = [SyntheticCase.NoReference, SyntheticCase.IdenticalAmounts, SyntheticCase.UnrelatedIncome, SyntheticCase.Debit];
        Assert.All(data.Truth.Where(t => unreferenced.Contains(t.Case)), t =>
            Assert.DoesNotContain(lines[(t.File, t.Row)].Memo, char.IsAsciiDigit));
    }

    [Fact]
    public void VariantReference_FullWidthLowerCaseAndSpaced_NormaliseToTheRealKey()
    {
        var data = Data(1);

        foreach (var receivable in data.Receivables.Take(400))
        {
            for (var style = 0; style < MemoTexts.VariantStyles; style++)
            {
                Assert.Equal(receivable.Key, ContractKey.Normalize(MemoTexts.VariantReference(receivable.ContractNo, style)));
            }
        }

        Assert.Equal("KL260045127", ContractKey.Normalize(MemoTexts.VariantReference("KL26-0045127", 3)));
        Assert.Equal("ＫＬ２６－００４５１２７", MemoTexts.VariantReference("KL26-0045127", 3));
        Assert.Equal("kl26-0045127", MemoTexts.VariantReference("KL26-0045127", 0));
        Assert.Equal("SO 26 1187346", MemoTexts.VariantReference("SO-26-1187346", 2));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_ReferenceVariants_UseEveryStyle(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var memos = data.Truth.Where(t => t.Case == SyntheticCase.ReferenceVariant).Select(t => (Memo: lines[(t.File, t.Row)].Memo, Contract: t.Contracts[0])).ToList();

        Assert.Contains(memos, m => m.Memo.Contains(m.Contract.ToLowerInvariant(), StringComparison.Ordinal));
        Assert.Contains(memos, m => m.Memo.Any(c => c is >= '\uFF01' and <= '\uFF5E'));
        Assert.Contains(memos, m => !m.Memo.Contains(m.Contract, StringComparison.Ordinal) && m.Memo.Contains(m.Contract.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains(memos, m => m.Memo.Contains("付" + m.Contract, StringComparison.Ordinal) || m.Memo.Contains(m.Contract + "设备款", StringComparison.Ordinal) || m.Memo.Contains("合同" + m.Contract, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_AmountsAndDates_FitTheirCase(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var receivables = ByContract(data);

        foreach (var t in data.Truth.Where(t => t.Case != SyntheticCase.Overlap))
        {
            var line = lines[(t.File, t.Row)];
            var open = t.Contracts.Sum(c => receivables[c].Amount);
            var first = t.Contracts.Count > 0 ? receivables[t.Contracts[0]] : null;
            var inWindow = first is not null && t.Contracts.All(c => line.Date >= receivables[c].IssueDate && line.Date <= receivables[c].DueDate.AddDays(20));
            var ratio = open == 0 ? 0 : line.Amount / open;
            var because = $"{t.Case} {line.Memo} {line.Amount} vs {open}";
            switch (t.Case)
            {
                case SyntheticCase.Exact or SyntheticCase.ReferenceVariant or SyntheticCase.Typo:
                    Assert.True(line.Amount == open && inWindow, because);
                    break;
                case SyntheticCase.BankFee or SyntheticCase.Combined:
                    Assert.True(ratio is >= 0.97m and <= 1m && inWindow, because);
                    Assert.True(t.Case == SyntheticCase.Combined || open - line.Amount <= 50m, because);
                    break;
                case SyntheticCase.NoReference:
                    Assert.True(ratio is >= 0.985m and <= 1.01m && inWindow, because);
                    break;
                case SyntheticCase.ShortPayment:
                    Assert.True(ratio is >= 0.78m and <= 0.95m && inWindow, because);
                    break;
                case SyntheticCase.OverPayment:
                    Assert.True(ratio is >= 1.05m and <= 1.30m && inWindow, because);
                    break;
                case SyntheticCase.Installment:
                    Assert.True(ratio is >= 0.15m and <= 0.66m && inWindow, because);
                    break;
                case SyntheticCase.OutsideWindow:
                    Assert.True(line.Amount == open && (line.Date > first!.DueDate.AddDays(200) || line.Date < first.IssueDate.AddDays(-60)), because);
                    break;
                case SyntheticCase.IdenticalAmounts:
                    Assert.Equal(2, t.Contracts.Count);
                    Assert.True(receivables[t.Contracts[0]].Amount == line.Amount && receivables[t.Contracts[1]].Amount == line.Amount && inWindow, because);
                    break;
                case SyntheticCase.UnrelatedIncome:
                    Assert.True(line.Amount > 0 && t.Contracts.Count == 0, because);
                    break;
                case SyntheticCase.Debit:
                    Assert.True(line.Amount < 0 && t.Contracts.Count == 0, because);
                    break;
            }

            if (first is not null)
            {
                Assert.Equal(first.Currency, line.Currency);
                Assert.Equal(PayerName.Normalize(first.CustomerName), PayerName.Normalize(line.PayerName));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_Installments_PartialThenSettling(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var receivables = ByContract(data);

        var groups = data.Truth.Where(t => t.Case == SyntheticCase.Installment).GroupBy(t => t.Contracts[0], StringComparer.Ordinal).ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g =>
        {
            var ordered = g.Select(t => (Truth: t, Line: lines[(t.File, t.Row)])).OrderBy(x => x.Line.Date).ToList();
            Assert.InRange(ordered.Count, 2, 3);
            Assert.Equal(ordered.Count, ordered.Select(x => x.Line.Date).Distinct().Count());
            Assert.Equal(receivables[g.Key].Amount, ordered.Sum(x => x.Line.Amount));
            Assert.All(ordered.SkipLast(1), x => Assert.Equal(MatchStatus.Partial, x.Truth.Status));
            Assert.Equal(MatchStatus.Matched, ordered[^1].Truth.Status);
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_PaidReceivables_BelongToOneCaseEach(int seed)
    {
        var data = Data(seed);
        var receivables = ByContract(data);

        var byContract = data.Truth.Where(t => t.Case != SyntheticCase.Overlap)
            .SelectMany(t => t.Contracts.Select(c => (Contract: c, t.Case)))
            .GroupBy(x => x.Contract, StringComparer.Ordinal).ToList();
        Assert.All(byContract, g =>
        {
            Assert.True(receivables.ContainsKey(g.Key));
            Assert.Single(g.Select(x => x.Case).Distinct());
            Assert.True(g.Count() == 1 || g.First().Case == SyntheticCase.Installment, $"{g.Key} in {g.Count()} lines");
        });

        var unpaid = 1.0 - (byContract.Count / (double)data.Receivables.Count);
        Assert.InRange(unpaid, 0.12, 0.24);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_PaymentsWithoutReference_FitNoOtherReceivableOfTheCustomer(int seed)
    {
        var data = Data(seed);
        var lines = LinesByRow(data);
        var receivables = ByContract(data);
        var byCustomer = data.Receivables.ToLookup(r => r.CustomerId);

        Assert.All(data.Truth.Where(t => t.Case is SyntheticCase.NoReference or SyntheticCase.IdenticalAmounts), t =>
        {
            var line = lines[(t.File, t.Row)];
            var customer = receivables[t.Contracts[0]].CustomerId;
            var others = byCustomer[customer].Where(r => !t.Contracts.Contains(r.ContractNo));
            Assert.DoesNotContain(others, r => Math.Abs(r.Amount - line.Amount) <= r.Amount * 0.03m);
        });
    }

    [Fact]
    public void Generate_Customers_NamesUniqueAfterNormalisationWithSeveralReceivables()
    {
        var data = Data(2);

        var customers = data.Receivables.GroupBy(r => r.CustomerId).ToList();
        Assert.True(customers.Average(g => g.Count()) >= 4);
        Assert.All(customers, g => Assert.Single(g.Select(r => (r.CustomerName, r.Currency, r.SalesOwner)).Distinct()));
        var names = customers.Select(g => PayerName.Normalize(g.First().CustomerName)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(customers, g => g.First().CustomerName.EndsWith("有限公司", StringComparison.Ordinal));
        Assert.Contains(customers, g => g.First().CustomerName.All(c => c < 0x80));
        Assert.All(data.Receivables, r => Assert.Matches(@"^[a-z]+\.[a-z]+@example\.com$", r.SalesOwner));
        Assert.All(data.Receivables, r => Assert.Matches(@"^C\d{6}$", r.CustomerId));
        Assert.All(data.Receivables, r => Assert.True(r.DueDate.DayNumber - r.IssueDate.DayNumber is 30 or 45 or 60 or 90));
        Assert.All(data.Receivables, r => Assert.InRange(r.Amount, 800m, 250_000m));
        Assert.Equal(["CNY", "EUR", "USD"], data.Receivables.Select(r => r.Currency).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_NonCustomerLines_PayersAreNoCustomers()
    {
        var data = Data(3);
        var lines = LinesByRow(data);
        var customers = data.Receivables.Select(r => PayerName.Normalize(r.CustomerName)).ToHashSet(StringComparer.Ordinal);

        Assert.All(data.Truth.Where(t => t.Case is SyntheticCase.UnrelatedIncome or SyntheticCase.Debit), t =>
            Assert.DoesNotContain(PayerName.Normalize(lines[(t.File, t.Row)].PayerName), customers));
    }

    [Fact]
    public void Generate_InvalidOptions_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticGenerator.Generate(new SyntheticOptions { Receivables = -1, UnpaidShare = 2 }));

        Assert.Contains("Receivables", error.Message, StringComparison.Ordinal);
        Assert.Contains("UnpaidShare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ZeroReceivables_EmptyExports()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 0 });

        Assert.Empty(data.Receivables);
        Assert.Empty(data.Truth);
        Assert.Equal(2, data.Statements.Count);
    }

    [Theory]
    [InlineData(1, 30, 2)]
    [InlineData(7, 45, 3)]
    [InlineData(300, 60, 2)]
    [InlineData(3_000, 90, 40)]
    public void Generate_SmallCountsAndShortPeriods_StillOneTruthPerLineAndUniqueKeys(int receivables, int periodDays, int perCustomer)
    {
        var options = new SyntheticOptions { Receivables = receivables, PeriodDays = periodDays, ReceivablesPerCustomer = perCustomer, Seed = receivables };

        var data = SyntheticGenerator.Generate(options);

        Assert.Equal(receivables, data.Receivables.Count);
        Assert.Equal(data.Statements.Sum(s => s.Lines.Count), data.Truth.Count);
        Assert.Equal(data.Truth.Count, data.Truth.Select(t => (t.File, t.Row)).Distinct().Count());
        Assert.Equal(receivables, data.Receivables.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        var end = options.Start.AddDays(periodDays);
        Assert.All(data.Statements.SelectMany(s => s.Lines), l => Assert.InRange(l.Date, options.Start, end));
        Assert.All(data.Receivables, r => Assert.InRange(r.IssueDate, options.Start, end));
    }

    [Fact]
    public void Generate_OnlyExactShare_EveryCustomerLineExact()
    {
        var shares = new Dictionary<SyntheticCase, double> { [SyntheticCase.Exact] = 1 };

        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_000, CaseShares = shares });

        Assert.All(data.Truth, t => Assert.True(t.Case is SyntheticCase.Exact or SyntheticCase.Overlap, t.Case.ToString()));
    }

    private static string Describe(GroundTruth t) => $"{t.File}|{t.Row}|{t.Case}|{t.Status}|{string.Join(",", t.Contracts)}";
}
