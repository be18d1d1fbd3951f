using System.Data.Common;
using Microsoft.Extensions.Logging;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Serve;

/// <summary>
/// Keeps the ledger's receivables in step with their source: the receivables file (synced when its size or time
/// changed since this worker last synced it) and the ERP's query (at the first match of the process and nightly).
/// A file is synced only once settled, as the inbox takes statements: its size and time unchanged for
/// <see cref="Configuration.WorkerOptions.SettleTime"/> and no one holding it open exclusively; until then (an export
/// still writing it in place) nothing is synced and matching goes on with the receivables the ledger holds. A source
/// that cannot be read is logged and reported in <c>/health</c>; matching goes on with the receivables the ledger holds.
/// A file whose size or time changed while it was read (an export starting again after it had settled) is not synced
/// from that read: it is looked at again, and synced once it has settled anew.
/// </summary>
internal sealed partial class ReceivablesSync(WorkerSetup setup, ILogger<ReceivablesSync> log)
{
    private readonly Lock _gate = new();
    private FileStamp? _fileSynced;
    private (FileStamp Stamp, DateTimeOffset Since)? _fileSeen;
    private bool _erpSynced;

    /// <summary>The last problem reading a source, or null when the last sync worked.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the receivables were last synced (UTC), or null before the first sync in this process.</summary>
    public DateTimeOffset? LastSync { get; private set; }

    /// <summary>Called with the file's path once it has been read (or failed to be), before it is looked at again: for tests that change it there.</summary>
    internal Action<string>? AfterFileRead { get; set; }

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

            // A file being written in place would be read cut short: rows missing, the last one cut inside a column
            // (an owner "anna.b" read as a whole value). Nothing is synced from it (nor from the ERP, synced with it)
            // until it has settled; the next match or sweep looks again.
            if (path is not null && fingerprint is { } stamp && stamp != _fileSynced && !Settled(path, stamp))
            {
                return;
            }

            // File and ERP are read (and synced) together: where both give a receivable, the ERP's wins.
            IReadOnlyList<Domain.Receivable>? fromFile;
            IReadOnlyList<Storage.Erp.ErpReceivable>? fromErp;
            try
            {
                fromFile = path is null ? null : ReadFile(path, request);
                fromErp = request.Erp is { } erp ? ErpReceivables.Read(erp) : null;
            }
            catch (Exception error) when (error is InputFormatException or InputUnreadableException or FileNotFoundException or DirectoryNotFoundException or ProfileException or DbException or InvalidOperationException)
            {
                // A file cut short by an export that started again reads as broken: that is not its fault, nor the ERP's.
                if (ChangedWhileRead(path, fingerprint))
                {
                    return;
                }

                LastError = LogText.Mask(error.Message);
                _fileSynced = fingerprint; // the same broken file is reported once, not at every match
                LogSyncFailed(LastError);
                return;
            }

            // What was read may be torn (the export started again after the file had settled): nothing is synced from
            // it (nor from the ERP, synced with it). The file's new stamp differs from the one synced, so the next
            // match or sweep waits for it to settle and syncs it then.
            if (ChangedWhileRead(path, fingerprint))
            {
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

    private IReadOnlyList<Domain.Receivable> ReadFile(string path, ReconcileRequest request)
    {
        try
        {
            return OneRowPerReceivable.CheckForLedger(ReconcileJob.ReadReceivables(request), request.ReceivableColumns);
        }
        finally
        {
            AfterFileRead?.Invoke(path);
        }
    }

    /// <summary>
    /// True (and logged) when the file's size or time is no longer <paramref name="before"/>, its stamp before it was
    /// read; its new stamp is then seen from now on, as <see cref="Settled"/> would at the next look.
    /// </summary>
    private bool ChangedWhileRead(string? path, FileStamp? before)
    {
        if (path is null)
        {
            return false;
        }

        var after = FileStamp.Of(path);
        if (after == before)
        {
            return false;
        }

        // Seen so now: its settle time starts here, as it would at the next look.
        if (after is { } seen)
        {
            _fileSeen = (seen, setup.Clock.GetUtcNow());
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        LogChangedWhileRead(
            Path.GetFileName(path),
            before is { } b ? b.Length.ToString(inv) + " bytes" : "none",
            after is { } a ? a.Length.ToString(inv) + " bytes" : "no file",
            setup.Options.SettleTime.TotalSeconds);
        return true;
    }

    /// <summary>
    /// True when the file's size and time have stayed as <paramref name="stamp"/> for the settle time (seen so by this
    /// worker, or last written that long ago) and it can be opened exclusively.
    /// </summary>
    private bool Settled(string path, FileStamp stamp)
    {
        var settle = setup.Options.SettleTime;
        var now = setup.Clock.GetUtcNow();
        var first = _fileSeen is not { } seen || seen.Stamp != stamp;
        if (first)
        {
            _fileSeen = (stamp, now);
        }

        // The file's time comes from the file system's clock, not the worker's: its age is measured on the system's.
        var age = TimeProvider.System.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(stamp.WrittenUtc, DateTimeKind.Utc));
        var settled = (now - _fileSeen!.Value.Since >= settle || age >= settle) && FolderWatcher.CanOpenAlone(path);
        if (first && !settled)
        {
            LogSettling(Path.GetFileName(path), stamp.Length, settle.TotalSeconds);
        }

        return settled;
    }

    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "receivables file {File} changed ({Bytes} bytes): synced once unchanged for {Settle:0.#} s")]
    private partial void LogSettling(string file, long bytes, double settle);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "receivables file {File} changed while being read ({Before} before, {After} after): nothing synced from that read, synced again once unchanged for {Settle:0.#} s")]
    private partial void LogChangedWhileRead(string file, string before, string after, double settle);

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "receivables synced: {Notes}")]
    private partial void LogSynced(string notes);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "receivable lowered below what is allocated to it: {Warning}")]
    private partial void LogLowered(string warning);

    [LoggerMessage(EventId = 61, Level = LogLevel.Error, Message = "receivables not synced, matching goes on with the ledger's: {Reason}")]
    private partial void LogSyncFailed(string reason);
}
