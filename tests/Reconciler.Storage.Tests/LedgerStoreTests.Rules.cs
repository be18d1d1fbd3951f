using System.Globalization;
using Reconciler.Rules;
using Reconciler.Storage.Erp;
using Reconciler.Synthetic;

namespace Reconciler.Storage.Tests;

public abstract partial class LedgerStoreTests
{
    private static readonly DateOnly RulesDay = new(2026, 3, 20);

    [SkippableFact]
    public void LoadRuleFacts_AfterSamplesRun_HasOneExceptionPerExceptionOfTheRunInLineOrder()
    {
        var (store, _, _) = SamplesImported();
        var (_, run, _) = Reconcile(store);

        var facts = store.LoadRuleFacts(RulesDay, 3);

        // HT2026/0458's first installment (B2601260004) was a part payment, but the second paid the balance in the
        // same run: settled, it is no longer an exception for the rules.
        var exceptions = run.Results.Where(r => r.Exception != ExceptionKind.None).ToList();
        Assert.Equal(8, exceptions.Count);
        var open = exceptions.Where(r => r.Line.BankRef != "B2601260004").ToList();
        Assert.Equal(7, open.Count);
        Assert.Equal(open.Select(r => (r.Line.File, r.Line.Row, r.Exception)), facts.Exceptions.Select(e => (e.Concern.File, e.Concern.Row, e.Kind)));
        Assert.Equal(
            open.Select(r => (r.Line.Amount, r.Difference, r.Explanation, r.Line.BankRef)),
            facts.Exceptions.Select(e => (e.Amount, e.Difference, e.Concern.Explanation, e.Concern.BankRef)));
        var runAt = LedgerStore.ParseInstant(Scalar<string>("SELECT started_at FROM match_run"));
        Assert.All(facts.Exceptions, e => Assert.Equal(runAt, e.FirstSeen));
        Assert.Equal(TimeSpan.Zero, facts.Exceptions[0].FirstSeen.Offset);
    }

    [SkippableFact]
    public void ResolveSettledExceptions_PartPaymentWhoseReceivableIsPaid_ResolvedOnceAndAudited()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);
        var partial = LineId("B2601260004");
        Assert.Equal("PartialPayment", Scalar<string>("SELECT kind FROM match_exception WHERE line_id = @Line AND resolved_at IS NULL", new { Line = partial }));

        var first = store.ResolveSettledExceptions("rules");
        var second = store.ResolveSettledExceptions("rules");

        // Only that one: the short payment on KL26-004530 leaves 4,000.00 open, so it stays an exception.
        Assert.Equal((1, 0), (first, second));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE line_id = @Line AND resolved_at IS NOT NULL", new { Line = partial }));
        Assert.Equal(0, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE kind = 'AmountShort' AND resolved_at IS NOT NULL"));
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'resolve' AND entity = 'match_exception'"));
    }

    [SkippableFact]
    public void LoadRuleFacts_ShortPayment_CarriesLineReceivableCustomerAndFigures()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var facts = store.LoadRuleFacts(RulesDay, 3);

        var shortPaid = Assert.Single(facts.Exceptions, e => e.Kind == ExceptionKind.AmountShort);
        Assert.Equal(LineId("B2602030009"), shortPaid.LineId);
        Assert.Equal(-4_000m, shortPaid.Difference);
        Assert.True(shortPaid.ReceivableOpen);
        Assert.Equal(
            new Concern
            {
                CustomerId = "C0006",
                CustomerName = "Fabrikam Clinics Co.",
                SalesOwner = "zhang.min@example.com",
                ContractNo = "KL26-004530",
                ReceivableId = ReceivableId("KL26-004530"),
                LineId = LineId("B2602030009"),
                File = "statement-b.csv",
                Row = 3,
                BankRef = "B2602030009",
                Amount = 27_000m,
                Currency = "CNY",
                OpenAmount = 4_000m,
                PaymentDate = new DateOnly(2026, 2, 3),
                DueDate = new DateOnly(2026, 3, 3),
                Explanation = "contract KL26-004530 in memo; 27,000.00 vs open 31,000.00 (-12.90%, beyond ±3%): applied as a short payment, 4,000.00 stays open; paid 2026-02-03, window 2025-12-03…2026-06-01",
            },
            shortPaid.Concern);
    }

    [SkippableFact]
    public void LoadRuleFacts_LinesWithoutAnAppliedAllocation_ConcernTheTopCandidateOrThePayer()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var facts = store.LoadRuleFacts(RulesDay, 3);

        // Two receivables of 7,800.00 fit equally: the candidate with the lower id is the one concerned.
        var ambiguous = Assert.Single(facts.Exceptions, e => e.Kind == ExceptionKind.Ambiguous).Concern;
        Assert.Equal(("C0005", "SO-26-118790", ReceivableId("SO-26-118790"), 7_800m, "li.wei@example.com"), (ambiguous.CustomerId, ambiguous.ContractNo, ambiguous.ReceivableId, ambiguous.OpenAmount, ambiguous.SalesOwner));

        // A payer the ledger does not know: no customer, named as the bank wrote it.
        var unknown = Assert.Single(facts.Exceptions, e => e.Concern.BankRef == "B2601290007");
        Assert.Equal(ExceptionKind.NoReference, unknown.Kind);
        Assert.False(unknown.ReceivableOpen);
        Assert.Equal(("", "中国工商银行", "", "", null, null, 12.87m), (unknown.Concern.CustomerId, unknown.Concern.CustomerName, unknown.Concern.SalesOwner, unknown.Concern.ContractNo, unknown.Concern.ReceivableId, unknown.Concern.OpenAmount, unknown.Amount));

        // A part payment whose receivable a later line paid off is no exception any more.
        Assert.DoesNotContain(facts.Exceptions, e => e.Kind == ExceptionKind.PartialPayment);
    }

    [SkippableFact]
    public void LoadRuleFacts_ExceptionWithACustomerButNoReceivableLeft_TakesTheCustomersNewestSalesOwner()
    {
        var (store, _, _) = SamplesImported();
        store.SyncReceivables([NewReceivable("KL26-009001", 100m, "C0008", "Tailspin Diagnostics Ltd") with { SalesOwner = "new.owner@example.com", IssueDate = new DateOnly(2026, 3, 1) }], "erp", Actor);
        Reconcile(store);
        var line = LineId("B2602060012");
        using (var connection = Database.Open())
        {
            // The typo line's candidate withdrawn (as if no receivable fitted any more); the run recorded the customer.
            Dapper.SqlMapper.Execute(connection, "DELETE FROM allocation WHERE line_id = @Line", new { Line = line });
        }

        var typo = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Exceptions, e => e.LineId == line);

        Assert.Equal(ExceptionKind.TypoReference, typo.Kind);
        Assert.Equal(("C0008", "Tailspin Diagnostics Ltd", "new.owner@example.com", "", null, null), (typo.Concern.CustomerId, typo.Concern.CustomerName, typo.Concern.SalesOwner, typo.Concern.ContractNo, typo.Concern.ReceivableId, typo.Concern.DueDate));
        Assert.False(typo.ReceivableOpen);
    }

    [SkippableFact]
    public void LoadRuleFacts_OpenReceivablesPastDue_AreOverdueWithDaysAndASentence()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var overdue = store.LoadRuleFacts(RulesDay, 3).Overdue;

        Assert.Equal(
            [
                ("KL25-003991", 354, true, true),
                ("KL26-004536", 46, true, true),
                ("SO-26-118790", 40, true, true),
                ("SO-26-118791", 40, true, true),
                ("KL26-004533", 35, true, true),
                ("KL26-004540", 33, true, true),
                ("KL26-004530", 17, false, false),
            ],
            overdue.Select(o => (o.Concern.ContractNo, o.DaysOverdue, o.NothingPaid, o.PaymentPending)));

        // Once a person rejects a suggestion, its receivables no longer wait for that payment.
        store.Reject(SuggestedLineOf("KL26-004540"), "li.wei", "not this customer's payment");
        Assert.False(store.LoadRuleFacts(RulesDay, 3).Overdue.Single(o => o.Concern.ContractNo == "KL26-004540").PaymentPending);
        Assert.Equal(
            new Concern
            {
                CustomerId = "C0006",
                CustomerName = "Fabrikam Clinics Co.",
                SalesOwner = "zhang.min@example.com",
                ContractNo = "KL26-004530",
                ReceivableId = ReceivableId("KL26-004530"),
                Amount = 31_000m,
                Currency = "CNY",
                OpenAmount = 4_000m,
                DueDate = new DateOnly(2026, 3, 3),
                Explanation = "KL26-004530 of 31,000.00 CNY was due on 2026-03-03 (17 days ago); 4,000.00 still open (27,000.00 paid).",
            },
            overdue[^1].Concern);
        Assert.Equal("KL25-003991 of 6,400.00 CNY was due on 2025-03-31 (354 days ago); 6,400.00 still open, nothing paid yet.", overdue[0].Concern.Explanation);

        // Due today is not overdue yet.
        Assert.DoesNotContain(store.LoadRuleFacts(new DateOnly(2026, 3, 3), 3).Overdue, o => o.Concern.ContractNo == "KL26-004530");
    }

    /// <summary>The suggested line that proposes <paramref name="contract"/> among its candidates.</summary>
    private long SuggestedLineOf(string contract) =>
        Scalar<long>("SELECT MIN(a.line_id) FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE a.status = 'candidate' AND r.contract_no = @Contract", new { Contract = contract });

    [SkippableFact]
    public void LoadRuleFacts_Samples_CyclesOfCustomersWithTwoReceivablesPaidThroughTheLedger()
    {
        var (store, _, _) = SamplesImported();
        Reconcile(store);

        var cycles = store.LoadRuleFacts(RulesDay, 3).Cycles;

        // C0004 paid one receivable only; HT2026/0458 was paid in two parts, on the date of the last.
        Assert.Equal(["C0001", "C0002", "C0003"], cycles.Select(c => c.Concern.CustomerId));
        Assert.Equal(
            [
                new PaidReceivable("KL26-004513", new DateOnly(2026, 1, 12), new DateOnly(2026, 2, 26), new DateOnly(2026, 2, 9)),
                new PaidReceivable("KL26-004512", new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 4), new DateOnly(2026, 1, 21)),
            ],
            cycles[0].Paid);
        Assert.Equal(
            [
                new PaidReceivable("HT2026/0461", new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 19), new DateOnly(2026, 2, 4)),
                new PaidReceivable("HT2026/0458", new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 11), new DateOnly(2026, 2, 2)),
            ],
            cycles[2].Paid);
        Assert.Equal(6, cycles[0].StandardDeviationDays, 9);
        Assert.Equal(("上海瑞康医疗器械有限公司", "li.wei@example.com", "KL26-004513", ReceivableId("KL26-004513")), (cycles[0].Concern.CustomerName, cycles[0].Concern.SalesOwner, cycles[0].Concern.ContractNo, cycles[0].Concern.ReceivableId));
    }

    [SkippableFact]
    public void LoadRuleFacts_CustomerWithThreePaid_TakesTheNewestPaymentsUpToTheCycleLengthByValueDate()
    {
        var store = MigratedStore();
        store.SyncReceivables([NewReceivable("KL26-009001", 1_000m), NewReceivable("KL26-009002", 2_000m), NewReceivable("KL26-009003", 3_000m)], "erp", Actor);
        Import(store, SampleStatement.Of(
            "march.csv",
            NewLine(1_000m, "KL26-009001", bankRef: "R1", date: "2026-02-20") with { ValueDate = new DateOnly(2026, 2, 18) },
            NewLine(2_000m, "KL26-009002", bankRef: "R2", date: "2026-02-10"),
            NewLine(3_000m, "KL26-009003", bankRef: "R3", date: "2026-02-14")));
        Reconcile(store);

        var two = Assert.Single(store.LoadRuleFacts(RulesDay, 2).Cycles);
        var three = Assert.Single(store.LoadRuleFacts(RulesDay, 3).Cycles);

        Assert.Equal(["KL26-009001", "KL26-009003"], two.Paid.Select(p => p.ContractNo));
        Assert.Equal(new DateOnly(2026, 2, 18), two.Paid[0].PaidOn);
        Assert.Equal(["KL26-009001", "KL26-009003", "KL26-009002"], three.Paid.Select(p => p.ContractNo));
        Assert.Equal([39, 35, 31], three.Paid.Select(p => p.DaysToPay));
        Assert.Equal(("C0100", "KL26-009001"), (three.Concern.CustomerId, three.Concern.ContractNo));
        Assert.Empty(store.LoadRuleFacts(RulesDay, 1).Cycles);
    }

    [SkippableFact]
    public void SaveRun_LineMatchedOnRetry_ResolvesItsExceptions()
    {
        var store = MigratedStore();
        store.SyncReceivables([.. SampleFiles.Receivables(), NewReceivable("KL26-009001", 3_000m)], "receivables.csv", Actor);
        Import(store, SampleStatement.Of("march.csv", NewLine(4_200m, "货款 KL26-009002")));
        var (_, first, _) = Reconcile(store);
        var kind = Assert.Single(first.Results).Exception;
        Assert.NotEqual(ExceptionKind.None, kind);
        Assert.Equal(kind, Assert.Single(store.LoadRuleFacts(RulesDay, 3).Exceptions).Kind);

        store.SyncReceivables([NewReceivable("KL26-009002", 4_200m)], "erp", Actor);
        var (_, retried, _) = Reconcile(store);

        Assert.Equal(MatchStatus.Matched, Assert.Single(retried.Results).Status);
        Assert.Empty(store.LoadRuleFacts(RulesDay, 3).Exceptions);
        Assert.Equal(1, Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE resolved_at IS NOT NULL"));
    }

    [SkippableFact]
    public void SaveRun_LineDecidedAgainWithAnotherKind_ResolvesTheOldKindAndReopensItWhenItComesBack()
    {
        var store = MigratedStore();
        store.SyncReceivables([NewReceivable("KL26-009001", 3_000m)], "erp", Actor);
        Import(store, SampleStatement.Of("march.csv", NewLine(4_200m, "货款 KL26-009002")));
        var first = Assert.Single(Reconcile(store).Run.Results).Exception;

        store.SyncErpReceivables([new(NewReceivable("KL26-009002", 3_500m), ErpStatus.Open, 1)], "erp", complete: false, Actor);
        var second = Assert.Single(Reconcile(store).Run.Results);
        Assert.Equal(MatchStatus.Suggested, second.Status);
        Assert.NotEqual(first, second.Exception);
        Assert.Equal([second.Exception], store.LoadRuleFacts(RulesDay, 3).Exceptions.Select(e => e.Kind));

        store.SyncErpReceivables([new(NewReceivable("KL26-009002", 3_500m), ErpStatus.Cancelled, 1)], "erp", complete: false, Actor);
        var third = Assert.Single(Reconcile(store).Run.Results).Exception;

        Assert.Equal(first, third);
        Assert.Equal([first], store.LoadRuleFacts(RulesDay, 3).Exceptions.Select(e => e.Kind));
        Assert.Equal(2, Scalar<int>("SELECT COUNT(*) FROM match_exception"));
    }

    [SkippableFact]
    public void LoadRuleFacts_SyntheticData_EveryUnresolvedExceptionWithTheMatchersKind()
    {
        var data = SyntheticGenerator.Generate(new SyntheticOptions { Receivables = 1_500, Seed = 11 });
        var store = MigratedStore();
        store.SyncReceivables(data.Receivables, "synthetic", Actor);
        foreach (var statement in data.Statements)
        {
            Import(store, SampleStatement.Keeping(statement.File, statement.Lines));
        }

        var (_, run, _) = Reconcile(store);

        var resolved = store.ResolveSettledExceptions(Actor);
        var facts = store.LoadRuleFacts(RulesDay, 3);

        // Part and short payments whose receivables were paid off in the same run are resolved; every other
        // exception of the run is a fact, with the matcher's kind.
        var settled = Query<(string File, int Row, string Kind)>(
            "SELECT f.name, l.row_number, e.kind FROM match_exception e JOIN statement_line l ON l.id = e.line_id JOIN statement_file f ON f.id = l.file_id WHERE e.resolved_at IS NOT NULL")
            .Select(x => (x.File, x.Row, Enum.Parse<ExceptionKind>(x.Kind))).ToHashSet();
        Assert.Equal(resolved, settled.Count);
        Assert.True(resolved > 0, "installments paid off in the run resolve their part payments");
        Assert.All(settled, x => Assert.Contains(x.Item3, new[] { ExceptionKind.PartialPayment, ExceptionKind.AmountShort }));
        var expected = run.Results.Where(r => r.Exception != ExceptionKind.None).Select(r => (r.Line.File, r.Line.Row, r.Exception)).Where(x => !settled.Contains(x)).Order().ToList();
        Assert.True(expected.Count > 50, string.Create(CultureInfo.InvariantCulture, $"{expected.Count} exceptions"));
        Assert.Equal(expected, facts.Exceptions.Select(e => (e.Concern.File, e.Concern.Row, e.Kind)).Order());
        Assert.Equal(Scalar<int>("SELECT COUNT(*) FROM match_exception WHERE resolved_at IS NULL"), facts.Exceptions.Count);
        Assert.All(facts.Exceptions.Where(e => e.Concern.ReceivableId is not null), e => Assert.NotEqual("", e.Concern.CustomerId));
    }

    private long LineId(string bankRef) => Scalar<long>("SELECT id FROM statement_line WHERE bank_ref = @BankRef AND duplicate_of IS NULL", new { BankRef = bankRef });

    private long ReceivableId(string contractNo) => Scalar<long>("SELECT id FROM receivable WHERE contract_no = @ContractNo", new { ContractNo = contractNo });
}
