using System.Globalization;
using System.Text.Json;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Alerts;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler credit-holds list|release|export</c> run in process on a real SQLite ledger that
/// <c>reconcile --data</c> built from the samples and two receivables long overdue (3 holds in force: the short payment
/// on KL26-004530 and the two overdue receivables); what they print and write is checked against <c>credit_hold</c> and
/// <c>audit_log</c> read directly.
/// </summary>
public sealed class CreditHoldsCommandTests : IDisposable
{
    private const string Lakeside = "KL26-009001";   // C9001 Lakeside Clinic: 10,000.00 CNY, due 2026-02-04, nothing paid

    private const string HoldSql =
        """
        SELECT h.id AS Id, h.hold_key AS HoldKey, h.customer_id AS CustomerId, c.name AS CustomerName, h.receivable_id AS ReceivableId,
            h.contract_no AS ContractNo, h.reason AS Reason, h.orders AS Orders, h.orders_left AS OrdersLeft, h.rule_name AS RuleName,
            h.rule_set_version AS RuleSetVersion, h.opened_at AS OpenedAt, h.opened_by AS OpenedBy, h.released_at AS ReleasedAt,
            h.released_by AS ReleasedBy, h.release_reason AS ReleaseReason
        FROM credit_hold h JOIN customer c ON c.id = h.customer_id
        """;

    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples(ReconciledLedger.OverdueUnpaid);

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public void List_AfterReconcile_ShowsTheHoldsInForceWithCustomerReasonReceivableAndOpened()
    {
        // Arrange
        var holds = Holds();

        // Act
        var run = _ledger.Run("credit-holds", "list");

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(3, holds.Count);
        Assert.Equal("3 credit hold(s) in force", run.Output.Split('\n')[0]);
        Assert.Equal(holds.Select(h => h.Id), Ids(run.Output));
        foreach (var h in holds)
        {
            Assert.Contains(
                $"#{h.Id} in-force {h.CustomerId} ({h.CustomerName}), {h.OrdersLeft} of {h.Orders} orders held; receivable {h.ContractNo} (#{h.ReceivableId})\n" +
                $"    reason: {h.Reason}\n" +
                $"    opened {h.OpenedAt} by reconcile (rule {h.RuleName}, {h.RuleSetVersion})\n",
                run.Output,
                StringComparison.Ordinal);
        }

        var lakeside = Assert.Single(holds, h => h.ContractNo == Lakeside);
        Assert.Contains($"#{lakeside.Id} in-force C9001 (Lakeside Clinic), 3 of 3 orders held; receivable KL26-009001 (#{lakeside.ReceivableId})", run.Output, StringComparison.Ordinal);
        Assert.Contains("    reason: contract KL26-009001 of 10,000.00 CNY was due on ", run.Output, StringComparison.Ordinal);
        Assert.Single(holds, h => h.RuleName == "overdue-credit-hold" && h.ContractNo == "KL26-009002");
        Assert.Single(holds, h => h.RuleName == "short-payment-credit-hold" && h.ContractNo == "KL26-004530");
    }

    [Fact]
    public void List_Json_HasIdCustomerReasonReceivableOrdersLeftAndOpened()
    {
        // Arrange
        var holds = Holds().ToDictionary(h => h.Id);

        // Act
        var run = _ledger.Run("credit-holds", "list", "--json");

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var listed = json.RootElement.GetProperty("holds").EnumerateArray().ToList();
        Assert.Equal(holds.Keys.OrderDescending(), listed.Select(h => h.GetProperty("holdId").GetInt64()));
        foreach (var h in listed)
        {
            var row = holds[h.GetProperty("holdId").GetInt64()];
            Assert.Equal("in-force", h.GetProperty("status").GetString());
            Assert.Equal(row.CustomerId, h.GetProperty("customerId").GetString());
            Assert.Equal(row.CustomerName, h.GetProperty("customerName").GetString());
            Assert.Equal(row.ContractNo, h.GetProperty("contractNo").GetString());
            Assert.Equal(row.ReceivableId!.Value, h.GetProperty("receivableId").GetInt64());
            Assert.Equal(row.Reason, h.GetProperty("reason").GetString());
            Assert.Equal(row.Orders, h.GetProperty("orders").GetInt32());
            Assert.Equal(row.OrdersLeft, h.GetProperty("ordersLeft").GetInt32());
            Assert.Equal(row.RuleName, h.GetProperty("rule").GetString());
            Assert.Equal(row.RuleSetVersion, h.GetProperty("ruleSetVersion").GetString());
            Assert.Equal(row.OpenedAt, h.GetProperty("openedAt").GetString());
            Assert.Equal("reconcile", h.GetProperty("openedBy").GetString());
            Assert.Equal(JsonValueKind.Null, h.GetProperty("releasedAt").ValueKind);
        }

        var lakeside = listed.Single(h => h.GetProperty("contractNo").GetString() == Lakeside);
        Assert.Equal(("C9001", "Lakeside Clinic", 3), (lakeside.GetProperty("customerId").GetString(), lakeside.GetProperty("customerName").GetString(), lakeside.GetProperty("ordersLeft").GetInt32()));
    }

    [Fact]
    public void List_All_IncludesTheReleasedHoldWithWhoAndWhy()
    {
        // Arrange
        var id = HoldOn(Lakeside);
        Assert.Equal(ExitCodes.Ok, Release(id, "anna", "paid by cheque").ExitCode);
        var released = Hold(id);

        // Act
        var inForce = _ledger.Run("credit-holds", "list");
        var all = _ledger.Run("credit-holds", "list", "--all");
        var allJson = _ledger.Run("credit-holds", "list", "--all", "--json");

        // Assert
        Assert.Equal("2 credit hold(s) in force", inForce.Output.Split('\n')[0]);
        Assert.Equal(Holds().Select(h => h.Id), Ids(inForce.Output));
        Assert.DoesNotContain(id, Ids(inForce.Output));
        Assert.Equal("3 credit hold(s)", all.Output.Split('\n')[0]);
        Assert.Equal(Holds(all: true).Select(h => h.Id), Ids(all.Output));
        Assert.Contains($"#{id} released C9001 (Lakeside Clinic), 3 of 3 orders held; receivable KL26-009001", all.Output, StringComparison.Ordinal);
        Assert.Contains($"    released {released.ReleasedAt} by anna: paid by cheque\n", all.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(allJson.Output);
        var hold = json.RootElement.GetProperty("holds").EnumerateArray().Single(h => h.GetProperty("holdId").GetInt64() == id);
        Assert.Equal("released", hold.GetProperty("status").GetString());
        Assert.Equal(released.ReleasedAt, hold.GetProperty("releasedAt").GetString());
        Assert.Equal("anna", hold.GetProperty("releasedBy").GetString());
        Assert.Equal("paid by cheque", hold.GetProperty("releaseReason").GetString());
    }

    [Fact]
    public void Release_HoldInForce_PrintsItReleasesItWithByAndNoteAndAuditsIt()
    {
        // Arrange
        var id = HoldOn(Lakeside);

        // Act
        var run = Release(id, "anna", "paid by cheque on 2026-03-02");

        // Assert: the line, the hold released in the ledger, and the audit row with the state before and after.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal($"credit hold #{id} on C9001 (Lakeside Clinic) released by anna: paid by cheque on 2026-03-02", run.Output.Trim());
        var hold = Hold(id);
        Assert.NotNull(hold.ReleasedAt);
        Assert.Equal(("anna", "paid by cheque on 2026-03-02"), (hold.ReleasedBy, hold.ReleaseReason));
        Assert.Equal(2L, _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM credit_hold WHERE released_at IS NULL"));
        var audit = _ledger.Database.Query<(string Actor, string Before, string After, string Note)>(
            "SELECT actor, before_state, after_state, note FROM audit_log WHERE action = 'release' AND entity = 'credit_hold' AND entity_id = @Id",
            new { Id = id.ToString(CultureInfo.InvariantCulture) }).Single();
        Assert.Equal(("anna", "paid by cheque on 2026-03-02"), (audit.Actor, audit.Note));
        using var before = JsonDocument.Parse(audit.Before);
        using var after = JsonDocument.Parse(audit.After);
        Assert.Equal(("open", hold.HoldKey, Lakeside), (before.RootElement.GetProperty("status").GetString(), before.RootElement.GetProperty("key").GetString(), before.RootElement.GetProperty("contract").GetString()));
        Assert.False(before.RootElement.TryGetProperty("releasedAt", out _));
        Assert.Equal("released", after.RootElement.GetProperty("status").GetString());
        Assert.Equal(hold.ReleasedAt, after.RootElement.GetProperty("releasedAt").GetString());
        Assert.Equal("anna", after.RootElement.GetProperty("releasedBy").GetString());
        Assert.Equal("paid by cheque on 2026-03-02", after.RootElement.GetProperty("releaseReason").GetString());
    }

    [Fact]
    public void Release_AlreadyReleased_ExitsZeroSayingWhenAndByWhomAndChangesNothing()
    {
        // Arrange: a repeat is no mistake (as review reject or unmatch twice): a script releasing again must not fail.
        var id = HoldOn(Lakeside);
        Assert.Equal(ExitCodes.Ok, Release(id, "anna", "paid by cheque").ExitCode);
        var released = Hold(id);
        var contents = _ledger.Database.Contents();

        // Act
        var run = Release(id, "bob", "again");

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(
            $"credit hold {id} ({released.HoldKey}, customer C9001 Lakeside Clinic) was released already, on {released.ReleasedAt} by anna: paid by cheque; nothing changed",
            run.Output.Trim());
        Assert.Equal("", run.Error);
        Assert.Equal(contents, _ledger.Database.Contents());
    }

    [Fact]
    public void Release_UnknownId_ExitsTwoSayingSo()
    {
        var contents = _ledger.Database.Contents();

        var run = Release(99999, "anna", "no such hold");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("error: there is no credit hold 99999 in the ledger; the list of credit holds shows their ids", run.Error.Trim());
        Assert.Equal(contents, _ledger.Database.Contents());
    }

    [Fact]
    public void Release_WithoutNoteOrWithABlankOne_IsAUsageErrorAndChangesNothing()
    {
        // Arrange
        var id = HoldOn(Lakeside).ToString(CultureInfo.InvariantCulture);
        var contents = _ledger.Database.Contents();

        // Act
        var noNote = _ledger.Run("credit-holds", "release", id, "--by", "anna");
        var blankNote = _ledger.Run("credit-holds", "release", id, "--by", "anna", "--note", " ");
        var noBy = _ledger.Run("credit-holds", "release", id, "--note", "paid");

        // Assert
        Assert.Equal(ExitCodes.Usage, noNote.ExitCode);
        Assert.Contains("--note", noNote.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, blankNote.ExitCode);
        Assert.Equal("error: --by needs who releases it and --note why", blankNote.Error.Trim());
        Assert.Equal(ExitCodes.Usage, noBy.ExitCode);
        Assert.Contains("--by", noBy.Error, StringComparison.Ordinal);
        Assert.Equal(contents, _ledger.Database.Contents());
    }

    [Fact]
    public void Export_Csv_WritesTheColumnsAndOneRowPerHoldInForceMatchingTheLedger()
    {
        // Arrange: one of the three released by hand.
        var released = HoldOn(Lakeside);
        Assert.Equal(ExitCodes.Ok, Release(released, "anna", "paid by cheque").ExitCode);
        var file = _ledger.File("holds.csv");
        var allFile = _ledger.File("all-holds.csv");

        // Act
        var run = _ledger.Run("credit-holds", "export", "--out", file);
        var all = _ledger.Run("credit-holds", "export", "--out", allFile, "--all");

        // Assert: the documented header, then the two holds in force, newest first, as the ledger has them.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal($"2 credit hold(s) written to {file}", run.Output.Trim());
        Assert.Equal(string.Join(',', CreditHoldsCommand.Columns), File.ReadLines(file).First());
        Assert.Equal(
            "hold_id,status,customer_id,customer_name,contract_no,receivable_id,reason,orders,orders_left,rule,rule_set_version,opened_at,opened_by,released_at,released_by,release_reason",
            File.ReadLines(file).First());
        var rows = CsvRows.Read(file);
        Assert.Equal(Holds().Select(Cells), rows);
        Assert.DoesNotContain(rows, r => r[0] == released.ToString(CultureInfo.InvariantCulture));
        Assert.False(File.Exists(file + ".tmp"));

        // With --all the released hold is there too, with who released it and why.
        Assert.Equal(ExitCodes.Ok, all.ExitCode);
        var allRows = CsvRows.Read(allFile);
        Assert.Equal(Holds(all: true).Select(Cells), allRows);
        var row = allRows.Single(r => r[0] == released.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("released", "anna", "paid by cheque"), (row[1], row[14], row[15]));
        Assert.Equal(Hold(released).ReleasedAt, row[13]);
    }

    [Fact]
    public void Export_FormulaLikeCustomerName_IsWrittenWithALeadingQuote()
    {
        // Arrange: a customer named like a spreadsheet formula, with an overdue receivable (so a hold), in a ledger of its own.
        using var ledger = new ReconciledLedger();
        var receivables = ledger.File("receivables.csv");
        File.WriteAllText(receivables, """
            contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner
            KL26-007001,C7001,"=HYPERLINK(""x"")",5000.00,CNY,2026-01-05,2026-02-04,li.wei@example.com
            KL26-007002,C7002,Plain Clinic,1000.00,CNY,2026-01-05,2026-02-04,li.wei@example.com
            """);
        var statement = ledger.File("statement.csv");
        File.WriteAllText(statement, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-01-20,1000.00,CNY,Plain Clinic,6222000000007002,payment KL26-007002,B-7001
            """);
        ledger.Reconcile(receivables, statement);
        var file = ledger.File("holds.csv");

        // Act
        var run = ledger.Run("credit-holds", "export", "--out", file);

        // Assert: the ledger keeps the name as given; the CSV cell starts with ' so a spreadsheet shows it as text.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("=HYPERLINK(\"x\")", ledger.Database.Scalar<string>("SELECT name FROM customer WHERE id = 'C7001'"));
        var row = Assert.Single(CsvRows.Read(file));
        Assert.Equal(("C7001", "'=HYPERLINK(\"x\")", "KL26-007001"), (row[2], row[3], row[4]));
        Assert.Contains(",C7001,\"'=HYPERLINK(\"\"x\"\")\",KL26-007001,", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NoDestination_IsAUsageError()
    {
        var run = _ledger.Run("credit-holds", "export");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: say where to: --out FILE.csv, --webhook URL, or both", run.Error.Trim());
    }

    private CliRun Release(long id, string by, string note) =>
        _ledger.Run("credit-holds", "release", id.ToString(CultureInfo.InvariantCulture), "--by", by, "--note", note);

    /// <summary>The holds, newest first: those in force, or all.</summary>
    private List<HoldRow> Holds(bool all = false) =>
        _ledger.Database.Query<HoldRow>(HoldSql + (all ? "" : " WHERE h.released_at IS NULL") + " ORDER BY h.id DESC");

    private HoldRow Hold(long id) => _ledger.Database.Query<HoldRow>(HoldSql + " WHERE h.id = @Id", new { Id = id }).Single();

    private long HoldOn(string contract) => _ledger.Database.Scalar<long>("SELECT id FROM credit_hold WHERE contract_no = @Contract", new { Contract = contract });

    /// <summary>The hold ids of the text listing, in order.</summary>
    private static List<long> Ids(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith('#')).Select(l => long.Parse(l[1..l.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture))];

    /// <summary>The export's row for a hold, in <see cref="CreditHoldsCommand.Columns"/> order (no cell of the samples looks like a formula).</summary>
    private static string[] Cells(HoldRow h) =>
    [
        h.Id.ToString(CultureInfo.InvariantCulture), h.ReleasedAt is null ? "in-force" : "released", h.CustomerId, h.CustomerName, h.ContractNo,
        h.ReceivableId?.ToString(CultureInfo.InvariantCulture) ?? "", h.Reason, h.Orders.ToString(CultureInfo.InvariantCulture),
        h.OrdersLeft.ToString(CultureInfo.InvariantCulture), h.RuleName, h.RuleSetVersion, h.OpenedAt, h.OpenedBy, h.ReleasedAt ?? "",
        h.ReleasedBy ?? "", h.ReleaseReason ?? "",
    ];

    /// <summary>A row of <c>credit_hold</c> with its customer's name, read directly.</summary>
    private sealed class HoldRow
    {
        public long Id { get; init; }

        public string HoldKey { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long? ReceivableId { get; init; }

        public string ContractNo { get; init; } = "";

        public string Reason { get; init; } = "";

        public int Orders { get; init; }

        public int OrdersLeft { get; init; }

        public string RuleName { get; init; } = "";

        public string RuleSetVersion { get; init; } = "";

        public string OpenedAt { get; init; } = "";

        public string OpenedBy { get; init; } = "";

        public string? ReleasedAt { get; init; }

        public string? ReleasedBy { get; init; }

        public string? ReleaseReason { get; init; }
    }

    [Fact]
    public void Export_Webhook_PostsTheHoldsAsJson()
    {
        // Arrange
        using var http = new LoopbackHttp();
        var holds = Holds();

        // Act
        var run = _ledger.Run("credit-holds", "export", "--webhook", http.Url + "erp/holds?key=secret");

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal($"3 credit hold(s) posted to {http.Url.TrimEnd('/')}", run.Output.Trim());
        var request = Assert.Single(http.Requests);
        Assert.Equal(("POST", "/erp/holds?key=secret"), (request.Method, request.Path));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("credit-holds", (string?)request.Json["kind"]);
        var posted = request.Json["holds"]!.AsArray();
        Assert.Equal(holds.Select(h => h.Id), posted.Select(h => (long)h!["holdId"]!));
        var lakeside = posted.Single(h => (string?)h!["contractNo"] == Lakeside)!;
        var row = holds.Single(h => h.ContractNo == Lakeside);
        Assert.Equal(
            ("C9001", "Lakeside Clinic", 3, "in-force", row.Reason, row.OpenedAt),
            ((string?)lakeside["customerId"], (string?)lakeside["customerName"], (int)lakeside["ordersLeft"]!, (string?)lakeside["status"], (string?)lakeside["reason"], (string?)lakeside["openedAt"]));
    }

    [Fact]
    public void Export_WebhookAnswers500_ExitsThreeNamingTheStatus()
    {
        // Arrange
        using var http = new LoopbackHttp { Respond = _ => (500, "ERP down") };

        // Act
        var run = _ledger.Run("credit-holds", "export", "--webhook", http.Url + "erp/holds?key=secret");

        // Assert: the status and the answer, not the path or the secret in the query (the ERP's address may carry a key).
        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Equal($"error: {http.Url.TrimEnd('/')} refused the holds: HTTP 500 Internal Server Error: ERP down", run.Error.Trim());
        Assert.Single(http.Requests);
    }

    [Fact]
    public void Export_FtpWebhook_IsAUsageError()
    {
        var run = _ledger.Run("credit-holds", "export", "--webhook", "ftp://erp.example.com/holds");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --webhook must be an absolute http or https address; it is a ftp: address", run.Error.Trim());
    }
}
