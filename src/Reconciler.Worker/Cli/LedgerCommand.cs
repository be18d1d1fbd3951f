using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Cli;

/// <summary>What the commands that work on a ledger share: one line, and an exit code, for the failures they foresee.</summary>
internal static class LedgerCommand
{
    /// <summary>
    /// Runs <paramref name="action"/>; a configuration problem is exit code 1, a request the ledger refuses 2, a
    /// database that cannot be reached or cannot hold a ledger as set up 3, a ledger another run or person changed
    /// or locked at the same moment 5 (<see cref="ExitCodes.Busy"/>: run again), each reported in one line without a
    /// stack trace.
    /// </summary>
    public static int Guarded(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConfigurationException problem)
        {
            error.WriteLine($"error: configuration: {problem.Message}");
            return ExitCodes.Usage;
        }
        catch (ReviewException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.BadInput;
        }
        catch (LedgerConflictException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.Busy;
        }
        catch (LedgerUnusableException problem)
        {
            error.WriteLine($"error: ledger: {problem.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (System.Data.Common.DbException problem) when (NotALedger(problem) is { } message)
        {
            error.WriteLine($"error: ledger: {message}");
            return ExitCodes.OutputFailed;
        }
        catch (System.Data.Common.DbException problem) when (Busy(problem))
        {
            error.WriteLine($"error: ledger: another run or person holds it at this moment ({problem.Message}); nothing was changed, run again");
            return ExitCodes.Busy;
        }
        catch (System.Data.Common.DbException problem)
        {
            // An unreachable server, a full disk: one line, no stack trace.
            error.WriteLine($"error: ledger: {problem.Message} (nothing was changed; try again)");
            return ExitCodes.OutputFailed;
        }
    }

    /// <summary>
    /// Why <paramref name="file"/> cannot be the <c>--out</c> of a CSV export (it does not end in .csv, or is a folder),
    /// as one line for the error; null when it can.
    /// </summary>
    public static string? CsvOutProblem(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!string.Equals(Path.GetExtension(file.Name), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return $"--out must name a .csv file; it is {file.Name} (for a workbook use: reconciler report)";
        }

        return Directory.Exists(file.FullName) ? $"--out {file.FullName} is a folder; name a file in it" : null;
    }

    /// <summary>
    /// Whether <paramref name="problem"/> says the ledger is busy rather than broken: SQLite's file locked by another
    /// connection (<c>SQLITE_BUSY</c>, <c>SQLITE_LOCKED</c>), PostgreSQL's serialization failure, deadlock or lock not
    /// available, SQL Server's deadlock victim or lock timeout. Running again is the remedy.
    /// </summary>
    public static bool Busy(System.Data.Common.DbException problem) => problem switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        Npgsql.PostgresException postgres => postgres.SqlState is "40001" or "40P01" or "55P03",
        Microsoft.Data.SqlClient.SqlException sqlServer => sqlServer.Number is 1205 or 1222,
        _ => false,
    };

    /// <summary>
    /// The message for a ledger file that is no SQLite database at all (SQLite's <c>SQLITE_NOTADB</c>), where trying
    /// again cannot help; null for any other database error.
    /// </summary>
    public static string? NotALedger(System.Data.Common.DbException problem) =>
        problem is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 26 }
            ? $"the ledger file is not an SQLite database ({problem.Message}): it is no Reconciler ledger; move it away, or point --data (or the Storage section) at another ledger"
            : null;
}
