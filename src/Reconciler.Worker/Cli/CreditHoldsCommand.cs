using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Reconciler.Files;
using Reconciler.Storage;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler credit-holds</c>: <c>list</c> the holds (in force, or all), <c>release</c> one by hand (audited;
/// releasing one released already changes nothing and exits 0), <c>export</c> them as CSV or to a webhook so the ERP
/// can block the customer's next orders.
/// </summary>
internal static class CreditHoldsCommand
{
    /// <summary>The export's columns, in order (documented in the README).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "hold_id", "status", "customer_id", "customer_name", "contract_no", "receivable_id", "reason", "orders", "orders_left",
        "rule", "rule_set_version", "opened_at", "opened_by", "released_at", "released_by", "release_reason",
    ];

    private static readonly HashSet<string> DataColumns = ["hold_id", "receivable_id", "orders", "orders_left", "opened_at", "released_at"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("credit-holds", "Credit holds the rules opened: list, release by hand, export for the ERP.");
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Release(output, error));
        command.Subcommands.Add(Export(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var all = new Option<bool>("--all") { Description = "Released holds too." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the holds." };
        var ledger = new LedgerCommandOptions();
        var command = new Command("list", "Show the credit holds in force (all with --all), newest first: customer, reason, receivable, orders remaining, opened and released.") { all, json };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var holds = ledger.Store(parsed, readOnly: true).ListCreditHolds(parsed.GetValue(all));
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { holds = holds.Select(Json) }, JsonOptions));
                return ExitCodes.Ok;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{holds.Count:N0} credit hold(s){(parsed.GetValue(all) ? "" : " in force")}"));
            foreach (var h in holds)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"#{h.Id} {Status(h)} {h.CustomerId} ({h.CustomerName}), {h.OrdersLeft} of {h.Orders} orders held; receivable {(h.ContractNo.Length > 0 ? h.ContractNo : "-")}{(h.ReceivableId is { } r ? $" (#{r})" : "")}"));
                output.WriteLine($"    reason: {h.Reason}");
                output.WriteLine($"    opened {h.OpenedAt} by {h.OpenedBy} (rule {h.Rule}, {h.RuleSetVersion})");
                if (h.ReleasedAt is { } released)
                {
                    output.WriteLine($"    released {released} by {h.ReleasedBy}: {h.ReleaseReason}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Release(TextWriter output, TextWriter error)
    {
        var id = new Argument<long>("ID") { Description = "The hold's id, as credit-holds list shows it." };
        var ledger = new LedgerCommandOptions(changes: true);
        ledger.Note.Required = true;
        var command = new Command("release", "Release a credit hold by hand (for example after the customer paid by other means); audited with --by and --note.") { id };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var by = parsed.GetValue(ledger.By)?.Trim();
            var note = parsed.GetValue(ledger.Note)?.Trim();
            if (string.IsNullOrEmpty(by) || string.IsNullOrEmpty(note))
            {
                error.WriteLine("error: --by needs who releases it and --note why");
                return ExitCodes.Usage;
            }

            // Releasing a hold released already is a repeat, not a mistake: it says so and exits 0, as review does.
            output.WriteLine(ledger.Store(parsed).ReleaseCreditHold(parsed.GetValue(id), by, note).Message);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var to = new Option<FileInfo?>("--out") { Description = "Write the holds as CSV to this file." };
        var webhook = new Option<string?>("--webhook") { Description = "POST the holds as JSON to this http(s) address (the ERP's endpoint)." };
        var all = new Option<bool>("--all") { Description = "Released holds too (the ERP can then lift its blocks)." };
        var ledger = new LedgerCommandOptions();
        var command = new Command("export", "Export the credit holds in force (all with --all) for the ERP: CSV with --out, JSON to a webhook with --webhook, or both.") { to, webhook, all };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var file = parsed.GetValue(to);
            var address = parsed.GetValue(webhook);
            if (file is null && address is null)
            {
                error.WriteLine("error: say where to: --out FILE.csv, --webhook URL, or both");
                return ExitCodes.Usage;
            }

            if (file is not null && LedgerCommand.CsvOutProblem(file) is { } problem)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.Usage;
            }

            Uri? url = null;
            if (address is not null && (!Uri.TryCreate(address, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                // Not echoed whole: an ERP address may carry a key.
                error.WriteLine($"error: --webhook must be an absolute http or https address; it is {(url is null ? "not an absolute address" : $"a {url.Scheme}: address")}");
                return ExitCodes.Usage;
            }

            var holds = ledger.Store(parsed, readOnly: true).ListCreditHolds(parsed.GetValue(all));
            if (file is not null)
            {
                WriteCsv(file.FullName, holds);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{holds.Count:N0} credit hold(s) written to {file.FullName}"));
            }

            if (url is not null)
            {
                var status = Post(url, holds);
                if (status is not null)
                {
                    error.WriteLine($"error: {Alerts.WebhookChannel.Origin(url)} refused the holds: {status}");
                    return ExitCodes.OutputFailed;
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{holds.Count:N0} credit hold(s) posted to {Alerts.WebhookChannel.Origin(url)}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Writes the holds as CSV, through a temporary file renamed into place, so a reader never sees half a file.</summary>
    internal static void WriteCsv(string path, IReadOnlyList<StoredCreditHold> holds) =>
        Reconciliation.ReconcileJob.WriteAtomically(path, stream => TableCsvWriter.Write(stream, Columns, holds.Select(Row), DataColumns));

    private static string?[] Row(StoredCreditHold h) =>
    [
        h.Id.ToString(CultureInfo.InvariantCulture), Status(h), h.CustomerId, h.CustomerName, h.ContractNo,
        h.ReceivableId?.ToString(CultureInfo.InvariantCulture), h.Reason, h.Orders.ToString(CultureInfo.InvariantCulture),
        h.OrdersLeft.ToString(CultureInfo.InvariantCulture), h.Rule, h.RuleSetVersion, h.OpenedAt, h.OpenedBy, h.ReleasedAt,
        h.ReleasedBy, h.ReleaseReason,
    ];

    /// <summary>Posts the holds; null when the endpoint took them, else what it said.</summary>
    private static string? Post(Uri url, IReadOnlyList<StoredCreditHold> holds)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = http.PostAsJsonAsync(url, new { kind = "credit-holds", holds = holds.Select(Json) }, JsonOptions).GetAwaiter().GetResult();
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + (body.Length > 200 ? body[..200] + "…" : body) : "")}");
    }

    private static string Status(StoredCreditHold h) => h.ReleasedAt is null ? "in-force" : "released";

    private static object Json(StoredCreditHold h) => new
    {
        holdId = h.Id,
        status = Status(h),
        h.CustomerId,
        h.CustomerName,
        h.ContractNo,
        h.ReceivableId,
        h.Reason,
        h.Orders,
        h.OrdersLeft,
        h.Rule,
        h.RuleSetVersion,
        h.OpenedAt,
        h.OpenedBy,
        h.ReleasedAt,
        h.ReleasedBy,
        h.ReleaseReason,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };
}
