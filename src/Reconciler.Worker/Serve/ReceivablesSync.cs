using System.Data.Common;
using Microsoft.Extensions.Logging;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Serve;

/// <summary>
/// Keeps the ledger's receivables in step with their source: the receivables file (synced when its size or time
/// changed since this worker last synced it) and the ERP's query (at the first match of the process and nightly).
/// A source that cannot be read is logged and reported in <c>/health</c>; matching goes on with the receivables the
/// ledger holds.
/// </summary>
internal sealed partial class ReceivablesSync(WorkerSetup setup, ILogger<ReceivablesSync> log)
{
    private readonly Lock _gate = new();
    private FileStamp? _fileSynced;
    private bool _erpSynced;

    /// <summary>The last problem reading a source, or null when the last sync worked.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the receivables were last synced (UTC), or null before the first sync in this process.</summary>
    public DateTimeOffset? LastSync { get; private set; }

    /// <summary>Syncs the sources that changed (all of them when <paramref name="force"/>).</summary>
    public void SyncIfChanged(LedgerStore store, bool force)
    {
        var request = setup.Reconcile;
        lock (_gate)
        {
            var path = request.ReceivablesPath;
            var fingerprint = path is null ? null : FileStamp.Of(path);
            var due = force
                || (path is not null && fingerprint != _fileSynced)
                || (request.Erp is not null && !_erpSynced);
            if (!due)
            {
                return;
            }

            // File and ERP are read (and synced) together: where both give a receivable, the ERP's wins.
            IReadOnlyList<Domain.Receivable>? fromFile;
            IReadOnlyList<Storage.Erp.ErpReceivable>? fromErp;
            try
            {
                fromFile = path is null ? null : OneRowPerReceivable.CheckForLedger(ReconcileJob.ReadReceivables(request), request.ReceivableColumns);
                fromErp = request.Erp is { } erp ? ErpReceivables.Read(erp) : null;
            }
            catch (Exception error) when (error is InputFormatException or InputUnreadableException or FileNotFoundException or DirectoryNotFoundException or ProfileException or DbException or InvalidOperationException)
            {
                LastError = LogText.Mask(error.Message);
                _fileSynced = fingerprint; // the same broken file is reported once, not at every match
                LogSyncFailed(LastError);
                return;
            }

            // A ledger that fails here fails the job, which is retried.
            // Each lowering is logged once its sync has committed, even when the next source's sync then fails.
            var notes = new List<string>();
            LedgerReconciliation.SyncReceivables(store, request, fromFile, fromErp, new StageTimings(), null, notes, warning => LogLowered(LogText.Mask(warning)), out _);

            _fileSynced = fingerprint;
            _erpSynced = true;
            LastError = null;
            LastSync = setup.Clock.GetUtcNow();
            LogSynced(string.Join("; ", notes));
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "receivables synced: {Notes}")]
    private partial void LogSynced(string notes);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "receivable lowered below what is allocated to it: {Warning}")]
    private partial void LogLowered(string warning);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "receivables not synced, matching goes on with the ledger's: {Reason}")]
    private partial void LogSyncFailed(string reason);
}
