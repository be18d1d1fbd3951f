using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// One reconciliation over files, no server: read the receivables and statements (in parallel), build the index,
/// match, and write the results. The output appears whole or not at all: it is written beside the target and
/// renamed over it only when complete.
/// </summary>
public static class ReconcileJob
{
    /// <summary>Runs the job; <paramref name="progress"/> receives one line per stage.</summary>
    /// <exception cref="InputFormatException">An input is malformed; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">An input does not exist; nothing was written.</exception>
    public static ReconcileOutcome Run(ReconcileRequest request, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timings = new StageTimings();
        var (receivables, statements) = timings.Time("read", progress, () => ReadInputs(request));
        var index = timings.Time("index", progress, () =>
        {
            var built = ReceivableIndex.Build(receivables);
            built.BuildTypoIndex();
            return built;
        });
        var lines = statements.Count == 1 ? statements[0].Lines : statements.SelectMany(s => s.Lines).ToList();
        var run = timings.Time("match", progress, () => Matcher.Match(lines, index, request.Options));
        timings.Time("write", progress, () =>
        {
            WriteAtomically(request.OutputPath, stream => WriteResults(stream, request.OutputPath, run.Results));
            return true;
        });
        return new ReconcileOutcome(run, receivables.Count, [.. statements.Select(s => (s.File, s.Lines.Count))], timings);
    }

    private static (IReadOnlyList<Receivable> Receivables, IReadOnlyList<(string File, IReadOnlyList<StatementLine> Lines)> Statements) ReadInputs(ReconcileRequest request)
    {
        // Receivables and statements are independent: read them on both cores.
        var receivables = Task.Run(() => ReadFile(request.ReceivablesPath, ReadReceivables));
        var statements = request.StatementPaths
            .Select(path => Task.Run(() => (File: Path.GetFileName(path), Lines: ReadFile(path, ReadStatement))))
            .ToArray();
        try
        {
            Task.WaitAll([receivables, .. statements]);
        }
        catch (AggregateException error)
        {
            // The first failure in argument order, so the message does not depend on which thread lost.
            var first = new[] { receivables }.Cast<Task>().Concat(statements).First(t => t.IsFaulted);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first.Exception!.InnerException ?? error);
        }

        return (receivables.Result, [.. statements.Select(t => t.Result)]);
    }

    private static T ReadFile<T>(string path, Func<Stream, string, T> read)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return read(stream, Path.GetFileName(path));
    }

    private static IReadOnlyList<Receivable> ReadReceivables(Stream stream, string name) => IsExcel(name)
        ? ReceivableXlsxReader.Read(stream, name)
        : ReceivableCsvReader.Read(stream, name);

    private static IReadOnlyList<StatementLine> ReadStatement(Stream stream, string name) => IsExcel(name)
        ? StatementXlsxReader.Read(stream, name, StatementLayout.Generic)
        : StatementCsvReader.Read(stream, name, StatementLayout.Generic);

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
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
