using System.Globalization;
using Reconciler.Rules;
using Reconciler.Storage;
using Reconciler.Worker.Alerts;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Rules;

/// <summary>
/// One rules run over a ledger: the facts are read, the rules decide (in sessions dealt by receivable), the decisions
/// new to the outbox are composed into alerts and saved with the credit holds and releases in one transaction
/// (persisted before anything is sent), then the outbox is dispatched. A dry run stops after composing every
/// decision: nothing is saved or sent.
/// </summary>
internal static class RulesRun
{
    /// <summary>Decides on the ledger's facts as of the clock's local day; saves nothing.</summary>
    public static RulesPlan Plan(LedgerStore store, RuleEngine engine, AlertsOptions alerts, TimeProvider clock) =>
        Plan(store, engine, alerts, clock, leaveOutKnown: false);

    /// <summary>
    /// As <see cref="Plan(LedgerStore, RuleEngine, AlertsOptions, TimeProvider)"/>; with <paramref name="leaveOutKnown"/>,
    /// the alerts the outbox holds already are left out of the composition unrendered (counted in <see cref="Composition.Known"/>).
    /// </summary>
    private static RulesPlan Plan(LedgerStore store, RuleEngine engine, AlertsOptions alerts, TimeProvider clock, bool leaveOutKnown)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var facts = store.LoadRuleFacts(today, engine.Thresholds.CycleReceivables);
        var decisions = engine.Decide(facts, today, clock.GetUtcNow());
        var composition = AlertComposer.Compose(decisions, alerts, leaveOutKnown ? keys => store.KnownDecisionKeys(keys, []).Alerts : null);
        return new RulesPlan(today, facts, decisions, composition);
    }

    /// <summary>
    /// Plans, saves the decisions, moves the rules bookmark past the match run that was awaiting them (as the worker
    /// does: only once the decisions are saved, so the worker does not decide after that run again), and sends what
    /// is due in the outbox.
    /// </summary>
    public static async Task<RulesOutcome> RunAsync(
        LedgerStore store,
        RuleEngine engine,
        AlertsOptions alerts,
        IReadOnlyDictionary<string, IAlertChannel> channels,
        string actor,
        TimeProvider clock,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var awaiting = store.RunAwaitingRules();
        var decided = Decide(store, engine, alerts, actor, clock);
        if (awaiting is { } runId)
        {
            store.RulesDecidedAfter(runId);
        }

        var sending = clock.GetTimestamp();
        var dispatched = await AlertDispatcher.DispatchAsync(store, channels, alerts, ct).ConfigureAwait(false);
        return decided with
        {
            Dispatched = dispatched,
            Timings = (decided.Timings.Decide, decided.Timings.Save, clock.GetElapsedTime(sending)),
        };
    }

    /// <summary>
    /// Ends the exceptions whose receivables are settled, plans, and saves the decisions (alerts into the outbox,
    /// holds and releases); sends nothing (<see cref="RulesOutcome.Dispatched"/> is empty).
    /// </summary>
    public static RulesOutcome Decide(LedgerStore store, RuleEngine engine, AlertsOptions alerts, string actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        var resolved = store.ResolveSettledExceptions(actor);
        // Only the alerts new to the outbox are rendered and saved; those it holds already count as decided before.
        var plan = Plan(store, engine, alerts, clock, leaveOutKnown: true);
        var planned = clock.GetTimestamp();
        var saved = store.SaveDecisions(plan.Composition.Alerts, plan.Decisions.Holds, plan.Decisions.Releases, plan.Decisions.Revisions, plan.Decisions.RuleSetVersion, actor);
        saved = saved with { AlertsKnown = saved.AlertsKnown + plan.Composition.Known };
        return new RulesOutcome(plan, saved, DispatchResult.Empty)
        {
            Resolved = resolved,
            Timings = (clock.GetElapsedTime(started, planned), clock.GetElapsedTime(planned), TimeSpan.Zero),
        };
    }

    /// <summary>The lines a run reports: what was decided, what was new, what was sent.</summary>
    public static IEnumerable<string> Describe(RulesOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var inv = CultureInfo.InvariantCulture;
        var p = outcome.Plan;
        var s = outcome.Saved;
        if (outcome.Resolved > 0)
        {
            yield return string.Create(inv, $"exceptions resolved: {outcome.Resolved:N0} short or part payments whose receivables are now settled");
        }

        yield return string.Create(inv, $"rules ({p.Decisions.RuleSetVersion}): {p.Facts.Exceptions.Count:N0} open exceptions, {p.Facts.Overdue.Count:N0} overdue receivables, {p.Facts.Cycles.Count:N0} payment cycles, {p.Facts.Holds.Count:N0} holds in force");
        yield return string.Create(inv, $"decided: {p.Decisions.Alerts.Count:N0} alerts, {p.Decisions.Escalations.Count:N0} escalations, {p.Decisions.Flags.Count:N0} flags, {p.Decisions.Holds.Count:N0} credit holds, {p.Decisions.Releases.Count:N0} releases, {p.Decisions.Revisions.Count:N0} holds kept with a new reason");
        yield return string.Create(inv, $"outbox: {s.AlertsAdded:N0} new messages ({s.AlertsKnown:N0} decided before, not repeated); credit holds: {s.HoldsOpened:N0} opened, {s.HoldsReleased:N0} released, {s.HoldsRevised:N0} kept with a new reason ({s.HoldsKnown:N0} known before)");
        yield return outcome.Dispatched.Summary();
        yield return string.Create(inv, $"rules time: facts and decisions {outcome.Timings.Decide.TotalSeconds:0.00} s, saving {outcome.Timings.Save.TotalSeconds:0.00} s, sending {outcome.Timings.Send.TotalSeconds:0.00} s");
        foreach (var note in p.Composition.Notes)
        {
            yield return "note: " + note;
        }
    }
}
