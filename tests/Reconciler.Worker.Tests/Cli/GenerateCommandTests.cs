using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

public class GenerateCommandTests
{
    [Fact]
    public void Generate_ThenReconcile_EveryLineAnsweredAndTruthAgrees()
    {
        using var temp = new TempFolder();

        var generated = CliRun.Of("generate", "--receivables", "2000", "--out", temp.Path, "--seed", "11");
        var reconciled = CliRun.Of("reconcile", "--receivables", temp.File("receivables.csv"),
            "--statement", temp.File("statement-a.csv"), "--statement", temp.File("statement-b.csv"),
            "--out", temp.File("results.csv"), "--quiet");

        Assert.Equal(ExitCodes.Ok, generated.ExitCode);
        Assert.Equal(ExitCodes.Ok, reconciled.ExitCode);
        var truth = CsvRows.Read(temp.File("truth.csv")).ToDictionary(c => (c[0], c[1]), c => c[3]);
        var results = CsvRows.Read(temp.File("results.csv")).ToDictionary(c => (c[0], c[1]), c => c[7]);
        Assert.Equal(truth.Count, results.Count);
        Assert.Equal(truth.Keys.Order(), results.Keys.Order());
        var agree = truth.Count(t => results[t.Key] == t.Value);
        Assert.True(agree >= truth.Count * 0.97, $"{agree} of {truth.Count} statuses agree with the truth file");
    }

    [Fact]
    public void Generate_SameSeed_SameFiles()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();

        CliRun.Of("generate", "--receivables", "300", "--out", one.Path, "--seed", "5");
        CliRun.Of("generate", "--receivables", "300", "--out", two.Path, "--seed", "5");

        foreach (var name in new[] { "receivables.csv", "statement-a.csv", "statement-b.csv", "truth.csv" })
        {
            Assert.Equal(File.ReadAllBytes(one.File(name)), File.ReadAllBytes(two.File(name)));
        }
    }

    [Fact]
    public void Generate_ZeroReceivables_ExitsUsage()
    {
        using var temp = new TempFolder();

        var run = CliRun.Of("generate", "--receivables", "0", "--out", temp.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
    }
}
