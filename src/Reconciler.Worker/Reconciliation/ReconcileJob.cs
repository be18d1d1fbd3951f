using System.Runtime.InteropServices;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// One reconciliation over files, no server: read the receivables and statements, build the index,
/// match, and write the results. The output appears whole or not at all: it is written beside the target and
/// renamed over it only when complete.
/// </summary>
internal static class ReconcileJob
{
    /// <summary>
    /// Runs the job; <paramref name="progress"/> receives one line per stage, and <paramref name="warning"/> each line
    /// a person should look at (with a ledger: a receivable lowered below what is allocated to it), as soon as what it
    /// speaks of is committed, so it is given even when a later stage fails.
    /// </summary>
    /// <remarks>
    /// The statements are read on a second thread while this one reads the receivables (<see cref="SideBySide"/>); the
    /// other stages run one after the other, each using both cores where it can. At 1M lines the side-by-side reads
    /// made the whole run 1.12 / 1.18 / 1.55 s shorter in three alternating pairs, although the match stage became
    /// 0.2–0.6 s slower (see benchmarks/RESULTS.md): earlier measurements, when the reads allocated more, found no gain.
    /// </remarks>
    /// <exception cref="InputFormatException">An input is malformed; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">An input does not exist; nothing was written.</exception>
    public static ReconcileOutcome Run(ReconcileRequest request, Action<string>? progress = null, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One gate for both: a warning is written on the sync's thread while the other thread may report progress.
        var gate = new Lock();
        progress = Synchronized(progress, gate);
        warning = Synchronized(warning, gate);
        if (request.Ledger is not null)
        {
            return LedgerReconciliation.Run(request, progress, warning);
        }

        var timings = new StageTimings();
        var names = DisplayNames(request.StatementPaths);
        var (receivables, statements) = SideBySide(
            () => ErpReceivables.ForMatching(request, timings, progress),
            () => timings.Time("read statements", progress, () => request.StatementPaths
                .Select((path, i) => (File: names[i], Lines: ReadFile(path, names[i], (stream, name) => ReadStatement(stream, name, request, progress, warning))))
                .ToList()));
        var index = timings.Time("index", progress, () => BuildIndex(receivables, []));
        if (OneRowPerReceivable.Check(index, request.ReceivableColumns) is { Count: > 0 } repeats)
        {
            // Rows repeated exactly: one receivable each, as in a ledger (rare, so the index is built again).
            receivables = [.. receivables.Where(r => !repeats.Contains(r))];
            index = timings.Time("index without repeated rows", progress, () => BuildIndex(receivables, []));
        }

        var lines = statements.Count == 1 ? statements[0].Lines : Concatenate(statements.Select(s => s.Lines).ToList());
        var run = timings.Time("match", progress, () => Matcher.Match(lines, index, request.Options));
        Write(request.OutputPath, run.Results, timings, progress);
        return new ReconcileOutcome(run, receivables.Count, [.. statements.Select(s => (s.File, s.Lines.Count))], timings)
        {
            LeftOpen = ReconcileOutcome.OpenByCurrency(index.Receivables, run.OpenAmounts),
        };
    }

    /// <summary>
    /// Runs <paramref name="second"/> on a thread of its own while this thread runs <paramref name="first"/> (the
    /// receivables and the statements are read side by side, on both cores), and returns both results. When both
    /// fail, <paramref name="first"/>'s error is the one thrown, as when they ran one after the other; either way
    /// the other has ended (no file is left open) when the error reaches the caller.
    /// </summary>
    internal static (TFirst First, TSecond Second) SideBySide<TFirst, TSecond>(Func<TFirst> first, Func<TSecond> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        // A thread of its own (a read of seconds), started at once whatever the pool is doing, and never run inline by
        // the wait below: the two always overlap.
        var running = Task.Factory.StartNew(second, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        TFirst value;
        try
        {
            value = first();
        }
        catch
        {
            try
            {
                running.Wait();
            }
            catch (AggregateException)
            {
                // The first error is the one reported; this one is observed here and dropped.
            }

            throw;
        }

        return (value, running.GetAwaiter().GetResult());
    }

    /// <summary>A sink that several threads may call at once: lines are passed on one at a time, under <paramref name="gate"/>.</summary>
    private static Action<string>? Synchronized(Action<string>? sink, Lock gate)
    {
        if (sink is null)
        {
            return null;
        }

        return line =>
        {
            lock (gate)
            {
                sink(line);
            }
        };
    }

    /// <summary>The lines of several statements in one list, sized once (a million lines).</summary>
    private static List<StatementLine> Concatenate(List<IReadOnlyList<StatementLine>> files)
    {
        var all = new List<StatementLine>(files.Sum(f => f.Count));
        foreach (var file in files)
        {
            all.AddRange(file);
        }

        return all;
    }

    private static T ReadFile<T>(string path, Func<Stream, string, T> read) => ReadFile(path, Path.GetFileName(path), read);

    /// <summary>Opens an input (shared, sequential) and reads it, turning I/O failures into <see cref="InputUnreadableException"/>.</summary>
    internal static T ReadFile<T>(string path, string name, Func<Stream, string, T> read)
    {
        FileStream stream;
        try
        {
            // Others may keep the file open (a clerk looking at it in Excel): share everything, read once.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or (IOException and not FileNotFoundException and not DirectoryNotFoundException))
        {
            throw new InputUnreadableException($"{path} cannot be read: {error.Message}", error);
        }

        using (stream)
        {
            try
            {
                return read(stream, name);
            }
            catch (IOException error)
            {
                throw new InputUnreadableException($"{path} cannot be read: {error.Message}", error);
            }
        }
    }

    /// <summary>
    /// The names statement lines carry (and duplicates are told apart by): the file name, or the full path
    /// when two statements of the run share a file name (exports of two months saved as <c>statement.csv</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The same file is given twice.</exception>
    public static IReadOnlyList<string> DisplayNames(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var full = paths.Select(Path.GetFullPath).ToList();
        if (full.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"statement {twice.Key} is given twice");
        }

        var names = full.Select(Path.GetFileName).ToList();
        return [.. full.Select((path, i) => names.Count(n => string.Equals(n, names[i], StringComparison.Ordinal)) > 1 ? path : names[i]!)];
    }

    /// <summary>Reads the request's receivables file (CSV or workbook) with its column map.</summary>
    internal static IReadOnlyList<Receivable> ReadReceivables(ReconcileRequest request) =>
        ReadFile(request.ReceivablesPath ?? throw new ArgumentException("the request has no receivables file", nameof(request)), (stream, name) => ReadReceivables(stream, name, request));

    /// <summary>The progress line that names the profile a statement was read with.</summary>
    internal static string ProfileLine(string name, StatementFile file) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{name}: {file.Lines.Count:N0} lines, profile {file.Profile.Name} ({file.HowChosen}{(file.Sheet is null ? "" : $", sheet {file.Sheet}")})");

    private static IReadOnlyList<Receivable> ReadReceivables(Stream stream, string name, ReconcileRequest request) => ReceivableXlsxReader.IsWorkbook(stream, name)
        ? ReceivableXlsxReader.Read(stream, name, request.ReceivableColumns, request.StatementLimits.Workbook)
        : ReceivableCsvReader.Read(stream, name, request.ReceivableColumns);

    private static IReadOnlyList<StatementLine> ReadStatement(Stream stream, string name, ReconcileRequest request, Action<string>? progress, Action<string>? warning)
    {
        var file = StatementReader.Read(stream, name, request.StatementProfile, request.Profiles, request.StatementLimits);
        progress?.Invoke(ProfileLine(name, file));
        WarnOfGuesses(name, file, warning);
        return file.Lines;
    }

    /// <summary>
    /// Gives each guess detection made about a file (a day/month order its dates leave open, a currency it does not
    /// name) as a warning, whatever --quiet says: a wrong guess misreads every line, and only a person can tell.
    /// </summary>
    internal static void WarnOfGuesses(string name, StatementFile file, Action<string>? warning)
    {
        foreach (var note in file.Notes)
        {
            warning?.Invoke($"{name}: {note} (profile {file.Profile.Name}, detected: reconciler profile detect {name} prints it to save and edit)");
        }
    }

    /// <summary>The receivable index with its typo index, as every run matches against.</summary>
    internal static ReceivableIndex BuildIndex(IReadOnlyList<Receivable> receivables, IEnumerable<PayerLink> links)
    {
        return ReceivableIndex.BuildWithTypoIndex(receivables, links);
    }

    /// <summary>
    /// The "write" stage: refuses results that do not fit one <c>.xlsx</c> sheet, then writes them atomically as
    /// CSV or a workbook.
    /// </summary>
    /// <exception cref="InvalidOperationException">Too many results for a workbook.</exception>
    internal static void Write(string outputPath, IReadOnlyList<MatchResult> results, StageTimings timings, Action<string>? progress)
    {
        if (IsExcel(outputPath) && results.Count > ResultsXlsxWriter.MaxResults)
        {
            throw new InvalidOperationException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{results.Count:N0} results do not fit in one .xlsx sheet (at most {ResultsXlsxWriter.MaxResults:N0}); write the results to a .csv file instead"));
        }

        timings.Time("write", progress, () =>
        {
            WriteAtomically(outputPath, stream => WriteResults(stream, outputPath, results));
            return true;
        });
    }

    /// <summary>Writes results as CSV or, for an <c>.xlsx</c> path, as a workbook.</summary>
    private static void WriteResults(Stream stream, string path, IReadOnlyList<MatchResult> results)
    {
        if (IsExcel(path))
        {
            ResultsXlsxWriter.Write(stream, results);
        }
        else
        {
            ResultsCsvWriter.Write(stream, results);
        }
    }

    /// <summary>True for <c>.xlsx</c> paths; the commands accept <c>.csv</c> and <c>.xlsx</c>.</summary>
    public static bool IsExcel(string path) => string.Equals(Path.GetExtension(path), ".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it over the target when done.</summary>
    /// <exception cref="OutputUnwritableException">The file cannot be written there; the message names it and why.</exception>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = OutputFile.CreateFolder(full);
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");

        // Ctrl+C or a kill ends the process without running finally blocks: remove the partial file first.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => TryDelete(temporary));
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => TryDelete(temporary));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true); // on disk before the rename, so a crash never leaves an empty file
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw OutputFile.Unwritable(full, error);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path); // no error when it is already gone
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left for the operator: the name starts with a dot and ends in .tmp, beside the output.
        }
    }
}
