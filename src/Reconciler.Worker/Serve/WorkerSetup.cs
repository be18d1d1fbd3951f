using Reconciler.Storage;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Serve;

/// <summary>Everything <c>reconciler serve</c> was started with, read and validated before the host starts.</summary>
internal sealed record WorkerSetup
{
    /// <summary>The ledger (the embedded SQLite database by default).</summary>
    public required StoreLocation Ledger { get; init; }

    /// <summary>
    /// How statements and receivables are read, matched and decided: a reconcile request without statements or an
    /// output, whose receivables path is the file the worker syncs.
    /// </summary>
    public required ReconcileRequest Reconcile { get; init; }

    /// <summary>The watched folder.</summary>
    public required WatchedFolder Folder { get; init; }

    /// <summary>The <c>Worker</c> settings, with the command's flags applied.</summary>
    public required WorkerOptions Options { get; init; }

    /// <summary>Where the nightly run writes its report.</summary>
    public required string ReportsFolder { get; init; }

    /// <summary>True when Hangfire keeps its jobs in the ledger's (server) database, so several workers share them.</summary>
    public bool SharedJobs { get; init; }

    /// <summary>The clock jobs follow.</summary>
    public TimeProvider Clock => Reconcile.Clock;

    /// <summary>The rules and alerts setup (a worker always has one).</summary>
    public RulesSetup Rules => Reconcile.Rules ?? throw new InvalidOperationException("the worker has no rules setup");
}
