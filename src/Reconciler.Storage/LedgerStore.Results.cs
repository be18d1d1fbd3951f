using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The current decision of every line of the given files, as results a report or a results file shows: the
    /// status, rule, confidence, sentence and allocations a run (or a person) left, in file and row order. Lines
    /// not through a run yet are <c>unmatched</c> with rule <c>not-run</c>.
    /// </summary>
    public IReadOnlyList<MatchResult> ResultsOfFiles(IEnumerable<long> fileIds)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        var ids = fileIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        using var connection = Open();
        using var transaction = BeginReading(connection);
        var files = _dialect.In("l.file_id", "@Files");
        var (read, _) = StoredResults(
            connection,
            transaction,
            ids,
            files,
            // The lines duplicates repeat, through a subquery, not a list of ids: a big overlapping export has more
            // duplicates than a statement may have parameters (32,766 in SQLite, 2,100 in SQL Server).
            $"l.id IN (SELECT d.duplicate_of FROM statement_line d WHERE {_dialect.In("d.file_id", "@Files")} AND d.duplicate_of IS NOT NULL)",
            new { Files = ids },
            held: null);
        transaction.Commit();

        // In the order the files were asked for (the order a user gave them), each in row order.
        return [.. read.SelectMany(r => r)];
    }

    /// <summary>
    /// What <see cref="ResultsOfFiles(IEnumerable{long})"/> gives right after the match run <paramref name="runId"/>
    /// saved <paramref name="run"/> over <paramref name="snapshot"/>, without reading back what the process already
    /// holds: the lines that run decided are taken from it, as the ledger now holds them (allocations applied or
    /// ranked, amounts and difference to the ledger's 0.0001, no exception kind), and only the other lines of the files
    /// — decided in earlier runs or by a person, duplicates — with their allocations and the lines they repeat, are
    /// read. When the files are all ones this process imported just before the snapshot (<see cref="LedgerSnapshot.Imported"/>),
    /// their other lines are the duplicates the snapshot holds, and only the lines those repeat that are not in hand are
    /// read. An allocation of the run names the snapshot's receivable (whose amount is the open amount the run saw;
    /// read back, it would carry the receivable's amount): results files and reports show its contract only. When the
    /// ledger no longer holds as many lines of these files decided by that run as the run decided, or (files just
    /// imported) holds other lines than those and the duplicates as imported (someone changed one meanwhile), everything
    /// is read as <see cref="ResultsOfFiles(IEnumerable{long})"/> does.
    /// </summary>
    public IReadOnlyList<MatchResult> ResultsOfFiles(IEnumerable<long> fileIds, LedgerSnapshot snapshot, MatchRun run, long runId)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Results.Count != snapshot.Pending.Count)
        {
            throw new ArgumentException("The run must decide exactly the snapshot's pending lines, in order.", nameof(run));
        }

        var ids = fileIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        // Each file's lines of the run, by their position in the run: a result is built (from the matcher's figures)
        // only where it is turned into the result as saved, on all cores.
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var decided = new List<int>[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            decided[i] = [];
        }

        // The sentences the save composed for this run, when it saved this very run: not composed again.
        var explained = snapshot.Explained is { } made && ReferenceEquals(made.Run, run) ? made.Explanations : null;
        for (var i = 0; i < snapshot.Pending.Count; i++)
        {
            if (order.TryGetValue(snapshot.Pending[i].FileId, out var file))
            {
                decided[file].Add(i);
            }
        }

        Dictionary<long, StatementLine>? pendingLines = null;
        StatementLine? Held(long id) =>
            (pendingLines ??= snapshot.Pending.ToDictionary(p => p.Id, p => p.Line)).TryGetValue(id, out var line) ? line : null;

        using var connection = Open();
        using var transaction = BeginReading(connection);
        var files = _dialect.In("l.file_id", "@Files");
        var parameters = new { Files = ids, RunId = runId };
        List<MatchResult>[] read;
        Dictionary<long, StatementLine> originals;
        if (ImportedDuplicates(snapshot, ids) is { } duplicates)
        {
            // Files this process has just imported: their lines are this run's or duplicates, and the duplicates are in
            // hand. One pass over the files' lines proves that the ledger still holds exactly that (the run's lines
            // untouched since the run, the duplicates since the import); then only the lines they repeat that are not
            // in hand (lines of files imported earlier) are read.
            // The run's start is read first: SQL Server takes no subquery inside an aggregate.
            var started = connection.ExecuteScalar<string>("SELECT started_at FROM match_run WHERE id = @RunId", parameters, transaction);
            long all, ofTheRun, asImported;
            using (var reader = connection.ExecuteReader(
                $"""
                SELECT COUNT(*),
                    COALESCE(SUM(CASE WHEN l.run_id = @RunId AND l.updated_at = @Started THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN l.run_id IS NULL AND l.status = @Duplicate AND l.updated_at = f.imported_at THEN 1 ELSE 0 END), 0)
                FROM statement_line l JOIN statement_file f ON f.id = l.file_id
                WHERE {files}
                """,
                new { Files = ids, RunId = runId, Duplicate = DuplicateStatus, Started = started },
                transaction))
            {
                reader.Read();
                all = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                ofTheRun = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                asImported = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
            }

            if (ofTheRun != decided.Sum(d => d.Count) || asImported != duplicates.Count || all != ofTheRun + asImported)
            {
                transaction.Commit();
                return ResultsOfFiles(ids);
            }

            originals = LinesById(connection, transaction, [.. duplicates.Select(d => d.DuplicateOf!.Value).Where(id => Held(id) is null).Distinct()]);
            transaction.Commit();
            read = [.. ids.Select(_ => new List<MatchResult>())];
            foreach (var duplicate in duplicates.OrderBy(d => d.Line.Row))
            {
                var first = duplicate.DuplicateOf!.Value;
                read[order[duplicate.FileId]].Add(StoredResult(duplicate.Line, DuplicateStatus, [], null, null, null, null, originals.GetValueOrDefault(first) ?? Held(first)));
            }
        }
        else
        {
            // A person's review keeps a line's run but changes its time: only lines untouched since the run count.
            var stillTheRuns = connection.ExecuteScalar<long>(
                $"SELECT COUNT(*) FROM statement_line l WHERE {files} AND l.run_id = @RunId AND l.updated_at = (SELECT r.started_at FROM match_run r WHERE r.id = @RunId)",
                parameters,
                transaction);
            if (stillTheRuns != decided.Sum(d => d.Count))
            {
                transaction.Commit();
                return ResultsOfFiles(ids);
            }

            // The lines duplicates repeat: those this run decided are in the snapshot, the others are read.
            const string NotThisRun = "(l.run_id IS NULL OR l.run_id <> @RunId)";
            (read, originals) = StoredResults(
                connection,
                transaction,
                ids,
                $"{files} AND {NotThisRun}",
                $"l.id IN (SELECT d.duplicate_of FROM statement_line d WHERE {_dialect.In("d.file_id", "@Files")} AND d.duplicate_of IS NOT NULL) AND {NotThisRun}",
                parameters,
                Held);
            transaction.Commit();
        }

        // In the order the files were asked for, each in row order: the run's lines and the others merged.
        var results = new List<MatchResult>(decided.Sum(d => d.Count) + read.Sum(r => r.Count));
        for (var file = 0; file < ids.Length; file++)
        {
            var fromRun = decided[file];
            var fromLedger = read[file];
            // The run's results as saved are made on all cores (each composes its sentence, ~1 µs), the lines they
            // repeat (if any) looked up first, here.
            var repeats = fromRun.Select(i => snapshot.Pending[i].DuplicateOf is { } first ? originals.GetValueOrDefault(first) ?? Held(first) : null).ToArray();
            var saved = new MatchResult[fromRun.Count];
            Parallel.For(0, fromRun.Count, i => saved[i] = AsSaved(snapshot.Pending[fromRun[i]], run.Results[fromRun[i]], repeats[i], explained?[fromRun[i]]));
            var (r, l) = (0, 0);
            while (r < fromRun.Count || l < fromLedger.Count)
            {
                if (l == fromLedger.Count || (r < fromRun.Count && snapshot.Pending[fromRun[r]].Line.Row < fromLedger[l].Line.Row))
                {
                    results.Add(saved[r]);
                    r++;
                }
                else
                {
                    results.Add(fromLedger[l++]);
                }
            }
        }

        return results;
    }

    /// <summary>
    /// The duplicates among <paramref name="files"/>' lines when the snapshot holds every line of those files that is not
    /// pending (all of them files this process imported just before reading it); otherwise null.
    /// </summary>
    private static List<StoredLine>? ImportedDuplicates(LedgerSnapshot snapshot, long[] files) =>
        snapshot.Imported is { } imported && files.All(imported.Files.Contains)
            ? [.. imported.Duplicates.Where(d => files.Contains(d.FileId))]
            : null;

    /// <summary>The statement lines with these ids (those the ledger holds), as stored, read a few hundred at a time.</summary>
    private Dictionary<long, StatementLine> LinesById(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long[] ids)
    {
        var lines = new Dictionary<long, StatementLine>(ids.Length);
        if (ids.Length == 0)
        {
            return lines;
        }

        var names = connection.Query<(long Id, string Name)>("SELECT id, name FROM statement_file", transaction: transaction).ToDictionary(f => f.Id, f => f.Name);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            using var reader = Rows(
                connection,
                transaction,
                $"SELECT {LineColumnsSql} FROM statement_line l WHERE {_dialect.In("l.id", "@Ids")}",
                new { Ids = chunk });
            while (reader.Read())
            {
                lines.Add(reader.GetInt64(0), LineAt(reader, names[reader.GetInt64(1)], pool));
            }
        }

        return lines;
    }

    /// <summary>
    /// A run's result for a line as <see cref="SaveRun"/> leaves it in the ledger and <see cref="ResultsOfFiles(IEnumerable{long})"/>
    /// reads it back: allocations kept only where the run applies or ranks them (matched, partial, suggested) and above
    /// zero, amounts and difference to 0.0001; its sentence as the save composed it (<paramref name="explanation"/>), when given.
    /// </summary>
    private static MatchResult AsSaved(StoredLine pending, MatchResult result, StatementLine? original, string? explanation)
    {
        IReadOnlyList<Allocation> allocations = [];
        if (result.Status is MatchStatus.Matched or MatchStatus.Partial or MatchStatus.Suggested && result.Allocations.Count > 0)
        {
            var kept = new List<Allocation>(result.Allocations.Count);
            for (var a = 0; a < result.Allocations.Count; a++) // not foreach: over an interface it boxes the array's enumerator
            {
                var allocation = result.Allocations[a];
                var units = Money.ToUnits(decimal.Round(allocation.Amount, 4));
                if (units > 0)
                {
                    kept.Add(new Allocation(allocation.Receivable, Money.FromUnits(units)));
                }
            }

            allocations = kept;
        }

        return StoredResult(
            pending.Line,
            result.Status.ToName(),
            allocations,
            Money.ToUnits(decimal.Round(result.Difference, 4)),
            result.Confidence,
            result.Rule,
            explanation ?? result.Explanation,
            original);
    }

    /// <summary>
    /// A line's result as the ledger holds it. A line no run decided has no rule of its own: a duplicate is
    /// explained by the line it repeats (<paramref name="original"/>), any other is "not through a match run yet".
    /// </summary>
    private static MatchResult StoredResult(
        StatementLine line,
        string storedStatus,
        IReadOnlyList<Allocation> allocations,
        long? difference,
        double? confidence,
        string? rule,
        string? explanation,
        StatementLine? original)
    {
        var status = MatchStatusNames.TryParse(storedStatus, out var parsed) ? parsed : MatchStatus.Unmatched;
        return new MatchResult
        {
            Line = line,
            Status = status,
            Allocations = allocations,
            Difference = difference is { } d ? Money.FromUnits(d) : 0,
            Confidence = confidence ?? (status == MatchStatus.Duplicate ? 1 : 0),
            Rule = rule ?? (status == MatchStatus.Duplicate ? "duplicate-line" : "not-run"),
            Explanation = explanation ?? (original is null ? "not through a match run yet" : Matching.Matcher.DuplicateExplanation(original)),
            DuplicateOf = original,
        };
    }

    /// <summary>What is open in the ledger, per currency (in ordinal order): the amount and how many open receivables hold it.</summary>
    public IReadOnlyList<(string Currency, decimal Amount, int Receivables)> OpenByCurrency()
    {
        using var connection = Open();
        return [.. connection.Query<(string Currency, long Units, long Receivables)>(
            "SELECT currency, CAST(SUM(open_amount) AS BIGINT), COUNT(*) FROM receivable WHERE status = @Open AND open_amount > 0 GROUP BY currency",
            new { Open = OpenStatus })
            .OrderBy(r => r.Currency, StringComparer.Ordinal)
            .Select(r => (r.Currency, Money.FromUnits(r.Units), (int)r.Receivables))];
    }
}
