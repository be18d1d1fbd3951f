using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Reconciler.Rules;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Rules;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler rules</c>: <c>list</c> shows the active rules with their thresholds; <c>test --data DIR</c> shows
/// what they would decide on the ledger's facts today, without saving or sending anything (a dry run).
/// </summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("rules", "The rules that escalate, freeze credit and alert: list them, or try them on the ledger without sending anything.");
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Test(output, error));
        return command;
    }

    /// <summary>The rule engine the configuration describes (one per process: compiling is the expensive part).</summary>
    public static RuleEngine Engine(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleEngine(options.ToSettings(), options.ToRules());
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file (JSON); default ./reconciler.json when present." };
        var command = new Command("list", "Show the active rules, built-in and declared in configuration, with their thresholds, and the rule-set version.") { config };
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var configuration = ReconcilerConfiguration.Load(parsed.GetValue(config)?.FullName);
            var engine = Engine(ReconcilerConfiguration.Rules(configuration));
            output.WriteLine($"rule set {engine.Version}");
            var width = engine.Rules.Max(r => r.Name.Length);
            foreach (var rule in engine.Rules)
            {
                output.WriteLine($"  {rule.Name.PadRight(width)}  {rule.Source,-13}  {rule.Description}");
            }

            var groups = engine.Thresholds.CustomerGroups.GroupBy(g => g.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            foreach (var group in groups)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"customer group {group.Key}: {group.Count()} customers"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Test(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the facts counted and every decision." };
        var ledger = new LedgerCommandOptions();
        var command = new Command("test", "Dry run: what the rules would decide on the ledger's open exceptions, overdue receivables, payment cycles and holds today. Nothing is saved or sent.") { json };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var configuration = ledger.Configuration(parsed);
            var engine = Engine(ReconcilerConfiguration.Rules(configuration));
            var alerts = ReconcilerConfiguration.Alerts(configuration);
            var store = ledger.Store(parsed);
            var plan = RulesRun.Plan(store, engine, alerts, TimeProvider.System);
            if (parsed.GetValue(json))
            {
                WriteJson(output, plan);
            }
            else
            {
                WriteText(output, plan);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, RulesPlan plan)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = plan.Decisions;
        output.WriteLine(string.Create(inv, $"dry run for {plan.Today:yyyy-MM-dd}, rule set {d.RuleSetVersion}: nothing is saved or sent"));
        output.WriteLine(string.Create(inv, $"facts: {plan.Facts.Exceptions.Count:N0} open exceptions, {plan.Facts.Overdue.Count:N0} overdue receivables, {plan.Facts.Cycles.Count:N0} payment cycles, {plan.Facts.Holds.Count:N0} holds in force"));
        output.WriteLine(string.Create(inv, $"would decide: {d.Alerts.Count:N0} alerts, {d.Escalations.Count:N0} escalations, {d.Flags.Count:N0} flags, {d.Holds.Count:N0} credit holds, {d.Releases.Count:N0} releases ({plan.Composition.Alerts.Count:N0} messages)"));
        foreach (var e in d.Escalations)
        {
            output.WriteLine($"escalation  {e.Rule}  {e.Severity.ToString().ToLowerInvariant()}  {e.Reason}");
        }

        foreach (var h in d.Holds)
        {
            output.WriteLine(string.Create(inv, $"credit hold {h.Rule}  {h.Concern.CustomerId} ({h.Concern.CustomerName}), next {h.Orders} orders: {h.Reason}  [{h.Key}]"));
        }

        foreach (var r in d.Releases)
        {
            output.WriteLine(string.Create(inv, $"release     {r.Rule}  hold {r.HoldId} of {r.Concern.CustomerId}: {r.Reason}"));
        }

        foreach (var f in d.Flags)
        {
            output.WriteLine($"flag        {f.Rule}  {f.Reason}");
        }

        foreach (var a in d.Alerts)
        {
            var to = a.Audience == Audience.Named ? a.Address : a.Audience.ToName();
            output.WriteLine($"alert       {a.Rule}  {a.Severity.ToString().ToLowerInvariant()}  to {to}: {a.Headline}  [{a.Key}]");
        }

        foreach (var note in plan.Composition.Notes)
        {
            output.WriteLine("note: " + note);
        }
    }

    private static void WriteJson(TextWriter output, RulesPlan plan)
    {
        var d = plan.Decisions;
        var document = new
        {
            dryRun = true,
            today = plan.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ruleSetVersion = d.RuleSetVersion,
            facts = new { exceptions = plan.Facts.Exceptions.Count, overdue = plan.Facts.Overdue.Count, cycles = plan.Facts.Cycles.Count, holds = plan.Facts.Holds.Count },
            alerts = d.Alerts.Select(a => new { a.Rule, a.Key, audience = a.Audience.ToName(), a.Address, severity = a.Severity.ToString().ToLowerInvariant(), a.Headline, a.NextStep, a.Immediate, a.Concern.LineId, a.Concern.ReceivableId, a.Concern.CustomerId, a.Concern.ContractNo }),
            escalations = d.Escalations.Select(e => new { e.Rule, e.Key, severity = e.Severity.ToString().ToLowerInvariant(), e.Reason, e.NextStep, e.Concern.LineId, e.Concern.CustomerId, e.Concern.ContractNo }),
            flags = d.Flags.Select(f => new { f.Rule, f.Key, severity = f.Severity.ToString().ToLowerInvariant(), f.Reason, f.Concern.CustomerId }),
            holds = d.Holds.Select(h => new { h.Rule, h.Key, h.Reason, h.Orders, h.Concern.CustomerId, h.Concern.ReceivableId, h.Concern.ContractNo }),
            releases = d.Releases.Select(r => new { r.Rule, r.HoldId, r.Reason, r.Concern.CustomerId, r.Concern.ContractNo }),
            messages = plan.Composition.Alerts.Select(m => new { m.DedupKey, m.Channel, m.Recipient, m.Subject }),
            notes = plan.Composition.Notes,
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };
}
