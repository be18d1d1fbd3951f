using Reconciler.Rules;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Reconciliation;

/// <summary>What a run needs for its rules and alerts: the compiled rule set, the alert settings, and where the file channel writes by default.</summary>
/// <param name="Engine">The compiled rule set (one per process).</param>
/// <param name="Alerts">The <c>Alerts</c> settings.</param>
/// <param name="DefaultFolder">The file channel's folder when <c>Alerts:Folder</c> is not set.</param>
internal sealed record RulesSetup(RuleEngine Engine, AlertsOptions Alerts, string DefaultFolder);
