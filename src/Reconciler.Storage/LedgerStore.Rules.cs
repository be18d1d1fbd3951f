using Reconciler.Rules;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Reads the facts of a rules run, in one transaction: unresolved exceptions (with line, customer, receivable and
    /// the matcher's explanation), open receivables past due as of <paramref name="today"/>, each customer's last
    /// <paramref name="cycleReceivables"/> paid receivables (customers with at least two), and holds in force.
    /// </summary>
    public RuleFacts LoadRuleFacts(DateOnly today, int cycleReceivables) =>
        throw new NotImplementedException("storage helper");

    /// <summary>
    /// Saves a rules session's decisions in one transaction: credit holds (a known key is not opened again),
    /// releases (of holds still open), and alerts (a known dedup key is not added again), stamped with
    /// <paramref name="ruleSetVersion"/> and audited.
    /// </summary>
    public DecisionsSaved SaveDecisions(
        IReadOnlyList<NewAlert> alerts,
        IReadOnlyList<CreditHold> holds,
        IReadOnlyList<CreditRelease> releases,
        string ruleSetVersion,
        string actor) =>
        throw new NotImplementedException("storage helper");
}
