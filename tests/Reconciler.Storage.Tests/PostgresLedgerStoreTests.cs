using System.Globalization;
using Dapper;

namespace Reconciler.Storage.Tests;

/// <summary>
/// The store suite on PostgreSQL: a database per test on the server of <c>RECONCILER_TEST_POSTGRES</c> (skipped
/// without it, failed without it under <c>CI=true</c>; <c>scripts/test.sh</c> starts a private cluster), and what
/// only PostgreSQL does: claimers pass over the rows another one holds locked.
/// </summary>
public sealed class PostgresLedgerStoreTests() : LedgerStoreTests(StorageProvider.Postgres)
{
    [SkippableFact]
    public void ClaimDueAlerts_AnotherClaimHoldsTheFirstDueAlertsLocked_ClaimsTheNextOnes()
    {
        // Arrange: another claimer's statement holds the ten oldest due alerts locked, its transaction not yet committed.
        var store = MigratedStore();
        store.SaveDecisions([.. Enumerable.Range(0, 40).Select(i => NewAlert(string.Create(CultureInfo.InvariantCulture, $"lock:{i:D2}")))], [], [], RuleSet, "rules");
        using var other = Database.Open();
        using var transaction = other.BeginTransaction();
        Assert.Equal(10, other.Query<long>("SELECT id FROM alert_outbox ORDER BY id LIMIT 10 FOR UPDATE", transaction: transaction).Count());

        // Act
        var claim = store.ClaimDueAlerts(10, Lease);

        // Assert: the next ten, not none (which a claim that looked only at the ten oldest found, five times over).
        Assert.Equal(Enumerable.Range(10, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"lock:{i:D2}")), claim.Alerts.Select(a => a.Alert.DedupKey));
    }
}
