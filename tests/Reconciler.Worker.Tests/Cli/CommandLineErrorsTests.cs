using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// Mistakes System.CommandLine finds (a value of the wrong type, an unknown command, a missing argument) are said as
/// the commands say theirs: <c>error:</c> lines naming the argument and the value, the usage, exit code 1, nothing on
/// standard output.
/// </summary>
public sealed class CommandLineErrorsTests
{
    [Fact]
    public void Review_LineThatIsNoNumber_NamesTheArgumentAndTheValueWithTheUsage()
    {
        var run = CliRun.Of("review", "confirm", "abc", "--by", "anna");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(
            [
                "error: LINE: \"abc\" is not a whole number; LINE is the line's ledger id, as review list shows it",
                "usage: reconciler review confirm <LINE> [<RECEIVABLE>...] [options]",
                "(reconciler review confirm --help says more)",
            ],
            Lines(run.Error));
        Assert.Equal("", run.Output);
        Assert.DoesNotContain("System.Int64", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_NamesItAndListsTheCommands()
    {
        var run = CliRun.Of("reconcil", "--out", "x.csv");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: \"reconcil\" is not a command or argument reconciler knows here", Lines(run.Error)[0]);
        Assert.Contains("usage: reconciler <command> [options]", run.Error, StringComparison.Ordinal);
        Assert.Contains("commands: reconcile, generate, profile, review,", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void OptionValueOfTheWrongType_NamesTheOptionAndTheValue()
    {
        var run = CliRun.Of("generate", "--receivables", "many", "--out", "data");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --receivables: \"many\" is not a whole number (--receivables: How many receivables to generate)", Lines(run.Error)[0]);
        Assert.Equal("usage: reconciler generate [options]", Lines(run.Error)[1]);
    }

    [Fact]
    public void MissingArgumentsAndOptions_EachNamedOnItsOwnLine()
    {
        var run = CliRun.Of("review", "match");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var lines = Lines(run.Error);
        Assert.Contains("error: --by is required (--by: Who decides (kept in the audit log))", lines);
        Assert.Contains("error: LINE is missing; LINE is the line's ledger id, as review list shows it", lines);
        Assert.Contains("usage: reconciler review match <LINE> <RECEIVABLE[=AMOUNT]>... [options]", lines);
    }

    [Fact]
    public void ValueNotAmongTheChoices_ListsThemOnOneLine()
    {
        var run = CliRun.Of("review", "list", "--status", "open");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("error: --status: \"open\" is not one of new, matched, partial, suggested, unmatched, duplicate, ignored", Lines(run.Error)[0]);
    }

    [Fact]
    public void Help_IsStillHelpOnStandardOutput()
    {
        var run = CliRun.Of("review", "confirm", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("reconciler review confirm <LINE> [<RECEIVABLE>...] [options]", run.Output.Replace("testhost", "reconciler", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
