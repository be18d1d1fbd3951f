using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Reconciler.Storage;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Alerts;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Rules;

/// <summary>
/// <c>reconcile --data</c> end to end with the rules and alerts: a real SMTP server and a real HTTP listener on
/// loopback receive what the outbox sends; a credit hold opens on an overdue receivable and is released when a
/// later statement pays it; repeating a run sends nothing twice.
/// </summary>
public sealed class RulesEndToEndTests : IDisposable
{
    private const string Finance = "finance@example.com";
    private const string Owner = "owner@example.com";
    private static readonly string[] AllHolds = ["--all"];
    private static readonly string[] FinanceAudience = ["finance"];
    private static readonly string[] FinanceManagers = ["finance.manager@example.com"];
    private static readonly string[] SalesManagers = ["sales.manager@example.com"];
    private static readonly string[] FinanceTeam = [Finance];
    private readonly TempFolder _temp = new();
    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly LoopbackHttp _http = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _http.Dispose();
        _smtp.Dispose();
        _temp.Dispose();
    }

    [SkippableFact]
    public void Reconcile_GeneratedDataWithExceptions_MailsSalesOwnerAndFinancePostsWebhookAndNeverTwice()
    {
        // Arrange: 40 generated receivables and two overlapping statements full of exceptions.
        var generated = Path.Combine(_temp.Path, "generated");
        Assert.Equal(ExitCodes.Ok, CliRun.Of("generate", "--receivables", "40", "--out", generated, "--seed", "7").ExitCode);
        var config = Config(digest: false);

        // Act
        var first = Reconcile(config, Path.Combine(generated, "receivables.csv"), Path.Combine(generated, "statement-a.csv"), Path.Combine(generated, "statement-b.csv"));

        // Assert: every email alert in the outbox was delivered, one mail each, to the address it names.
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error + first.Output);
        var store = Store();
        var email = store.ListAlerts(null).Where(a => a.Alert.Channel == "email").ToList();
        Assert.NotEmpty(email);
        Assert.All(email, a => Assert.Equal(AlertStatus.Sent, a.Status));
        var mails = _smtp.WaitForMails(email.Count);
        Assert.Equal(email.Count, mails.Count);
        Assert.Equal(
            email.Select(a => a.Alert.Recipient).Order(StringComparer.Ordinal),
            mails.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));

        // Dual channel: each exception line and kind was mailed to its sales owner and to finance.
        var exceptions = email.Where(a => a.Alert.Rule == "exception-alert").ToList();
        Assert.NotEmpty(exceptions);
        var unowned = 0;
        foreach (var perLine in exceptions.GroupBy(a => a.Alert.DedupKey.Split(':')[1] + ":" + a.Alert.DedupKey.Split(':')[2]))
        {
            var finance = Assert.Single(perLine, a => a.Alert.Audience == "finance" && a.Alert.Recipient == Finance);
            if (finance.Alert.CustomerId.Length == 0)
            {
                // A payment tied to no customer has no sales owner: finance gets one mail, saying so, not a second copy.
                unowned++;
                Assert.Single(perLine);
                Assert.Contains("Sent to finance: the customer has no sales owner", finance.Alert.Body, StringComparison.Ordinal);
            }
            else
            {
                var owner = Assert.Single(perLine, a => a.Alert.Audience == "sales-owner");
                Assert.True(owner.Alert.Recipient != Finance && owner.Alert.Recipient.EndsWith("@example.com", StringComparison.Ordinal), owner.Alert.DedupKey);
            }
        }

        Assert.True(unowned > 0, "no exception of a payment tied to no customer");

        var sample = mails.First(m => m.Recipients.Contains(Finance) && m.Text.Contains("Matcher:", StringComparison.Ordinal));
        Assert.Contains("What to do next", sample.Text, StringComparison.Ordinal);
        Assert.Contains("<html", sample.Html, StringComparison.OrdinalIgnoreCase);

        // The webhook took one post per webhook alert, in WeCom's shape.
        var hooks = store.ListAlerts(null).Count(a => a.Alert.Channel == "webhook:wecom");
        Assert.Equal(hooks, _http.Requests.Count);
        Assert.All(_http.Requests, r => Assert.Equal("markdown", (string?)r.Json["msgtype"]));

        // Act again: the same files, the same ledger.
        var second = Reconcile(config, Path.Combine(generated, "receivables.csv"), Path.Combine(generated, "statement-a.csv"), Path.Combine(generated, "statement-b.csv"));

        // Assert: nothing new in the outbox, nothing sent twice.
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        Assert.Contains("outbox: 0 new messages", second.Output, StringComparison.Ordinal);
        Assert.Equal(email.Count, _smtp.WaitForMails(email.Count + 1, TimeSpan.FromSeconds(1)).Count);
        Assert.Equal(hooks, _http.Requests.Count);
    }

    [SkippableFact]
    public void Reconcile_OverdueReceivableThenPaid_HoldOpensThenReleasesWithMailsOnce()
    {
        // Arrange: one receivable long overdue with nothing paid; the first statement has an unrelated payment.
        var receivables = _temp.File("receivables.csv");
        File.WriteAllText(receivables, $"""
            contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner
            KL26-009001,C9001,Lakeside Clinic,10000.00,CNY,2026-01-05,2026-02-04,{Owner}
            KL26-009002,C9002,Hillview Hospital,5000.00,CNY,2026-01-05,2026-02-04,{Owner}
            """);
        var january = _temp.File("january.csv");
        File.WriteAllText(january, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-01-20,5000.00,CNY,Hillview Hospital,6222000000009002,payment KL26-009002,B-0001
            """);
        var march = _temp.File("march.csv");
        File.WriteAllText(march, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-03-02,10000.00,CNY,Lakeside Clinic,6222000000009001,KL26-009001 invoice payment,B-0002
            """);
        var config = Config(digest: true);

        // Act 1: the overdue receivable puts Lakeside on hold.
        var first = Reconcile(config, receivables, january);

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error + first.Output);
        var held = Holds(all: false);
        var hold = Assert.Single(held)!;
        Assert.Equal("C9001", (string?)hold["customerId"]);
        Assert.Equal("KL26-009001", (string?)hold["contractNo"]);
        Assert.Equal(3, (int?)hold["ordersLeft"]);
        Assert.Equal("contract KL26-009001 of 10,000.00 CNY was due on 2026-02-04, is more than 30 days overdue and nothing has been paid", (string?)hold["reason"]);
        var frozen = _smtp.WaitForMails(2);
        Assert.Equal([Finance, Owner], frozen.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));
        Assert.All(frozen, m => Assert.StartsWith("[HIGH] Credit frozen for Lakeside Clinic's next 3 orders", m.Message.Subject ?? "", StringComparison.Ordinal));

        // Act 2: March's statement pays it; the same run's rules release the hold.
        var second = Reconcile(config, receivables, january, march);

        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error + second.Output);
        Assert.Empty(Holds(all: false));
        var released = Assert.Single(Holds(all: true))!;
        var (lineId, row) = Line("B-0002");
        var how = $"contract KL26-009001 is paid (matched) by the payment in march.csv row {row}: 2026-03-02, 10,000.00 CNY from Lakeside Clinic, bank reference B-0002";
        Assert.Equal(how, (string?)released["releaseReason"]);
        Assert.Equal("reconcile", (string?)released["releasedBy"]);
        var all = _smtp.WaitForMails(4);
        Assert.Equal(4, all.Count);
        var releaseMails = all.Where(m => (m.Message.Subject ?? "").Contains("Credit hold released for Lakeside Clinic: " + how, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, releaseMails.Count);
        Assert.All(releaseMails, m => Assert.Contains($"march.csv, row {row}, bank reference B-0002", m.Text, StringComparison.Ordinal));
        Assert.All(releaseMails, m => Assert.Contains("Paid on:", m.Text, StringComparison.Ordinal));
        var releaseAlerts = Store().ListAlerts(null).Where(a => a.Alert.DedupKey.StartsWith("release:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, releaseAlerts.Count);
        Assert.All(releaseAlerts, a => Assert.Equal((lineId, "march.csv", row, "B-0002"), (a.Alert.LineId, a.File, a.Row, a.BankRef)));

        // Act 3: the same again changes nothing and sends nothing.
        var third = Reconcile(config, receivables, january, march);

        Assert.True(third.ExitCode == ExitCodes.Ok, third.Error);
        Assert.Equal(4, _smtp.WaitForMails(5, TimeSpan.FromSeconds(1)).Count);
        Assert.Single(Holds(all: true));
    }

    [SkippableFact]
    public void Reconcile_PaymentInAnotherCurrencyThanItsContract_AlertGivesWhatIsOpenInTheContractsCurrency()
    {
        // Arrange: a CNY receivable; the statement pays 1,300.00 EUR naming it.
        var receivables = _temp.File("receivables.csv");
        File.WriteAllText(receivables, $"""
            contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner
            KL26-009301,C9301,Lakeside Clinic,10000.00,CNY,2026-01-05,2026-02-04,{Owner}
            """);
        var statement = _temp.File("statement.csv");
        File.WriteAllText(statement, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-01-20,1300.00,EUR,Lakeside Clinic,6222000000009301,KL26-009301,B-0301
            """);

        // Act
        var run = Reconcile(Config(digest: false), receivables, statement);

        // Assert: the alerts about the currency mismatch say what is open in CNY, the receivable's currency, and the
        // payment in EUR; not 10,000.00 EUR.
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error + run.Output);
        var mismatch = Store().ListAlerts(null).Where(a => a.Alert.Rule == "exception-alert").ToList();
        Assert.NotEmpty(mismatch);
        Assert.All(mismatch, a =>
        {
            Assert.StartsWith("Payment in another currency than the contract", a.Alert.Body, StringComparison.Ordinal);
            var lines = a.Alert.Body.Split('\n');
            Assert.Equal("Amount:      1,300.00 EUR", lines.Single(l => l.StartsWith("Amount:", StringComparison.Ordinal)));
            Assert.Equal("Still open:  10,000.00 CNY", lines.Single(l => l.StartsWith("Still open:", StringComparison.Ordinal)));
        });
        var mails = _smtp.WaitForMails(2);
        Assert.All(mails, m => Assert.Contains("10,000.00 CNY", m.Message.TextBody, StringComparison.Ordinal));
    }

    // KL26-009101 (10,000.00, due 2026-09-01) is overdue with nothing paid; a.csv pays another contract in full and
    // b.csv pays 8,000.00 of KL26-009101 (a short payment).
    private (string Receivables, string A, string B) OverdueThenShortPaymentFiles()
    {
        var receivables = _temp.File("receivables.csv");
        File.WriteAllText(receivables, $"""
            contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner
            KL26-009101,C9101,Contoso Ltd,10000.00,CNY,2026-08-01,2026-09-01,{Owner}
            KL26-009102,C9102,Fabrikam Ltd,5000.00,CNY,2026-10-01,2026-12-01,{Owner}
            """);
        var a = _temp.File("a.csv");
        File.WriteAllText(a, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-11-10,5000.00,CNY,Fabrikam Ltd,62220001,payment KL26-009102,BA001
            """);
        var b = _temp.File("b.csv");
        File.WriteAllText(b, """
            date,amount,currency,payer_name,payer_account,memo,bank_ref
            2026-11-20,8000.00,CNY,Contoso Ltd,62220002,payment KL26-009101,BB001
            """);
        return (receivables, a, b);
    }

    [SkippableFact]
    public void Reconcile_OverdueHoldThenShortPayment_OneHoldWithTheShortPaymentReasonAsWhenBothFilesComeInOneRun()
    {
        // Arrange: KL26-009101 is overdue with nothing paid; b.csv pays 8,000.00 of its 10,000.00 (a short payment).
        var (receivables, a, b) = OverdueThenShortPaymentFiles();
        var config = Config(digest: false);
        var oneRun = Path.Combine(_temp.Path, "one-run");
        const string ShortReason = "short payment of 8,000.00 CNY on contract KL26-009101, 2,000.00 CNY still open (b.csv row 2)";

        // Act: a.csv then b.csv in two runs, and both in one run into another ledger.
        var first = Reconcile(config, receivables, a);
        var overdueHold = Assert.Single(Holds(all: false))!;
        var second = Reconcile(config, receivables, b);
        var together = ReconcileInto(oneRun, config, receivables, a, b);

        // Assert: one hold in force either way, with the same reason and rule; the overdue hold was revised, not stacked.
        Assert.True(first.ExitCode == ExitCodes.Ok && second.ExitCode == ExitCodes.Ok && together.ExitCode == ExitCodes.Ok, first.Error + second.Error + together.Error);
        var twoRunsHold = Assert.Single(Holds(all: true))!;
        var oneRunHold = Assert.Single(Holds(all: true, oneRun))!;
        Assert.Equal(((long?)overdueHold["holdId"], "in-force"), ((long?)twoRunsHold["holdId"], (string?)twoRunsHold["status"]));
        Assert.Equal((ShortReason, "short-payment-credit-hold", 3), ((string?)twoRunsHold["reason"], (string?)twoRunsHold["rule"], (int?)twoRunsHold["ordersLeft"]));
        Assert.Equal(((string?)twoRunsHold["reason"], (string?)twoRunsHold["rule"], (string?)twoRunsHold["status"]), ((string?)oneRunHold["reason"], (string?)oneRunHold["rule"], (string?)oneRunHold["status"]));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "reconciler.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT action || ' ' || before_state || ' -> ' || after_state FROM audit_log WHERE entity = 'credit_hold' AND action = 'revise'";
        var revised = Assert.IsType<string>(command.ExecuteScalar());
        Assert.Contains("nothing has been paid", revised, StringComparison.Ordinal);
        Assert.Contains(ShortReason, revised, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Reconcile_HoldWhoseCauseWasReleasedByHand_ReleasedWithMailsAndTheDryRunSaysSo()
    {
        // Arrange: KL26-009101 is overdue with nothing paid (hold opened, then released by hand); b.csv pays 8,000.00
        // of its 10,000.00 (a short payment: a new hold), and that payment is then unmatched by a person.
        var (receivables, a, b) = OverdueThenShortPaymentFiles();
        var config = Config(digest: false);
        Assert.Equal(ExitCodes.Ok, Reconcile(config, receivables, a).ExitCode);
        var overdueHold = ((long?)Assert.Single(Holds(all: false))!["holdId"])!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byHand = CliRun.Of("credit-holds", "release", overdueHold, "--by", "anna", "--note", "customer promised to pay", "--data", Data);
        Assert.True(byHand.ExitCode == ExitCodes.Ok, byHand.Error);
        Assert.Equal(ExitCodes.Ok, Reconcile(config, receivables, a, b).ExitCode);
        var shortHold = Assert.Single(Holds(all: false))!;
        var shortHoldId = (long?)shortHold["holdId"];
        Assert.StartsWith("short payment of 8,000.00 CNY", (string?)shortHold["reason"] ?? "", StringComparison.Ordinal);
        long line;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "reconciler.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM statement_line WHERE bank_ref = 'BB001'";
            line = Assert.IsType<long>(command.ExecuteScalar());
        }

        var unmatch = CliRun.Of("review", "unmatch", line.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "li.wei", "--note", "not Contoso's payment", "--data", Data, "--config", config);
        Assert.True(unmatch.ExitCode == ExitCodes.Ok, unmatch.Error);

        // Act: the dry run, then the real run.
        var dryRun = CliRun.Of("rules", "test", "--data", Data, "--config", config);
        var real = Reconcile(config, receivables, a, b);

        // Assert: both release the short-payment hold (its cause is gone, and the overdue cause was released by hand).
        Assert.True(dryRun.ExitCode == ExitCodes.Ok, dryRun.Error);
        Assert.DoesNotContain(" revise ", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"release     credit-hold-in-force  hold {shortHoldId} of C9101: what hold #{shortHoldId} was for no longer applies"), dryRun.Output, StringComparison.Ordinal);
        Assert.True(real.ExitCode == ExitCodes.Ok, real.Error + real.Output);
        Assert.Empty(Holds(all: false));
        var released = Assert.Single(Holds(all: true), h => (long?)h!["holdId"] == shortHoldId)!;
        Assert.Equal("reconcile", (string?)released["releasedBy"]);
        Assert.Contains($"held before by hold #{overdueHold}", (string?)released["releaseReason"] ?? "", StringComparison.Ordinal);
        Assert.Contains("customer promised to pay", (string?)released["releaseReason"] ?? "", StringComparison.Ordinal);
        var releaseAlerts = Store().ListAlerts(null).Where(x => x.Alert.DedupKey.StartsWith($"release:{shortHoldId}:", StringComparison.Ordinal)).ToList();
        Assert.Equal([AlertStatus.Sent, AlertStatus.Sent], releaseAlerts.Where(x => x.Alert.Channel == "email").Select(x => x.Status));
        var emails = Store().ListAlerts(null).Count(x => x.Alert.Channel == "email");
        var told = _smtp.WaitForMails(emails).Where(m => (m.Message.Subject ?? "").Contains($"Credit hold released for Contoso Ltd: what hold #{shortHoldId} was for", StringComparison.Ordinal)).ToList();
        Assert.Equal([Finance, Owner], told.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));
    }

    private LedgerStore Store() => new(StoreLocation.DataFolder(Data));

    /// <summary>The ledger id and row of the statement line with bank reference <paramref name="bankRef"/>.</summary>
    private (long Id, int Row) Line(string bankRef)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "reconciler.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, row_number FROM statement_line WHERE bank_ref = $ref";
        command.Parameters.AddWithValue("$ref", bankRef);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), bankRef);
        return (reader.GetInt64(0), reader.GetInt32(1));
    }

    private string Data => Path.Combine(_temp.Path, "data");

    private CliRun Reconcile(string config, string receivables, params string[] statements) =>
        ReconcileInto(Data, config, receivables, statements);

    private CliRun ReconcileInto(string data, string config, string receivables, params string[] statements) =>
        CliRun.Of([
            "reconcile", "--receivables", receivables, .. statements.SelectMany(s => new[] { "--statement", s }),
            "--out", _temp.File("results.csv"), "--data", data, "--config", config, "--quiet",
        ]);

    private JsonArray Holds(bool all, string? data = null)
    {
        var run = CliRun.Of(["credit-holds", "list", "--data", data ?? Data, "--json", .. all ? AllHolds : []]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        return JsonNode.Parse(run.Output)!["holds"]!.AsArray();
    }

    private string Config(bool digest)
    {
        var path = _temp.File("reconciler.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Alerts = new
            {
                Finance = FinanceTeam,
                FinanceManager = FinanceManagers,
                SalesManager = SalesManagers,
                Digest = digest,
                Smtp = new { Host = "127.0.0.1", _smtp.Port, Security = "none", From = "reconciler@example.com" },
                Webhooks = new[] { new { Name = "wecom", Url = _http.Url + "wecom", Format = "wecom", Audiences = FinanceAudience } },
            },
        }));
        return path;
    }
}
