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
            var store = ledger.Store(parsed, readOnly: true);
            var plan = RulesRun.Plan(store, engine, alerts, TimeProvider.System);
            var known = Known.Of(store, plan);
            if (parsed.GetValue(json))
            {
                WriteJson(output, plan, known);
            }
            else
            {
                WriteText(output, plan, known);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, RulesPlan plan, Known known)
    {
        var inv = CultureInfo.InvariantCulture;
        var d = plan.Decisions;
        output.WriteLine(string.Create(inv, $"dry run for {plan.Today:yyyy-MM-dd}, rule set {d.RuleSetVersion}: nothing is saved or sent"));
        output.WriteLine(string.Create(inv, $"facts: {plan.Facts.Exceptions.Count:N0} open exceptions, {plan.Facts.Overdue.Count:N0} overdue receivables, {plan.Facts.Cycles.Count:N0} payment cycles, {plan.Facts.Holds.Count:N0} holds in force"));
        output.WriteLine(string.Create(inv, $"would decide: {d.Alerts.Count:N0} alerts, {d.Escalations.Count:N0} escalations, {d.Flags.Count:N0} flags, {d.Holds.Count:N0} credit holds, {d.Releases.Count:N0} releases ({plan.Composition.Alerts.Count:N0} messages)"));
        output.WriteLine(string.Create(inv, $"new (not decided before): {d.Alerts.Count(a => known.IsNew(a.Key)):N0} alerts, {d.Escalations.Count(e => known.IsNew(e.Key)):N0} escalations, {d.Flags.Count(f => known.IsNew(f.Key)):N0} flags, {d.Holds.Count(h => known.IsNewHold(h.Key)):N0} credit holds, {d.Releases.Count:N0} releases ({known.NewMessages:N0} messages); the rest were decided and sent before and would not be again"));
        foreach (var e in d.Escalations)
        {
            output.WriteLine($"{Mark(known.IsNew(e.Key))} escalation  {e.Rule}  {e.Severity.ToName()}  {e.Reason}");
        }

        foreach (var h in d.Holds)
        {
            output.WriteLine(string.Create(inv, $"{Mark(known.IsNewHold(h.Key))} credit hold {h.Rule}  {h.Concern.CustomerId} ({h.Concern.CustomerName}), next {h.Orders} orders: {h.Reason}  [{h.Key}]"));
        }

        foreach (var r in d.Releases)
        {
            output.WriteLine(string.Create(inv, $"{Mark(true)} release     {r.Rule}  hold {r.HoldId} of {r.Concern.CustomerId}: {r.Reason}"));
        }

        foreach (var r in d.Revisions)
        {
            output.WriteLine(string.Create(inv, $"{Mark(true)} revise      {r.Rule}  hold {r.HoldId} of {r.Concern.CustomerId}: {r.Reason}  [{r.Key}; was: {r.PreviousReason}]"));
        }

        foreach (var f in d.Flags)
        {
            output.WriteLine($"{Mark(known.IsNew(f.Key))} flag        {f.Rule}  {f.Reason}");
        }

        foreach (var a in d.Alerts)
        {
            var to = a.Audience == Audience.Named ? a.Address : a.Audience.ToName();
            output.WriteLine($"{Mark(known.IsNew(a.Key))} alert       {a.Rule}  {a.Severity.ToName()}  to {to}: {a.Headline}  [{a.Key}]");
        }

        foreach (var note in plan.Composition.Notes)
        {
            output.WriteLine("note: " + note);
        }
    }

    private static string Mark(bool isNew) => isNew ? "new  " : "known";

    private static void WriteJson(TextWriter output, RulesPlan plan, Known known)
    {
        var d = plan.Decisions;
        var document = new
        {
            dryRun = true,
            today = plan.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ruleSetVersion = d.RuleSetVersion,
            facts = new { exceptions = plan.Facts.Exceptions.Count, overdue = plan.Facts.Overdue.Count, cycles = plan.Facts.Cycles.Count, holds = plan.Facts.Holds.Count },
            newMessages = known.NewMessages,
            alerts = d.Alerts.Select(a => new { a.Rule, a.Key, isNew = known.IsNew(a.Key), audience = a.Audience.ToName(), a.Address, severity = a.Severity.ToName(), a.Headline, a.NextStep, a.Immediate, a.Concern.LineId, a.Concern.ReceivableId, a.Concern.CustomerId, a.Concern.ContractNo }),
            escalations = d.Escalations.Select(e => new { e.Rule, e.Key, isNew = known.IsNew(e.Key), severity = e.Severity.ToName(), e.Reason, e.NextStep, e.Concern.LineId, e.Concern.CustomerId, e.Concern.ContractNo }),
            flags = d.Flags.Select(f => new { f.Rule, f.Key, isNew = known.IsNew(f.Key), severity = f.Severity.ToName(), f.Reason, f.Concern.CustomerId }),
            holds = d.Holds.Select(h => new { h.Rule, h.Key, isNew = known.IsNewHold(h.Key), h.Reason, h.Orders, h.Concern.CustomerId, h.Concern.ReceivableId, h.Concern.ContractNo }),
            releases = d.Releases.Select(r => new { r.Rule, r.HoldId, r.Reason, r.Concern.CustomerId, r.Concern.ContractNo }),
            revisions = d.Revisions.Select(r => new { r.Rule, r.HoldId, r.Key, r.Reason, r.PreviousKey, r.PreviousReason, r.Concern.CustomerId, r.Concern.ContractNo }),
            messages = plan.Composition.Alerts.Select(m => new { m.DedupKey, isNew = !known.Messages.Contains(m.DedupKey), m.Channel, m.Recipient, m.Subject }),
            notes = plan.Composition.Notes,
        };
        output.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
    }

    /// <summary>Which of a plan's messages and holds the ledger already holds, and so which decisions are new.</summary>
    private sealed class Known
    {
        private readonly HashSet<string> _newDecisions = new(StringComparer.Ordinal);

        private Known(RulesPlan plan, IReadOnlySet<string> messages, IReadOnlySet<string> holds)
        {
            Messages = messages;
            Holds = holds;
            foreach (var message in plan.Composition.Alerts.Where(m => !messages.Contains(m.DedupKey)))
            {
                _newDecisions.Add(Alerts.AlertComposer.DecisionKey(message.DedupKey));
                NewMessages++;
            }
        }

        public IReadOnlySet<string> Messages { get; }

        public IReadOnlySet<string> Holds { get; }

        public int NewMessages { get; }

        public static Known Of(Storage.LedgerStore store, RulesPlan plan)
        {
            var (messages, holds) = store.KnownDecisionKeys(
                [.. plan.Composition.Alerts.Select(m => m.DedupKey)],
                [.. plan.Decisions.Holds.Select(h => h.Key)]);
            return new Known(plan, messages, holds);
        }

        /// <summary>Whether an alert, escalation or flag would put a message in the outbox that is not there yet.</summary>
        public bool IsNew(string decisionKey) => _newDecisions.Contains(decisionKey);

        public bool IsNewHold(string key) => !Holds.Contains(key);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };
}
