using Microsoft.Data.Sqlite;
using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// Another run or person changing the ledger under a command: nothing is saved and the exit code is
/// <see cref="ExitCodes.Busy"/> (5, "run again"), never 3, which says the output could not be written.
/// </summary>
public sealed class ConcurrentChangeTests : IDisposable
{
    private readonly ReconciledLedger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public void Reconcile_LinesDecidedByAnotherWriterDuringTheMatch_ExitsBusyAndTheSameCommandThenSucceeds()
    {
        // Arrange: statement-a.csv in the ledger; statement-b.csv's lines are imported, and while the run matches them
        // "another run" touches them, as a second reconcile --data on the same folder does.
        _ledger.Reconcile(Repository.Samples("receivables.csv"), Repository.Samples("statement-a.csv"));
        string[] args = [
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-b.csv"),
            "--config", ReconciledLedger.SamplesConfig, "--out", _ledger.File("b.csv"), "--data", _ledger.Data];
        var runs = MatchRuns();
        using var output = new StringWriter();
        using var error = new WhenWritten("reconcile: match…", () => _ledger.Execute("UPDATE statement_line SET updated_at = '2000-01-01T00:00:00.000Z' WHERE status = 'new'"));

        // Act
        var code = CliApp.Run(args, output, error);
        var runsAfter = MatchRuns();
        var again = CliRun.Of(args);

        // Assert
        Assert.True(error.Fired, "the run never reached its match stage");
        Assert.Equal(ExitCodes.Busy, code);
        Assert.Contains("were decided by another run or a person since this run read the ledger; nothing was saved, run again", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(runs, runsAfter);
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Error);
    }

    [Fact]
    public void Guarded_LedgerConflict_ExitsBusy()
    {
        using var error = new StringWriter();

        var code = LedgerCommand.Guarded(error, () => throw new LedgerConflictException("line 12 changed while this ran (a run or another reviewer); nothing was saved: look at it again"));

        Assert.Equal(ExitCodes.Busy, code);
        Assert.Equal("error: line 12 changed while this ran (a run or another reviewer); nothing was saved: look at it again", error.ToString().TrimEnd());
    }

    [Fact]
    public void Guarded_SqliteFileLockedByAnotherConnection_ExitsBusySayingRunAgain()
    {
        // Arrange: a real SQLite lock, held by a second connection in an exclusive transaction.
        var file = _ledger.File("locked.db");
        using var holder = Open(file, timeout: 1);
        using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
            create.ExecuteNonQuery();
        }

        using var error = new StringWriter();

        // Act
        var code = LedgerCommand.Guarded(error, () =>
        {
            using var writer = Open(file, timeout: 1);
            using var insert = writer.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES (2)";
            return insert.ExecuteNonQuery();
        });

        // Assert
        Assert.Equal(ExitCodes.Busy, code);
        Assert.StartsWith("error: ledger: another run or person holds it at this moment (SQLite Error 5: 'database is locked'", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed, run again", error.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    private long MatchRuns() => _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM match_run");

    private static SqliteConnection Open(string file, int timeout)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = timeout }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Standard error that runs an action once, when a line is written (a stage starting), in the command's own thread.</summary>
    private sealed class WhenWritten(string line, Action action) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public bool Fired { get; private set; }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (!Fired && string.Equals(value, line, StringComparison.Ordinal))
            {
                Fired = true;
                action();
            }
        }
    }
}
