using Reconciler.Storage;

namespace Reconciler.Worker.Serve;

/// <summary>
/// The worker's ledger: migrated on first use in this process (not at start, so a worker whose database is down
/// still starts, reports it in <c>/health</c>, and its jobs fail and are retried until the database is back).
/// </summary>
internal sealed class LedgerAccess(WorkerSetup setup)
{
    private readonly Lock _gate = new();
    private readonly LedgerStore _store = new(setup.Ledger, setup.Clock);
    private bool _migrated;

    /// <summary>The ledger, its schema brought up to date; throws (for the job to be retried) when the database cannot be reached.</summary>
    public LedgerStore Store()
    {
        lock (_gate)
        {
            if (!_migrated)
            {
                _store.Migrate();
                _migrated = true;
            }
        }

        return _store;
    }

    /// <summary>The ledger without migrating it, for the health check.</summary>
    public LedgerStore Unmigrated => _store;
}
