using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// An output file the system does not let the program create (<c>/proc</c> takes no new files: creating one there
/// says "file not found") is an output error, exit code 3, naming the file and why, not a missing input.
/// </summary>
public sealed class OutputUnwritableTests
{
    private const string Unwritable = "/proc/reconciler-results.csv";

    [SkippableFact]
    public void Reconcile_OutInAFolderThatTakesNoFiles_ExitsOutputFailedNamingThePathAndWhy()
    {
        Skip.IfNot(Directory.Exists("/proc/self"), "needs Linux's /proc");

        var run = Reconcile("--out", Unwritable);

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Equal($"error: --out {Unwritable} cannot be written: the folder /proc does not take new files; nothing was read or saved", run.Error.Trim());
        Assert.DoesNotContain("input not found", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [SkippableFact]
    public void Reconcile_OutThatCannotBeWrittenWithALedger_IsFoundOutBeforeTheLedgerIsMade()
    {
        Skip.IfNot(Directory.Exists("/proc/self"), "needs Linux's /proc");
        using var temp = new TempFolder();

        var run = Reconcile("--out", Unwritable, "--data", temp.File("data"));

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.StartsWith($"error: --out {Unwritable} cannot be written", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.File("data"), "reconciler.db")), "the ledger was made (and the run saved) for results that could not be written");
    }

    [SkippableFact]
    public void Export_OutInAFolderThatTakesNoFiles_ExitsOutputFailedNamingThePathAndWhy()
    {
        Skip.IfNot(Directory.Exists("/proc/self"), "needs Linux's /proc");
        using var ledger = ReconciledLedger.FromSamples();

        var run = ledger.Run("export", "--what", "lines", "--out", Unwritable);

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Equal($"error: {Unwritable} cannot be written: the folder /proc does not take new files", run.Error.Trim());
    }

    [Fact]
    public void Reconcile_OutInNewFoldersAndAnInputThatIsBad_LeavesNoFolderBehind()
    {
        using var temp = new TempFolder();
        var bad = temp.File("bad.csv");
        File.WriteAllText(bad, "date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-02-01,not money,CNY,A,1,KL26-004512,B1\n");
        var results = Path.Combine(temp.File("new"), "deeper", "results.csv");

        var run = CliRun.Of(["reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", bad, "--out", results, "--quiet"]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.False(Directory.Exists(temp.File("new")), "the check of --out left the folders it made");
    }

    [Fact]
    public void Reconcile_OutInNewFolders_MakesThemForTheResults()
    {
        using var temp = new TempFolder();
        var results = Path.Combine(temp.File("new"), "deeper", "results.csv");

        var run = Reconcile("--out", results);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.True(File.Exists(results));
        Assert.Equal([results], Directory.GetFiles(temp.File("new"), "*", SearchOption.AllDirectories));
    }

    private static CliRun Reconcile(params string[] more) => CliRun.Of([
        "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
        "--config", Repository.Samples("reconciler.json"), "--quiet", .. more]);
}
