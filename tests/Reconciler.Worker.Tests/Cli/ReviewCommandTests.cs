using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Reconciler.Matching;
using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler review list|confirm|reject|match|unmatch</c> run in process on a real SQLite ledger that
/// <c>reconcile --data</c> built from the samples (5 suggested lines); the ledger is read back directly.
/// </summary>
public partial class ReviewCommandTests : IDisposable
{
    private const string A = "statement-a.csv";
    private const string B = "statement-b.csv";
    private const string Woodgrove = "B2602120016";      // 2,950.00 from Woodgrove Dental Care, no memo: suggested KL26-004540
    private const string WoodgroveAccount = "6217856100012345";
    private const string Alternatives = "B2601280006";   // 7,800.00 from 广州华南: SO-26-118790 or SO-26-118791
    private const string Overpaid = "B2602050011";       // 21,000.00 for KL26-004533 (18,200.00 open)
    private const string LatePayment = "B2602100014";    // 6,400.00 for KL25-003991, outside its window
    private const string Auto = "B2601210001";           // 10,000.00 matched to KL26-004512 by the run

    private readonly TempFolder _temp = new();

    public ReviewCommandTests()
    {
        var run = Reconcile(Repository.Samples("receivables.csv"), Repository.Samples(A), Repository.Samples(B));
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
    }

    private string Data => _temp.Path;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void List_Default_ShowsTheFiveSuggestedLinesWithIdsAndCandidates()
    {
        var run = Review("list");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(5, run.Output.Split('\n').Count(l => l.StartsWith("line ", StringComparison.Ordinal)));
        Assert.Contains($"line {Line(A, Alternatives)}  {A} row 7  2026-01-28  7,800.00 CNY", run.Output, StringComparison.Ordinal);
        Assert.Contains($"1. SO-26-118790 (#{Receivable("SO-26-118790")})  C0005 广州华南医疗设备有限公司  open 7,800.00 CNY  proposed 7,800.00", run.Output, StringComparison.Ordinal);
        Assert.Contains("2. SO-26-118791", run.Output, StringComparison.Ordinal);
        Assert.Contains("5 lines are suggested.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void List_Json_ParsesWithLinesCandidatesAndAmounts()
    {
        var run = Review("list", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(5, json.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(["B2601280006", "B2602050011", "B2602060012", "B2602100014", "B2602120016"], lines.Select(l => l.GetProperty("bankRef").GetString()));
        Assert.All(lines, l => Assert.NotEmpty(l.GetProperty("candidates").EnumerateArray()));
        var alternatives = lines[0];
        Assert.Equal(Line(A, Alternatives), alternatives.GetProperty("id").GetInt64());
        Assert.Equal(7800m, alternatives.GetProperty("amount").GetDecimal());
        Assert.Equal("货款", alternatives.GetProperty("memo").GetString());
        var candidates = alternatives.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["SO-26-118790", "SO-26-118791"], candidates.Select(c => c.GetProperty("contractNo").GetString()));
        Assert.All(candidates, c => Assert.Equal(7800m, c.GetProperty("proposed").GetDecimal()));
        Assert.All(candidates, c => Assert.Equal(7800m, c.GetProperty("open").GetDecimal()));
    }

    [Fact]
    public void Confirm_SuggestedLine_MatchesTakesOpenAmountAuditsAndLearnsThePayer()
    {
        var line = Line(B, Woodgrove);

        var run = Review("confirm", Id(line), "--by", "anna", "--note", "paid KL26-004540, says the customer");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains($"line {line} is now matched: confirmed by anna: 2,950.00 to KL26-004540", run.Output, StringComparison.Ordinal);
        Assert.Contains($"learned: payments from account {WoodgroveAccount} (Woodgrove Dental Care) are customer C0010's", run.Output, StringComparison.Ordinal);
        Assert.Equal(("matched", LedgerStore.ConfirmedByReviewerRule), LineState(line));
        Assert.Equal((0L, "paid"), Open("KL26-004540"));
        Assert.Equal([("confirmed", 29_500_000L, "anna")], Query<(string, long, string)>("SELECT status, amount, created_by FROM allocation WHERE line_id = @Line", new { Line = line }));
        var audit = Query<(string Actor, string Before, string After, string Note)>(
            "SELECT actor, before_state, after_state, note FROM audit_log WHERE action = 'confirm' AND entity_id = @Id", new { Id = Id(line) }).Single();
        Assert.Equal("anna", audit.Actor);
        Assert.Equal("paid KL26-004540, says the customer", audit.Note);
        Assert.Equal("suggested", JsonDocument.Parse(audit.Before).RootElement.GetProperty("status").GetString());
        Assert.Equal("matched", JsonDocument.Parse(audit.After).RootElement.GetProperty("status").GetString());
        Assert.Equal(1, Scalar<long>("SELECT COUNT(*) FROM customer_alias WHERE customer_id = 'C0010' AND payer_account = @Account AND learned_from_line = @Line AND created_by = 'anna'", new { Account = WoodgroveAccount, Line = line }));
        Assert.Contains(new PayerLink(WoodgroveAccount, "Woodgrove Dental Care", "C0010"), Store().LoadForMatching().Links);
    }

    [Fact]
    public void Confirm_LearnedPayer_IsRecognisedByALaterRunUnderAnotherName()
    {
        var receivables = _temp.File("receivables.csv");
        File.WriteAllText(receivables, File.ReadAllText(Repository.Samples("receivables.csv")).TrimEnd() + "\nKL26-004599,C0010,Woodgrove Dental Care,1000.00,CNY,2026-02-01,2026-03-03,li.wei@example.com\n");
        var statement = _temp.File("statement-c.csv");
        File.WriteAllText(statement, $"date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-02-20,1000.00,CNY,WGD CARE,{WoodgroveAccount},,B2602200099\n");
        Assert.Equal(ExitCodes.Ok, Review("confirm", Id(Line(B, Woodgrove)), "--by", "anna").ExitCode);

        var run = Reconcile(receivables, Repository.Samples(A), Repository.Samples(B), statement);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var row = CsvRows.Read(_temp.File("results.csv")).Single(r => r[2] == "B2602200099");
        Assert.Equal("suggested", row[7]);
        Assert.Equal("KL26-004599", row[8]);
        Assert.Contains("a payer account learned from confirmed matches", row[13], StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_OneOfTheCandidates_ConfirmsItAndRejectsTheOther()
    {
        var line = Line(A, Alternatives);

        var run = Review("confirm", Id(line), "SO-26-118791", "--by", "anna");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal((0L, "paid"), Open("SO-26-118791"));
        Assert.Equal((78_000_000L, "open"), Open("SO-26-118790"));
        var allocations = Query<(string Contract, string Status, string? EndedAt)>(
            "SELECT r.contract_no, a.status, a.ended_at FROM allocation a JOIN receivable r ON r.id = a.receivable_id WHERE a.line_id = @Line ORDER BY r.contract_no", new { Line = line });
        Assert.Equal(("SO-26-118790", "rejected"), (allocations[0].Contract, allocations[0].Status));
        Assert.NotNull(allocations[0].EndedAt);
        Assert.Equal(("SO-26-118791", "confirmed", (string?)null), allocations[1]);
    }

    [Fact]
    public void Confirm_AlternativesWithoutAChoice_IsRefusedAndChangesNothing()
    {
        var line = Line(A, Alternatives);
        var before = Contents();

        var run = Review("confirm", Id(line), "--by", "anna");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("alternatives", run.Error, StringComparison.Ordinal);
        Assert.Contains($"review confirm {line} SO-26-118790", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Contents());
    }

    [Fact]
    public void Confirm_LineNotSuggestedOrReceivableNotACandidate_IsRefused()
    {
        var matched = Review("confirm", Id(Line(A, Auto)), "--by", "anna");
        var notCandidate = Review("confirm", Id(Line(B, Woodgrove)), "KL26-004512", "--by", "anna");

        Assert.Equal(ExitCodes.BadInput, matched.ExitCode);
        Assert.Contains("is matched (reference-amount-window), not suggested", matched.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, notCandidate.ExitCode);
        Assert.Contains("KL26-004512", notCandidate.Error, StringComparison.Ordinal);
        Assert.Contains("is not a candidate", notCandidate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reject_SuggestedLine_LeavesItUnmatchedAndRejectingAgainChangesNothing()
    {
        var line = Line(B, LatePayment);

        var run = Review("reject", Id(line), "--by", "bob", "--note", "a refund, not a payment");
        var contents = Contents();
        var again = Review("reject", Id(line), "--by", "bob");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(("unmatched", LedgerStore.RejectedByReviewerRule), LineState(line));
        Assert.Equal(["rejected"], Query<string>("SELECT status FROM allocation WHERE line_id = @Line", new { Line = line }));
        Assert.Equal((64_000_000L, "open"), Open("KL25-003991"));
        Assert.Equal(1, Scalar<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'reject' AND actor = 'bob' AND note = 'a refund, not a payment'"));
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("nothing changed", again.Output, StringComparison.Ordinal);
        Assert.Equal(contents, Contents());
    }

    [Fact]
    public void Match_ByHandWithAnAmount_AllocatesThatAmountAndLeavesThePartialOpen()
    {
        var line = Line(B, LatePayment);

        var run = Review("match", Id(line), $"#{Receivable("KL25-003991")}=4,000.50", "--by", "anna", "--note", "first part");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(("partial", LedgerStore.MatchedByReviewerRule), LineState(line));
        Assert.Equal((23_995_000L, "open"), Open("KL25-003991"));
        Assert.Equal(
            [("confirmed", "manual", 40_005_000L), ("rejected", "reference-date-window", 64_000_000L)],
            Query<(string, string, long)>("SELECT status, match_rule, amount FROM allocation WHERE line_id = @Line ORDER BY status", new { Line = line }));
        Assert.Equal(23_995_000L, Scalar<long>("SELECT difference FROM statement_line WHERE id = @Line", new { Line = line }));
    }

    [Fact]
    public void Match_WithoutAnAmount_TakesWhatIsOpenAndKeepsTheRestOfThePayment()
    {
        var line = Line(B, Overpaid);

        var run = Review("match", Id(line), "KL26-004533", "--by", "anna");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("18,200.00 to KL26-004533", run.Output, StringComparison.Ordinal);
        Assert.Contains("2,800.00 of the payment not allocated", run.Output, StringComparison.Ordinal);
        Assert.Equal(("matched", LedgerStore.MatchedByReviewerRule), LineState(line));
        Assert.Equal((0L, "paid"), Open("KL26-004533"));
    }

    [Fact]
    public void Match_ReceivableCancelledInTheLedger_IsRefusedSayingSo()
    {
        // Arrange: the ERP cancelled KL26-004533 (its open amount stays).
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Data, StoreLocation.SqliteFileName), Pooling = false }.ToString()))
        {
            connection.Open();
            connection.Execute("UPDATE receivable SET status = 'cancelled' WHERE contract_no = 'KL26-004533'");
        }

        var before = Contents();

        // Act
        var run = Review("match", Id(Line(B, Overpaid)), "KL26-004533", "--by", "anna");

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("KL26-004533", run.Error, StringComparison.Ordinal);
        Assert.Contains("is cancelled in the ledger, so nothing can be allocated to it", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Contents());
    }

    [Fact]
    public void Match_MoreThanOpenOrMoreThanTheLine_IsRefusedAndChangesNothing()
    {
        var before = Contents();

        var overOpen = Review("match", Id(Line(B, Overpaid)), "KL26-004533=19000", "--by", "anna");
        var overLine = Review("match", Id(Line(B, Woodgrove)), "SO-26-118790=3000", "--by", "anna");
        var overLineInTwo = Review("match", Id(Line(B, Woodgrove)), "KL26-004540=2000", "SO-26-118790=1000", "--by", "anna");

        Assert.Equal(ExitCodes.BadInput, overOpen.ExitCode);
        Assert.Contains("KL26-004533", overOpen.Error, StringComparison.Ordinal);
        Assert.Contains("has 18,200.00 open, less than the 19,000.00 to allocate", overOpen.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, overLine.ExitCode);
        Assert.Contains("3,000.00 for SO-26-118790", overLine.Error, StringComparison.Ordinal);
        Assert.Contains("more than line", overLine.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, overLineInTwo.ExitCode);
        Assert.Contains("has left to allocate: 950.00 of 2,950.00", overLineInTwo.Error, StringComparison.Ordinal);
        Assert.Equal(before, Contents());
    }

    [Fact]
    public void Unmatch_ConfirmedLine_GivesBackTheOpenAmountsExactlyForgetsThePayerAndIsAudited()
    {
        var line = Line(B, Woodgrove);
        var opens = Opens();
        Assert.Equal(ExitCodes.Ok, Review("confirm", Id(line), "--by", "anna").ExitCode);

        var run = Review("unmatch", Id(line), "--by", "bob", "--note", "wrong customer");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains($"line {line} is now unmatched: allocations undone by bob: 2,950.00 back to KL26-004540", run.Output, StringComparison.Ordinal);
        Assert.Contains($"forgotten: payments from account {WoodgroveAccount}", run.Output, StringComparison.Ordinal);
        Assert.Equal(opens, Opens());
        Assert.Equal(("unmatched", LedgerStore.UnmatchedByReviewerRule), LineState(line));
        Assert.Equal(["rejected"], Query<string>("SELECT status FROM allocation WHERE line_id = @Line AND ended_at IS NOT NULL", new { Line = line }));
        Assert.DoesNotContain(Store().LoadForMatching().Links, l => l.CustomerId == "C0010");
        var audit = Query<(string Actor, string Before, string Note)>("SELECT actor, before_state, note FROM audit_log WHERE action = 'unmatch'").Single();
        Assert.Equal(("bob", "wrong customer"), (audit.Actor, audit.Note));
        Assert.Equal("KL26-004540", JsonDocument.Parse(audit.Before).RootElement.GetProperty("allocations")[0].GetProperty("contract").GetString());
    }

    [Fact]
    public void Unmatch_AutomaticMatchTwice_SecondTimeChangesNothingAndSaysSo()
    {
        var line = Line(A, Auto);

        var first = Review("unmatch", Id(line), "--by", "bob");
        var contents = Contents();
        var second = Review("unmatch", Id(line), "--by", "bob");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal((100_000_000L, "open"), Open("KL26-004512"));
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal($"line {line} is already unmatched with no allocations: nothing to undo, nothing changed", second.Output.Trim());
        Assert.Equal(contents, Contents());
    }

    [Fact]
    public void Unmatch_MatchWithinTolerance_GivesBackTheWholeAmountTheRunTookOff()
    {
        var line = Line(A, "B2601220002"); // 23,470.00 for KL26-004520 (23,500.00): within 3%, matched by the run

        var run = Review("unmatch", Id(line), "--by", "bob");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal((235_000_000L, "open"), Open("KL26-004520"));
        Assert.Empty(Query<string>("SELECT status FROM allocation WHERE line_id = @Line AND status <> 'rejected'", new { Line = line }));
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("reject")]
    [InlineData("unmatch")]
    public void Change_UnknownLine_SaysSoWithoutAStackTrace(string action)
    {
        var run = Review(action, "99999", "--by", "anna");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("error: there is no line 99999 in the ledger; review list shows the line ids", run.Error.Trim());
    }

    [Fact]
    public void Change_WithoutByOrWithBadReceivables_IsAUsageOrInputError()
    {
        var noBy = Review("confirm", Id(Line(B, Woodgrove)));
        var emptyBy = Review("confirm", Id(Line(B, Woodgrove)), "--by", " ");
        var badAmount = Review("match", Id(Line(B, Woodgrove)), "KL26-004540=lots", "--by", "anna");
        var unknown = Review("match", Id(Line(B, Woodgrove)), "KL99-000001", "--by", "anna");

        Assert.Equal(ExitCodes.Usage, noBy.ExitCode);
        Assert.Equal(ExitCodes.Usage, emptyBy.ExitCode);
        Assert.Contains("--by needs the reviewer's name", emptyBy.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badAmount.ExitCode);
        Assert.Contains("the amount after = must be a number", badAmount.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("there is no receivable KL99-000001", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_NoLedger_IsRefusedWithoutMakingOne()
    {
        using var empty = new TempFolder();
        var config = empty.File("reconciler.json");
        File.WriteAllText(config, "{}");
        var missing = Path.Combine(empty.Path, "no-such-folder");

        var notThere = CliRun.Of("review", "list", "--data", missing, "--config", config);
        var notConfigured = CliRun.Of("review", "list", "--config", config);

        Assert.Equal(ExitCodes.BadInput, notThere.ExitCode);
        Assert.Contains("there is no ledger in", notThere.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
        Assert.Equal(ExitCodes.Usage, notConfigured.ExitCode);
        Assert.Contains("give --data DIR", notConfigured.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LaterRun_RejectedAndUnmatchedLines_AreLeftAsTheReviewerLeftThem()
    {
        var rejected = Line(B, LatePayment);
        var unmatched = Line(A, Auto);
        Assert.Equal(ExitCodes.Ok, Review("reject", Id(rejected), "--by", "bob").ExitCode);
        Assert.Equal(ExitCodes.Ok, Review("unmatch", Id(unmatched), "--by", "bob").ExitCode);

        var pending = Store().LoadForMatching().Pending;
        var run = Reconcile(Repository.Samples("receivables.csv"), Repository.Samples(A), Repository.Samples(B));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain(pending, p => p.Id == rejected || p.Id == unmatched);
        Assert.Equal(("unmatched", LedgerStore.RejectedByReviewerRule), LineState(rejected));
        Assert.Equal(("unmatched", LedgerStore.UnmatchedByReviewerRule), LineState(unmatched));
    }

    private CliRun Reconcile(string receivables, params string[] statements) => CliRun.Of([
        "reconcile", "--receivables", receivables, .. statements.SelectMany(s => new[] { "--statement", s }),
        "--config", Repository.Samples("reconciler.json"), "--out", _temp.File("results.csv"), "--quiet", "--data", Data]);

    private CliRun Review(params string[] args) => CliRun.Of(["review", .. args, "--data", Data, "--config", Repository.Samples("reconciler.json")]);

    private LedgerStore Store() => new(StoreLocation.DataFolder(Data));

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private long Line(string file, string bankRef) => Scalar<long>(
        "SELECT l.id FROM statement_line l JOIN statement_file f ON f.id = l.file_id WHERE f.name = @File AND l.bank_ref = @Ref AND l.status <> 'duplicate'",
        new { File = file, Ref = bankRef });

    private long Receivable(string contract) => Scalar<long>("SELECT id FROM receivable WHERE contract_no = @Contract", new { Contract = contract });

    private (string Status, string Rule) LineState(long line) =>
        Query<(string, string)>("SELECT status, match_rule FROM statement_line WHERE id = @Line", new { Line = line }).Single();

    private (long Open, string Status) Open(string contract) =>
        Query<(long, string)>("SELECT open_amount, status FROM receivable WHERE contract_no = @Contract", new { Contract = contract }).Single();

    private List<(string Contract, long Open, string Status)> Opens() =>
        Query<(string, long, string)>("SELECT contract_no, open_amount, status FROM receivable ORDER BY contract_no");

    private T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Connect();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    private List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Connect();
        return [.. connection.Query<T>(sql, parameters)];
    }

    /// <summary>Every row of every table, in key order: equal only when nothing was added, removed or changed.</summary>
    private string Contents()
    {
        using var connection = Connect();
        var text = new StringBuilder();
        foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").ToList())
        {
            text.Append(table).Append('\n');
            foreach (IDictionary<string, object?> row in connection.Query($"SELECT * FROM {table} ORDER BY 1"))
            {
                text.AppendJoin('|', row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))).Append('\n');
            }
        }

        return text.ToString();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Data, StoreLocation.SqliteFileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
