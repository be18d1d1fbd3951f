namespace Reconciler.Worker.Tests;

/// <summary>
/// The real bank exports in <c>../shared/realdata</c> (beside the repository), read in place: several are GPL or
/// AGPL test fixtures of other projects, so they are never copied into this one. Where the folder is absent a
/// test that needs it is skipped with a message saying where it was looked for; under CI (<c>CI=true</c>) it
/// fails instead, so a CI run that lost the folder cannot pass without having read a single real file.
/// </summary>
internal static class RealData
{
    /// <summary>The folder: <c>../shared/realdata</c> from the directory that holds <c>Reconciler.sln</c>.</summary>
    public static string Folder { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(Repository.Root, "..", "shared", "realdata"));

    /// <summary>True when the environment says this is a CI run (<c>CI=true</c>).</summary>
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of a file of the folder, e.g. <c>double-entry-generator/boc-debit-records.csv</c>; skips or fails when the folder is absent.</summary>
    public static string Path(string relativePath)
    {
        Require();
        var path = System.IO.Path.Combine(Folder, relativePath);
        Assert.True(File.Exists(path), $"the real bank export {path} is missing from {Folder}");
        return path;
    }

    /// <summary>Returns when the folder exists; otherwise fails (under CI) or skips the test, naming the folder.</summary>
    private static void Require()
    {
        if (Directory.Exists(Folder))
        {
            return;
        }

        var message = $"the real bank exports are not at {Folder} (expected ../shared/realdata beside the repository root)";
        if (UnderCi)
        {
            Assert.Fail($"{message}; under CI (CI=true) they must be there");
        }

        Skip.If(true, $"{message}; tests that read them are skipped");
    }
}
