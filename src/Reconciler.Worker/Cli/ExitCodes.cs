namespace Reconciler.Worker.Cli;

/// <summary>Process exit codes of <c>reconciler</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The command line or the configuration is wrong (also System.CommandLine's own parse errors).</summary>
    public const int Usage = 1;

    /// <summary>An input file is missing, unreadable or malformed; the message names file, row, column and value.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// Output could not be written (the results or export file, the ledger's database); the message names where and why.
    /// </summary>
    public const int OutputFailed = 3;

    /// <summary>Something failed that the program did not foresee; the message says what.</summary>
    public const int Unexpected = 4;

    /// <summary>
    /// The ledger was busy: another run or person changed the same lines or receivables at the same moment, or held
    /// the database locked; nothing was saved, and running the same command again is the remedy.
    /// </summary>
    public const int Busy = 5;
}
