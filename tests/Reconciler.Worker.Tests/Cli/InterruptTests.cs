using System.Diagnostics;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>A real `reconciler` process interrupted while it writes its results (Linux signals).</summary>
public class InterruptTests
{
    [Fact]
    public void Reconcile_InterruptedWhileWriting_LeavesNeitherResultsNorTemporaryFile()
    {
        using var temp = new TempFolder();
        Assert.Equal(ExitCodes.Ok, CliRun.Of("generate", "--receivables", "40000", "--out", temp.Path, "--seed", "3").ExitCode);
        var output = temp.File("results.xlsx"); // ClosedXML takes seconds for ~37,000 rows: a wide window
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "reconciler.dll"), "reconcile",
                "--receivables", temp.File("receivables.csv"),
                "--statement", temp.File("statement-a.csv"), "--statement", temp.File("statement-b.csv"),
                "--out", output, "--quiet",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (Directory.GetFiles(temp.Path, ".*.tmp").Length == 0 && !process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        Assert.False(process.HasExited, "reconcile finished before it could be interrupted");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit(10_000);
        }

        Assert.True(process.WaitForExit(30_000), "reconcile did not stop after SIGINT");
        Assert.NotEqual(0, process.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(temp.Path, ".*.tmp"));
    }
}
