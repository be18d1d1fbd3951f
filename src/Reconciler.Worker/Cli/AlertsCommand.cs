using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler alerts</c>: <c>list</c> shows the outbox; <c>send</c> sends what is due (retries included); <c>retry</c>
/// puts failed alerts back, once their channel works again.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("alerts", "The alert outbox: what was decided, for whom, on which channel, and whether it was sent.");
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Send(output, error));
        command.Subcommands.Add(Retry(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var status = new Option<string?>("--status") { Description = "Only alerts with this status." };
        status.AcceptOnlyFromAmong(AlertStatus.Pending, AlertStatus.Sending, AlertStatus.Sent, AlertStatus.Failed);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every alert." };
        var ledger = new LedgerCommandOptions();
        var command = new Command("list", "Show the outbox, newest first: kind, severity, recipient, channel, status, the line (file, row, bank reference) and contract, and the deduplication key.") { status, json };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var alerts = ledger.Store(parsed, readOnly: true).ListAlerts(parsed.GetValue(status));
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { status = parsed.GetValue(status), alerts = alerts.Select(Json) }, JsonOptions));
                return ExitCodes.Ok;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{alerts.Count:N0} alert(s){(parsed.GetValue(status) is { } s ? " " + s : "")}"));
            foreach (var a in alerts)
            {
                var line = a.File.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $"{a.File} row {a.Row}{(a.BankRef.Length > 0 ? " ref " + a.BankRef : "")}") : "-";
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"#{a.Id} {a.Status} ({a.Attempts} failed attempt(s)) {a.Alert.Kind} {a.Alert.Severity} to {a.Alert.Recipient} via {a.Alert.Channel} [{a.Alert.Audience}]"));
                output.WriteLine($"    {a.Alert.Subject}");
                output.WriteLine($"    line: {line}; contract: {(a.Alert.ContractNo.Length > 0 ? a.Alert.ContractNo : "-")}; customer: {(a.Alert.CustomerId.Length > 0 ? a.Alert.CustomerId : "-")}; key: {a.Alert.DedupKey}");
                if (a.LastError is { } problem)
                {
                    output.WriteLine($"    last error: {problem}{(a.NextAttemptAt is { } next && a.Status == AlertStatus.Pending ? $" (next attempt {next})" : "")}");
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Send(TextWriter output, TextWriter error)
    {
        var ledger = new LedgerCommandOptions();
        var command = new Command("send", "Send the alerts that are due (new ones, and retries whose time has come) over the configured channels.");
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var options = ReconcilerConfiguration.Alerts(ledger.Configuration(parsed));
            var store = ledger.Store(parsed);
            // No client timeout: each post has its webhook's own (Alerts:Webhooks:N:Timeout, up to 10 minutes).
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var channels = AlertChannels.Create(options, DefaultFolder(parsed.GetValue(ledger.Data)?.FullName), http);
            var result = AlertDispatcher.DispatchAsync(store, channels, options, CancellationToken.None).GetAwaiter().GetResult();
            output.WriteLine(result.Summary());
            return result.FailedNow > 0 ? ExitCodes.OutputFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Retry(TextWriter output, TextWriter error)
    {
        var ids = new Argument<long[]>("ID") { Description = "The failed alerts to send again (their # in `alerts list`).", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all-failed") { Description = "Every failed alert." };
        var ledger = new LedgerCommandOptions(changes: true);
        var command = new Command("retry", "Put failed alerts back in the outbox, due at once with their attempts from zero (after their channel was down); `alerts send` or the worker sends them.") { ids, all };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var chosen = parsed.GetValue(ids) ?? [];
            var every = parsed.GetValue(all);
            if (chosen.Length == 0 == !every)
            {
                error.WriteLine("error: name the failed alerts to send again (their # in `alerts list --status failed`), or give --all-failed");
                return ExitCodes.Usage;
            }

            var back = ledger.Store(parsed).RetryFailedAlerts(every ? null : chosen, parsed.GetValue(ledger.By)!.Trim(), parsed.GetValue(ledger.Note)?.Trim());
            var missed = chosen.Except(back).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{back.Count:N0} failed alert(s) put back, due now: {(back.Count == 0 ? "none" : string.Join(", ", back.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture))))}"));
            if (missed.Count > 0)
            {
                error.WriteLine($"not failed (or not in the outbox), left as they are: {string.Join(", ", missed.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)))}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Where the file channel writes when <c>Alerts:Folder</c> is not set: <c>alerts/</c> in the data folder, else in the working folder.</summary>
    public static string DefaultFolder(string? dataFolder) => Path.Combine(dataFolder ?? Directory.GetCurrentDirectory(), "alerts");

    private static object Json(OutboxAlert a) => new
    {
        a.Id,
        a.Alert.Kind,
        a.Alert.Rule,
        a.Alert.Severity,
        a.Alert.Audience,
        a.Alert.Recipient,
        a.Alert.Channel,
        a.Status,
        a.Attempts,
        a.NextAttemptAt,
        a.LastError,
        a.Alert.Subject,
        line = a.Alert.LineId is null ? null : new { id = a.Alert.LineId, file = a.File, row = a.Row, bankRef = a.BankRef },
        a.Alert.ReceivableId,
        a.Alert.ContractNo,
        a.Alert.CustomerId,
        dedupKey = a.Alert.DedupKey,
        a.RuleSetVersion,
        a.CreatedAt,
        a.SentAt,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };
}
