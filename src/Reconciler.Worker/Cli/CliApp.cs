using System.CommandLine;

namespace Reconciler.Worker.Cli;

/// <summary>The <c>reconciler</c> command line: builds the commands and runs one.</summary>
public static class CliApp
{
    /// <summary>Runs the command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("Reconciler: ties bank receipts to open receivables, explains every decision.")
        {
            ReconcileCommand.Create(output, error),
            GenerateCommand.Create(output, error),
            ProfileCommand.Create(output, error),
            ReviewCommand.Create(output, error),
            RulesCommand.Create(output, error),
            AlertsCommand.Create(output, error),
            CreditHoldsCommand.Create(output, error),
            ServeCommand.Create(output, error),
            ReportCommand.Create(output, error),
            ExportCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // A mistake in the command line (not --help, which shows help whatever else is given): said as the
            // commands say theirs, on standard error, with exit code 1.
            return CommandLineErrors.Write(parsed, error);
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Reconciliation.OutputUnwritableException problem)
        {
            // report, export, credit-holds export, generate: the message names the file and why.
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (Exception problem) when (problem is not OutOfMemoryException)
        {
            // Each command maps the failures it foresees to exit codes 1-3; anything else still ends in one line
            // that says what failed, not a stack trace.
            error.WriteLine($"error: {problem.GetType().Name}: {problem.Message}");
            return problem is IOException or UnauthorizedAccessException ? ExitCodes.OutputFailed : ExitCodes.Unexpected;
        }
    }
}
