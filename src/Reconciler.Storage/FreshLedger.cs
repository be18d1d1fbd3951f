using Microsoft.Data.Sqlite;

namespace Reconciler.Storage;

/// <summary>
/// A SQLite ledger that does not exist yet, built under a name of its own (<c>reconciler.db.building</c>) without a
/// journal and without syncs, then put in place by one rename (<see cref="Publish"/>). SQLite's journal (the WAL)
/// writes every page twice and syncs at each commit, about a tenth of a first million-line run; a build needs neither,
/// since until the rename there is no ledger for anyone to read, and a build that fails or dies is only a file that is
/// deleted (now, or by the next first run): the ledger is then as it was before the run, that is, not there. Only one
/// process builds in a folder at a time (an exclusive lock on the build file); another finds the build locked and
/// creates the ledger the usual way, and whichever comes second to put a ledger in place gets a conflict, never a
/// ledger overwritten.
/// </summary>
public sealed class FreshLedger : IDisposable
{
    /// <summary>What the build file is called beside the ledger: its name with this after it.</summary>
    public const string BuildSuffix = ".building";

    private readonly string _final;
    private readonly string _build;
    private FileStream? _lock; // null once published or disposed

    private FreshLedger(StoreLocation final, string finalPath, string buildPath, FileStream held, TimeProvider? clock)
    {
        _final = finalPath;
        _build = buildPath;
        _lock = held;
        Final = final;
        var builder = new SqliteConnectionStringBuilder(final.ConnectionString) { DataSource = buildPath };
        Store = LedgerStore.Building(new StoreLocation(StorageProvider.Sqlite, builder.ToString()), clock);
    }

    /// <summary>The store on the build file, to migrate and fill until <see cref="Publish"/>.</summary>
    public LedgerStore Store { get; }

    /// <summary>Where the ledger will be.</summary>
    public StoreLocation Final { get; }

    /// <summary>
    /// A build for <paramref name="location"/> when it is a SQLite file that does not exist yet and no other process is
    /// building it; null otherwise (a server database, an existing ledger, another build under way): then the ledger
    /// is created or used the usual way.
    /// </summary>
    public static FreshLedger? TryStart(StoreLocation location, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Provider != StorageProvider.Sqlite)
        {
            return null;
        }

        var source = new SqliteConnectionStringBuilder(location.ConnectionString);
        if (source.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || string.IsNullOrEmpty(source.DataSource)
            || source.DataSource == ":memory:" || source.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var final = Path.GetFullPath(source.DataSource);
        if (Exists(final))
        {
            return null;
        }

        var build = final + BuildSuffix;
        FileStream held;
        try
        {
            // The lock is the build file itself, held open without sharing (an advisory lock SQLite's own locks do not
            // touch): a build left by a process that died is no longer locked, and is emptied here to start again.
            held = new FileStream(build, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // another process is building this ledger now
        }

        try
        {
            held.SetLength(0);
            foreach (var leftover in Siblings(build))
            {
                File.Delete(leftover);
            }

            if (Exists(final))
            {
                // Created the usual way between the check above and the lock.
                held.Dispose();
                File.Delete(build);
                return null;
            }

            return new FreshLedger(location, final, build, held, clock);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts the built ledger in place: its connections closed, its file synced to disk, then renamed to the ledger's
    /// name, never over a ledger another process created meanwhile.
    /// </summary>
    /// <exception cref="LedgerConflictException">A ledger appeared at that name while this one was built; the build is deleted, nothing was saved.</exception>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_lock is null, this);
        ClosePooled(); // the build's pooled connections hold the file open
        _lock.Flush(flushToDisk: true); // fsync: the rows SQLite wrote without syncing are on disk before the name is
        try
        {
            File.Move(_build, _final, overwrite: false);
        }
        catch (IOException) when (Exists(_final))
        {
            throw new LedgerConflictException(
                $"the ledger {_final} was created by another process while this run built it; nothing was saved, run again");
        }

        _lock.Dispose(); // the lock was the build's; its handle now names the ledger in place
        _lock = null;
    }

    /// <summary>Deletes the build unless it was published, and lets go of its lock.</summary>
    public void Dispose()
    {
        if (_lock is null)
        {
            return; // published (or disposed before)
        }

        try
        {
            ClosePooled();
            File.Delete(_build); // deleted while still locked: no other process takes up a half-built file
            foreach (var leftover in Siblings(_build))
            {
                File.Delete(leftover);
            }
        }
        finally
        {
            _lock.Dispose();
            _lock = null;
        }
    }

    private void ClosePooled()
    {
        using var pooled = new SqliteConnection(Store.Location.ConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private static bool Exists(string ledger) => File.Exists(ledger) || File.Exists(ledger + "-wal") || File.Exists(ledger + "-journal");

    // What SQLite may leave beside a database: a rollback journal, a WAL and its index.
    private static readonly string[] SiblingSuffixes = ["-journal", "-wal", "-shm"];

    private static IEnumerable<string> Siblings(string database) =>
        SiblingSuffixes.Select(suffix => database + suffix).Where(File.Exists);
}
