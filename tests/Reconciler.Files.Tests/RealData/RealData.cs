namespace Reconciler.Files.Tests.RealData;

/// <summary>
/// The real bank exports in <c>../shared/realdata</c> (beside the repository), read in place: several are GPL or
/// AGPL test fixtures of other projects, so they are never copied into this one. Where the folder is absent a
/// test that needs it is skipped with a message saying where it was looked for; under CI (<c>CI=true</c>) it
/// fails instead, so a CI run that lost the folder cannot pass without having read a single real file.
/// </summary>
internal static class RealData
{
    /// <summary>The folder: <c>../shared/realdata</c> from the directory that holds <c>Reconciler.sln</c>.</summary>
    public static string Folder { get; } = Locate(AppContext.BaseDirectory);

    /// <summary>True when the environment says this is a CI run (<c>CI=true</c>).</summary>
    public static bool UnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens a file of the folder for reading, e.g. <c>double-entry-generator/boc-debit-records.csv</c>; skips or fails when the folder is absent.</summary>
    public static FileStream Open(string relativePath)
    {
        Require(Folder, UnderCi);
        return File.OpenRead(Path.Combine(Folder, relativePath));
    }

    /// <summary>Returns when <paramref name="folder"/> exists; otherwise fails (under CI) or skips the test, naming the folder.</summary>
    /// <exception cref="Xunit.Sdk.FailException">The folder is missing under CI.</exception>
    /// <exception cref="SkipException">The folder is missing outside CI.</exception>
    public static void Require(string folder, bool underCi)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var message = $"the real bank exports are not at {folder} (expected ../shared/realdata beside the repository root)";
        if (underCi)
        {
            Assert.Fail($"{message}; under CI (CI=true) they must be there");
        }

        Skip.If(true, $"{message}; tests that read them are skipped");
    }

    /// <summary><c>../shared/realdata</c> from the first directory at or above <paramref name="start"/> that holds <c>Reconciler.sln</c>.</summary>
    internal static string Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "realdata"));
            }
        }

        // No repository above the tests: report the place next to where they run, so the message still names a path.
        return Path.GetFullPath(Path.Combine(start, "..", "shared", "realdata"));
    }
}
