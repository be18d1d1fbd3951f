using System.Globalization;
using System.Text;

namespace Reconciler.Worker.Serve;

/// <summary>
/// The watched folder: <c>inbox/</c> where finance drops statements, <c>processing/</c> for files taken (by atomic
/// rename, so two workers never take the same file), <c>archive/yyyy-MM-dd/</c> for files done and <c>failed/</c> for
/// files refused, each beside a <c>NAME.error.txt</c> saying why. A file never leaves one folder without arriving in
/// the next: every step is one rename within the folder's file system.
/// </summary>
internal sealed class WatchedFolder
{
    /// <summary>The statement file types the worker imports.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".xlsx", ".xls"];

    private const int MaxNameLength = 200;
    private readonly TimeProvider _clock;

    public WatchedFolder(string root, TimeProvider clock)
    {
        Root = Path.GetFullPath(root);
        Inbox = Path.Combine(Root, "inbox");
        Processing = Path.Combine(Root, "processing");
        Archive = Path.Combine(Root, "archive");
        Failed = Path.Combine(Root, "failed");
        _clock = clock;
    }

    public string Root { get; }

    public string Inbox { get; }

    public string Processing { get; }

    public string Archive { get; }

    public string Failed { get; }

    /// <summary>Creates the four folders where missing.</summary>
    public void Create()
    {
        foreach (var folder in new[] { Inbox, Processing, Archive, Failed })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The path of a file taken for processing.</summary>
    public string ProcessingPath(string name) => Path.Combine(Processing, CheckedName(name));

    /// <summary>The names of the files waiting in <c>processing/</c> (taken, not yet done).</summary>
    public IReadOnlyList<string> InProcessing() =>
        [.. new DirectoryInfo(Processing).EnumerateFiles().Where(f => IsSafeName(f.Name)).Select(f => f.Name).Order(StringComparer.Ordinal)];

    /// <summary>Why an inbox entry is refused, or null when it is a statement file to take.</summary>
    public static string? Refusal(FileSystemInfo entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsSafeName(entry.Name))
        {
            return "its name is not a plain file name (it holds a path separator, a colon, a control character, or is longer than 200 characters)";
        }

        if (entry.LinkTarget is not null)
        {
            return $"it is a link (to {entry.LinkTarget}), not a file; links are never followed";
        }

        if (entry is DirectoryInfo)
        {
            return "it is a folder; drop the statement files themselves into the inbox";
        }

        if (!Extensions.Contains(Path.GetExtension(entry.Name), StringComparer.OrdinalIgnoreCase))
        {
            return $"it is not a statement file (expected {string.Join(", ", Extensions)})";
        }

        return null;
    }

    /// <summary>True for names the worker ignores for now: hidden files and the temporary files of programs still writing (Office lock files, downloads in progress).</summary>
    public static bool IsTemporary(string name) =>
        name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal)
        || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Takes an inbox file for processing by renaming it into <c>processing/</c>; false when it is gone (another
    /// worker took it) or a file of that name is still being processed (it waits in the inbox).
    /// </summary>
    public bool Take(string name)
    {
        var target = ProcessingPath(name);
        if (File.Exists(target))
        {
            return false;
        }

        try
        {
            File.Move(Path.Combine(Inbox, CheckedName(name)), target, overwrite: false);
            return true;
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    /// <summary>Moves a processed file to today's archive folder; returns where it went (a name already there gets a number).</summary>
    public string ArchiveDone(string name)
    {
        var day = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Archive, day);
        Directory.CreateDirectory(folder);
        return MoveFree(ProcessingPath(name), folder, name);
    }

    /// <summary>
    /// Moves a processed file to <c>failed/</c> and writes <c>NAME.error.txt</c> beside it (written first, so the
    /// reason is never missing); returns where the file went.
    /// </summary>
    public string Quarantine(string name, string reason) => QuarantineFrom(ProcessingPath(name), name, reason, Refused);

    /// <summary>
    /// Sets aside in <c>failed/</c> a processed file whose lines are in the ledger but that could not be archived, with
    /// <c>NAME.error.txt</c> saying so (no advice to fix the file: nothing is wrong with it); returns where it went.
    /// </summary>
    public string SetAsideImported(string name, string reason) => QuarantineFrom(ProcessingPath(name), name, reason, Imported);

    /// <summary>Moves a refused inbox entry (file, folder or link; never followed) to <c>failed/</c> with its reason.</summary>
    public string Refuse(FileSystemInfo entry, string reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return QuarantineFrom(entry.FullName, SafeName(entry.Name), reason, Refused);
    }

    /// <summary>True when <paramref name="name"/> was archived or quarantined (by any worker), i.e. its work is done.</summary>
    public bool IsDone(string name) =>
        File.Exists(Path.Combine(Failed, name)) || (Directory.Exists(Archive) && Directory.EnumerateDirectories(Archive).Any(day => File.Exists(Path.Combine(day, name))));

    /// <summary>Counts of files in each folder, for the health check.</summary>
    public (int Inbox, int Processing, int Failed) Counts() => (
        Count(Inbox, _ => true),
        Count(Processing, _ => true),
        Count(Failed, n => !n.EndsWith(".error.txt", StringComparison.Ordinal)));

    private static int Count(string folder, Func<string, bool> include) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFileSystemInfos().Count(e => include(e.Name)) : 0;

    private static readonly (string When, string? Advice) Refused = ("refused at", "Fix the file (or ask the bank for a new export) and drop it into inbox/ again.");

    private static readonly (string When, string? Advice) Imported = ("set aside at", null);

    private string QuarantineFrom(string source, string name, string reason, (string When, string? Advice) kind)
    {
        var builder = new StringBuilder()
            .Append("file: ").AppendLine(name)
            .Append(kind.When).Append(": ").AppendLine(_clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
            .Append("reason: ").AppendLine(reason);
        if (kind.Advice is { } advice)
        {
            builder.AppendLine().AppendLine(advice);
        }

        var text = builder.ToString();
        // The reason's file is created new (never overwritten): of two workers refusing one entry at once, each writes
        // its own, and the one whose move fails deletes only its own.
        var target = ReserveReason(name, text);
        try
        {
            if (Directory.Exists(source) && new DirectoryInfo(source).LinkTarget is null)
            {
                Directory.Move(source, target);
            }
            else
            {
                File.Move(source, target, overwrite: false);
            }
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            // Another worker moved it first: its reason is beside it there; this one would name nothing.
            File.Delete(target + ".error.txt");
            throw;
        }

        return target;
    }

    /// <summary>Creates <c>failed/NAME.error.txt</c> (or the next free number) with the reason; returns the file's target path beside it.</summary>
    private string ReserveReason(string name, string text)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        for (var attempt = 0; ; attempt++)
        {
            var target = FreePath(Failed, name);
            FileStream stream;
            try
            {
                stream = new FileStream(target + ".error.txt", FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (attempt < 100 && File.Exists(target + ".error.txt"))
            {
                // Another worker reserved this name a moment ago: take the next.
                continue;
            }

            // A reason that cannot be written (a full disk) is not a name taken by another worker: the half-written file
            // goes, and the move fails (the job is retried) rather than trying the next number with the same result.
            try
            {
                using (stream)
                {
                    stream.Write(bytes);
                }
            }
            catch
            {
                File.Delete(target + ".error.txt");
                throw;
            }

            return target;
        }
    }

    private static string MoveFree(string source, string folder, string name)
    {
        var target = FreePath(folder, name);
        File.Move(source, target, overwrite: false);
        return target;
    }

    /// <summary><c>folder/name</c>, or <c>folder/stem (2).ext</c> and so on when taken.</summary>
    private static string FreePath(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 2; File.Exists(path) || Directory.Exists(path) || File.Exists(path + ".error.txt"); n++)
        {
            path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{stem} ({n}){extension}"));
        }

        return path;
    }

    private static string CheckedName(string name) =>
        IsSafeName(name) ? name : throw new ArgumentException($"\"{name}\" is not a plain file name", nameof(name));

    /// <summary>A plain file name: no separators or colons (which would reach outside the folder on some system), no control characters, not . or ..</summary>
    public static bool IsSafeName(string name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name is not ("." or "..")
        && !name.Any(c => c is '/' or '\\' or ':' || char.IsControl(c))
        && name == Path.GetFileName(name);

    /// <summary>A name that is safe to create, for an entry whose own name is not.</summary>
    private static string SafeName(string name)
    {
        if (IsSafeName(name))
        {
            return name;
        }

        var cleaned = new string([.. name.Take(MaxNameLength).Select(c => c is '/' or '\\' or ':' || char.IsControl(c) ? '_' : c)]).Trim('.');
        return cleaned.Length == 0 ? "refused" : cleaned;
    }
}
